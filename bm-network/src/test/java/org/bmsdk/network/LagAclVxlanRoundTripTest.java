package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.bmsdk.testkit.network.Reachability;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LAGs, ACLs and VXLAN maps from our drivers to a simulated switch of their dialect and back, over
 * SSH: each is read back through the driver's parser and checked against what the switch holds.
 */
class LagAclVxlanRoundTripTest {

    private static final Acl WEB = new Acl("tenant-a-web", List.of(
            AclRule.tcp(AclRule.Direction.INGRESS, 443, "0.0.0.0/0"),
            new AclRule(AclRule.Direction.INGRESS, AclRule.Protocol.ICMP, 0, 0, "10.0.0.0/8"),
            new AclRule(AclRule.Direction.EGRESS, AclRule.Protocol.UDP, 53, 53, "192.0.2.53/32"),
            new AclRule(AclRule.Direction.EGRESS, AclRule.Protocol.TCP, 8000, 8100, "10.20.0.0/16"),
            new AclRule(AclRule.Direction.EGRESS, AclRule.Protocol.ANY, 0, 0, "172.16.0.0/12")));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = SwitchDialect.class, names = {"CISCO_IOS", "ARISTA_EOS", "CISCO_NXOS", "DELL_OS10", "CUMULUS_NVUE", "JUNIPER_JUNOS", "SONIC"})
    void lagsCarryVlansAndAreReadBack(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw-0", dialect)); SwitchSession s = lab.open(lab.get("sw-0"))) {
            SimulatedSwitch sw = lab.get("sw-0");
            String p1 = dialect.portName(1);
            String p2 = dialect.portName(2);
            String p3 = dialect.portName(3);
            String p4 = dialect.portName(4);
            s.createVlan(VlanId.of(100), "tenant-a");
            s.createLag("10", List.of(p1, p3));
            String lag = switch (dialect) {
                case CISCO_IOS -> "Port-channel10";
                case ARISTA_EOS -> "Port-Channel10";
                case CISCO_NXOS, DELL_OS10 -> "port-channel10";
                case CUMULUS_NVUE -> "bond10";
                case JUNIPER_JUNOS -> "ae10";
                case SONIC -> "PortChannel10";
                default -> throw new AssertionError(dialect);
            };
            s.setTrunk(lag, null, Set.of(VlanId.of(100)));
            s.setAccessVlan(p4, VlanId.of(100));

            SwitchConfig back = s.readBack();
            assertEquals(sw.runningConfig(), back, "the driver's parse of show running-config");
            assertEquals(List.of(p1, p3), back.lagMembers(lag));
            assertEquals(Set.of(VlanId.of(100)), back.port(lag).orElseThrow().allowedVlans());
            assertNull(back.port(p2).orElseThrow().lag());

            // The bonded node (two NICs on the LAG) reaches the node on the access port, as one port.
            Reachability cabling = Reachability.builder().nic("bond/eth0", "sw-0", p1).nic("bond/eth1", "sw-0", p3)
                    .nic("other", "sw-0", p4).build();
            assertEquals(Set.of("other"), cabling.reachableFrom("bond/eth0", lab.switches));

            // The same intent again changes nothing; a new member list frees the old member.
            SwitchConfig before = sw.runningConfig();
            s.createLag(lag, List.of(p1, p3));
            assertEquals(before, sw.runningConfig());
            s.createLag(dialect == SwitchDialect.CUMULUS_NVUE || dialect == SwitchDialect.JUNIPER_JUNOS ? lag : "po10", List.of(p1, p2));
            assertEquals(List.of(p1, p2), s.readBack().lagMembers(lag));

            s.deleteLag("10");
            SwitchConfig gone = s.readBack();
            assertFalse(gone.ports().containsKey(lag));
            assertEquals(List.of(), gone.lagMembers(lag));
            s.deleteLag("10"); // deleting what is gone changes nothing
            assertEquals(gone, sw.runningConfig());
            assertThrows(IllegalArgumentException.class, () -> s.createLag("ten", List.of(p1)));
        }
    }

    @ParameterizedTest
    @EnumSource(value = SwitchDialect.class, names = {"CISCO_IOS", "ARISTA_EOS", "CISCO_NXOS", "DELL_OS10"})
    void aclsAreBoundReadBackAndRemovedWhenUnused(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw-0", dialect)); SwitchSession s = lab.open(lab.get("sw-0"))) {
            SimulatedSwitch sw = lab.get("sw-0");
            String p1 = dialect.portName(1);
            String p2 = dialect.portName(2);
            s.bindAcl(p1, WEB);
            s.bindAcl(p2, WEB);
            SwitchConfig back = s.readBack();
            assertEquals(sw.runningConfig(), back);
            assertEquals(WEB, back.acl(WEB.name()).orElseThrow());
            assertEquals(WEB.name(), back.port(p1).orElseThrow().acl());
            String text = sw.runningConfigText();
            String bind = dialect == SwitchDialect.CISCO_NXOS ? "ip port access-group tenant-a-web in" : "ip access-group tenant-a-web in";
            assertTrue(text.contains(bind), text);
            int commands = sw.commands().size();
            s.bindAcl(p1, WEB);
            assertEquals(back, sw.runningConfig(), "binding it again changes nothing");
            assertFalse(sw.commands().subList(commands, sw.commands().size()).stream().anyMatch(c -> c.contains("access-list")),
                    "an ACL the switch holds already is not written again");

            Acl narrower = new Acl(WEB.name(), List.of(AclRule.tcp(AclRule.Direction.INGRESS, 22, "10.9.8.0/24")));
            int sent = sw.commands().size();
            s.bindAcl(p1, narrower);
            SwitchConfig replaced = s.readBack();
            assertEquals(narrower, replaced.acl(WEB.name()).orElseThrow(), "replaced");
            assertEquals(WEB.name(), replaced.port(p1).orElseThrow().acl());
            assertEquals(WEB.name(), replaced.port(p2).orElseThrow().acl());
            assertEquals(Set.of(WEB.name()), replaced.acls().keySet(), "the temporary ACL is gone");
            // the bound ports were moved to the new rules under a temporary name before the old ACL was deleted
            List<String> lines = sw.commands().subList(sent, sw.commands().size());
            String header = dialect == SwitchDialect.CISCO_IOS ? "ip access-list extended " : "ip access-list ";
            int moved = lines.indexOf(bind.replace("tenant-a-web", "bm-swap-tenant-a-web"));
            int deleted = lines.indexOf("no " + header + WEB.name());
            assertTrue(moved >= 0 && deleted > moved, lines.toString());

            s.unbindAcl(p1, WEB.name());
            assertNull(s.readBack().port(p1).orElseThrow().acl());
            assertTrue(s.readBack().acl(WEB.name()).isPresent(), "still bound to " + p2);
            s.unbindAcl(p2, WEB.name());
            SwitchConfig after = s.readBack();
            assertEquals(Map.of(), after.acls(), "unused, so deleted");
            assertEquals(PortState.access(p2, VlanId.of(1)), after.port(p2).orElseThrow());
            s.unbindAcl(p2, WEB.name()); // again: nothing left to do, and no error
        }
    }

    /**
     * The dialects whose ACLs are rules of match fields, changed in one commit (Junos), revision
     * (NVUE) or table write (SONiC): an ACL with other rules is written again in place, with no
     * temporary one.
     */
    @ParameterizedTest
    @EnumSource(value = SwitchDialect.class, names = {"JUNIPER_JUNOS", "CUMULUS_NVUE", "SONIC"})
    void ruleAclsAreBoundReadBackReplacedInPlaceAndRemovedWhenUnused(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw-0", dialect)); SwitchSession s = lab.open(lab.get("sw-0"))) {
            SimulatedSwitch sw = lab.get("sw-0");
            String p1 = dialect.portName(1);
            String p2 = dialect.portName(2);
            String keyword = switch (dialect) {
                case JUNIPER_JUNOS -> "firewall";
                case CUMULUS_NVUE -> "nv set acl";
                default -> "ACL_RULE";
            };
            String bind = switch (dialect) {
                case JUNIPER_JUNOS -> "set interfaces " + p1 + " unit 0 family ethernet-switching filter input tenant-a-web";
                case CUMULUS_NVUE -> "nv set interface " + p1 + " acl tenant-a-web inbound";
                default -> "tenant-a-web  L3    " + p1 + " "; // show acl table: name, type, first bound port
            };
            s.bindAcl(p1, WEB);
            s.bindAcl(p2, WEB);
            SwitchConfig back = s.readBack();
            assertEquals(sw.runningConfig(), back, "the driver's parse of the running configuration");
            assertEquals(WEB, back.acl(WEB.name()).orElseThrow());
            assertEquals(WEB.name(), back.port(p1).orElseThrow().acl());
            assertEquals(WEB.name(), back.port(p2).orElseThrow().acl());
            assertTrue(sw.runningConfigText().contains(bind), sw.runningConfigText());
            int commands = sw.commands().size();
            s.bindAcl(p1, WEB);
            assertEquals(back, sw.runningConfig(), "binding it again changes nothing");
            assertFalse(sw.commands().subList(commands, sw.commands().size()).stream().anyMatch(c -> c.contains(keyword)),
                    "an ACL the switch holds already is not written again");

            Acl narrower = new Acl(WEB.name(), List.of(AclRule.tcp(AclRule.Direction.INGRESS, 22, "10.9.8.0/24")));
            int sent = sw.commands().size();
            s.bindAcl(p1, narrower);
            SwitchConfig replaced = s.readBack();
            assertEquals(narrower, replaced.acl(WEB.name()).orElseThrow(), "replaced");
            assertEquals(WEB.name(), replaced.port(p1).orElseThrow().acl());
            assertEquals(WEB.name(), replaced.port(p2).orElseThrow().acl());
            assertEquals(Set.of(WEB.name()), replaced.acls().keySet(), "no temporary ACL");
            assertEquals(sw.runningConfig(), replaced);
            if (dialect == SwitchDialect.SONIC) {
                // the bound table's rules change behind a rule that drops all IPv4: closed, never open
                List<String> lines = sw.commands().subList(sent, sw.commands().size());
                int hold = lines.indexOf("sonic-db-cli CONFIG_DB hset \"ACL_RULE|tenant-a-web|BM_HOLD\" PRIORITY 9999 PACKET_ACTION DROP"
                        + " ETHER_TYPE 2048");
                int oldGone = lines.indexOf("sonic-db-cli CONFIG_DB del \"ACL_RULE|tenant-a-web|RULE_5\"");
                int newRule = lines.indexOf("sonic-db-cli CONFIG_DB hset \"ACL_RULE|tenant-a-web|RULE_1\" PRIORITY 8999 PACKET_ACTION"
                        + " FORWARD IP_PROTOCOL 6 DST_IP 10.9.8.0/24 L4_SRC_PORT 22");
                int released = lines.indexOf("sonic-db-cli CONFIG_DB del \"ACL_RULE|tenant-a-web|BM_HOLD\"");
                assertTrue(hold >= 0 && hold < oldGone && oldGone < newRule && newRule < released, lines.toString());
            }

            // Another ACL on p1 takes the place of the first there (one inbound ACL a port), not beside it.
            Acl ssh = new Acl("tenant-a-ssh", List.of(AclRule.tcp(AclRule.Direction.INGRESS, 22, "0.0.0.0/0")));
            s.bindAcl(p1, ssh);
            SwitchConfig moved = s.readBack();
            assertEquals(sw.runningConfig(), moved);
            assertEquals(ssh.name(), moved.port(p1).orElseThrow().acl());
            assertEquals(WEB.name(), moved.port(p2).orElseThrow().acl());
            assertEquals(Set.of(WEB.name(), ssh.name()), moved.acls().keySet());
            s.unbindAcl(p1, ssh.name());
            assertEquals(Set.of(WEB.name()), s.readBack().acls().keySet(), "unused, so deleted");
            s.bindAcl(p1, narrower);

            s.unbindAcl(p1, WEB.name());
            assertNull(s.readBack().port(p1).orElseThrow().acl());
            assertTrue(s.readBack().acl(WEB.name()).isPresent(), "still bound to " + p2);
            s.unbindAcl(p2, WEB.name());
            SwitchConfig after = s.readBack();
            assertEquals(Map.of(), after.acls(), "unused, so deleted");
            assertEquals(Map.of(), sw.runningConfig().acls());
            assertEquals(PortState.access(p2, VlanId.of(1)), after.port(p2).orElseThrow());
            s.unbindAcl(p2, WEB.name()); // again: nothing left to do, and no error
            s.save();
            assertEquals(sw.runningConfig(), sw.savedConfig());
        }
    }

    @ParameterizedTest
    @EnumSource(value = SwitchDialect.class, names = {"CISCO_IOS", "ARISTA_EOS", "CISCO_NXOS", "DELL_OS10", "CUMULUS_NVUE", "JUNIPER_JUNOS", "SONIC"})
    void vnisMapToExistingVlansOnly(SwitchDialect dialect) {
        // SONiC maps VNIs on the operator's VTEP: the switch starts with one (and VLAN 4000 on VNI 4000).
        Map<Vni, VlanId> base = dialect == SwitchDialect.SONIC ? Map.of(Vni.of(4000), VlanId.of(4000)) : Map.of();
        SwitchSpec.Builder spec = SwitchSpec.builder("sw-0", dialect);
        if (!base.isEmpty()) {
            spec.initialConfig(new SwitchConfig(Set.of(VlanId.of(1), VlanId.of(4000)), Map.of(), base));
        }
        try (Lab lab = new Lab(dir, spec); SwitchSession s = lab.open(lab.get("sw-0"))) {
            SimulatedSwitch sw = lab.get("sw-0");
            if (dialect == SwitchDialect.CISCO_IOS) {
                UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                        () -> s.mapVni(Vni.of(10010), VlanId.of(10)));
                assertTrue(e.getMessage().contains("no VXLAN"), e.getMessage());
                return;
            }
            ConfigurationException missing = assertThrows(ConfigurationException.class, () -> s.mapVni(Vni.of(10010), VlanId.of(10)));
            assertTrue(missing.getMessage().contains("has no VLAN 10"), missing.getMessage());
            assertEquals(base, sw.runningConfig().vniToVlan(), "nothing was sent");

            s.createVlan(VlanId.of(10), "tenant-a");
            s.createVlan(VlanId.of(20), "tenant-b");
            s.mapVni(Vni.of(10010), VlanId.of(10));
            s.mapVni(Vni.of(10020), VlanId.of(20));
            SwitchConfig back = s.readBack();
            assertEquals(sw.runningConfig(), back);
            assertEquals(with(base, Map.of(Vni.of(10010), VlanId.of(10), Vni.of(10020), VlanId.of(20))), back.vniToVlan());
            s.mapVni(Vni.of(10010), VlanId.of(10));
            assertEquals(back, sw.runningConfig(), "mapping it again changes nothing");
            // moving a VNI to another VLAN unmaps the old pairs first
            s.mapVni(Vni.of(10010), VlanId.of(20));
            assertEquals(with(base, Map.of(Vni.of(10010), VlanId.of(20))), s.readBack().vniToVlan());
            assertEquals(sw.runningConfig(), s.readBack());
            s.unmapVni(Vni.of(10010));
            s.unmapVni(Vni.of(10010));
            assertEquals(base, s.readBack().vniToVlan());
            if (dialect != SwitchDialect.ARISTA_EOS) { // EOS keeps a map whose VLAN is gone (and so does the driver)
                // a VLAN with a map can be deleted, and its map goes with it (SONiC refuses until the map goes,
                // and OS10 would keep its virtual network: the driver deletes them first)
                s.mapVni(Vni.of(10020), VlanId.of(20));
                s.deleteVlan(VlanId.of(20));
                assertEquals(base, s.readBack().vniToVlan());
                assertFalse(s.readBack().vlans().contains(VlanId.of(20)));
                s.createVlan(VlanId.of(30), "tenant-c");
                s.mapVni(Vni.of(10020), VlanId.of(30));
                assertEquals(with(base, Map.of(Vni.of(10020), VlanId.of(30))), s.readBack().vniToVlan(), "the VNI is free again");
                assertEquals(sw.runningConfig(), s.readBack());
            }
            s.save();
            assertEquals(sw.runningConfig(), sw.savedConfig());
        }
    }

    @org.junit.jupiter.api.Test
    void sonicMapsVnisOnTheOperatorsVtepOnly() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw-0", SwitchDialect.SONIC)); SwitchSession s = lab.open(lab.get("sw-0"))) {
            SimulatedSwitch sw = lab.get("sw-0");
            s.createVlan(VlanId.of(10), "tenant-a");
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> s.mapVni(Vni.of(10010), VlanId.of(10)));
            assertTrue(e.getMessage().contains("has no VTEP"), e.getMessage());
            assertFalse(sw.commands().stream().anyMatch(c -> c.startsWith("config vxlan")), sw.commands().toString());
        }
    }

    private static Map<Vni, VlanId> with(Map<Vni, VlanId> a, Map<Vni, VlanId> b) {
        Map<Vni, VlanId> out = new java.util.HashMap<>(a);
        out.putAll(b);
        return out;
    }
}
