package org.bmsdk.testkit.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.junit.jupiter.api.Test;

/** The LAG, ACL and VXLAN commands of the simulated IOS, EOS, NX-OS and OS10 CLIs, their prompts and errors. */
class LagAclVxlanCliTest {

    private static CliInterpreter cli(SwitchState s) {
        return new CliInterpreter(s, null);
    }

    private static String run(CliInterpreter cli, String line) {
        CliInterpreter.Reply r = cli.execute(line);
        assertNull(r.error(), () -> line + " -> " + r.output());
        return r.output();
    }

    @Test
    void iosLagAclAndTheirRunningConfiguration() {
        SwitchState ios = SwitchState.create("cisco_ios", "sw-0", List.of("GigabitEthernet1/0/1", "GigabitEthernet1/0/2"));
        CliInterpreter c = cli(ios);
        run(c, "configure terminal");
        run(c, "interface Port-channel10");
        assertEquals("sw-0(config-if)#", c.prompt());
        run(c, "switchport mode trunk");
        run(c, "interface gi1/0/1");
        run(c, "channel-group 10 mode active");
        run(c, "interface gi1/0/2");
        // joining a LAG that does not exist creates it, and IOS says so
        assertEquals("Creating a port-channel interface Port-channel 11", run(c, "channel-group 11 mode active"));
        assertTrue(c.execute("channel-group 12 mode sideways").error().startsWith("% Invalid input"));

        run(c, "ip access-list extended web");
        assertEquals("sw-0(config-ext-nacl)#", c.prompt());
        run(c, "permit tcp any 10.0.0.0 0.255.255.255 eq 80");
        run(c, "permit tcp any eq 22 host 192.0.2.7");
        CliInterpreter.Reply bad = c.execute("permit tcp any 10.0.0.0/8 eq 80");
        assertEquals("% Invalid input detected at '^' marker.", bad.error());
        // "sw-0(config-ext-nacl)#" is 22 characters; "10.0.0.0/8" starts 15 into the line
        assertEquals(" ".repeat(22 + 15) + "^\n% Invalid input detected at '^' marker.", bad.output());
        run(c, "interface gi1/0/1");
        run(c, "ip access-group web in");
        run(c, "end");

        String text = run(c, "show running-config");
        assertTrue(text.contains("interface GigabitEthernet1/0/1\n switchport mode access\n ip access-group web in\n"
                + " channel-group 10 mode active\n"), text);
        assertTrue(text.contains("ip access-list extended web\n permit tcp any 10.0.0.0 0.255.255.255 eq 80\n"
                + " permit tcp any eq 22 host 192.0.2.7\n"), text);
        SwitchConfig view = ios.running(SwitchModel::view);
        assertEquals("Port-channel10", view.port("GigabitEthernet1/0/1").orElseThrow().lag());
        assertEquals("web", view.port("GigabitEthernet1/0/1").orElseThrow().acl());
        assertEquals(new Acl("web", List.of(new AclRule(AclRule.Direction.EGRESS, AclRule.Protocol.TCP, 80, 80, "10.0.0.0/8"),
                new AclRule(AclRule.Direction.INGRESS, AclRule.Protocol.TCP, 22, 22, "192.0.2.7/32"))), view.acl("web").orElseThrow());

        run(c, "configure terminal");
        run(c, "no interface Port-channel10");
        assertTrue(c.execute("no interface GigabitEthernet1/0/1").error().startsWith("% Invalid input"), "physical ports stay");
        assertTrue(c.execute("interface vxlan1").error().startsWith("% Invalid input"), "IOS has no VXLAN");
        run(c, "end");
        SwitchConfig after = ios.running(SwitchModel::view);
        assertFalse(after.ports().containsKey("Port-channel10"));
        assertNull(after.port("GigabitEthernet1/0/1").orElseThrow().lag(), "removing the LAG frees its members");
    }

    @Test
    void eosMapsVlansToVnisOnVxlan1EvenForAMissingVlan() {
        SwitchState eos = SwitchState.create("arista_eos", "leaf1", List.of("Ethernet1", "Ethernet2"));
        CliInterpreter c = cli(eos);
        run(c, "configure");
        run(c, "vlan 10");
        run(c, "interface Vxlan1");
        assertEquals("leaf1(config-if-Vx1)#", c.prompt());
        run(c, "vxlan vlan 10 vni 10010");
        // the pitfall: EOS takes a map for a VLAN that does not exist, and forwards nothing for it
        run(c, "vxlan vlan 20 vni 10020");
        assertEquals("% VNI 10010 is already mapped to VLAN 10", c.execute("vxlan vlan 30 vni 10010").error());
        run(c, "ip access-list tenant-a");
        assertEquals("leaf1(config-acl-tenant-a)#", c.prompt());
        run(c, "permit udp any 10.1.0.0/16 range 1000 2000");
        assertEquals("% Invalid input", c.execute("permit udp any 10.1.0.0 0.0.255.255").error());
        run(c, "interface Port-Channel5");
        assertEquals("leaf1(config-if-Po5)#", c.prompt());
        run(c, "end");
        String text = run(c, "show running-config");
        assertTrue(text.contains("interface Vxlan1\n   vxlan vlan 10 vni 10010\n   vxlan vlan 20 vni 10020\n"), text);
        assertTrue(text.contains("ip access-list tenant-a\n   10 permit udp any 10.1.0.0/16 range 1000 2000\n"), text);
        SwitchConfig view = eos.running(SwitchModel::view);
        assertEquals(Map.of(Vni.of(10010), VlanId.of(10), Vni.of(10020), VlanId.of(20)), view.vniToVlan());
        assertTrue(view.ports().containsKey("Port-Channel5"));
    }

    @Test
    void nxosNeedsItsFeaturesBeforeVnSegmentAndNve() {
        SwitchState nx = SwitchState.create("cisco_nxos", "n9k", List.of("Ethernet1/1", "Ethernet1/2"));
        CliInterpreter c = cli(nx);
        run(c, "configure terminal");
        run(c, "vlan 10");
        assertEquals("% Invalid command at '^' marker.", c.execute("vn-segment 10010").error());
        assertEquals("% Invalid command at '^' marker.", c.execute("interface nve1").error());
        run(c, "feature vn-segment-vlan-based");
        run(c, "feature nv overlay");
        run(c, "vlan 10");
        run(c, "vn-segment 10010");
        run(c, "interface nve1");
        assertEquals("n9k(config-if-nve)# ", c.prompt());
        run(c, "member vni 10010");
        run(c, "interface Ethernet1/1");
        run(c, "ip port access-group web in");
        assertTrue(c.execute("ip port access-group web out").error().startsWith("% Invalid command"), "port ACLs are inbound only");
        run(c, "channel-group 7 mode active");
        run(c, "end");
        String text = run(c, "show running-config");
        assertTrue(text.contains("feature nv overlay\nfeature vn-segment-vlan-based\n"), text);
        assertTrue(text.contains("vlan 10\n  vn-segment 10010\n"), text);
        assertTrue(text.contains("interface nve1\n  member vni 10010\n"), text);
        assertTrue(text.contains("  ip port access-group web in\n  channel-group 7 mode active\n"), text);
        assertEquals(Map.of(Vni.of(10010), VlanId.of(10)), nx.running(SwitchModel::view).vniToVlan());
        run(c, "configure terminal");
        run(c, "no vlan 10");
        assertEquals(Map.of(), nx.running(SwitchModel::view).vniToVlan(), "the VLAN takes its vn-segment with it");
    }

    @Test
    void os10LagsAndSeqNumberedAcls() {
        SwitchState os10 = SwitchState.create("dell_os10", "OS10", List.of("ethernet1/1/1", "ethernet1/1/2"));
        CliInterpreter c = cli(os10);
        run(c, "configure terminal");
        run(c, "interface ethernet1/1/1");
        run(c, "channel-group 10 mode active");
        assertEquals("% Error: Unrecognized command.", c.execute("channel-group 11 mode sideways").error());
        run(c, "ip access-group web in");
        run(c, "ip access-list web");
        assertEquals("OS10(config-ipv4-acl)# ", c.prompt());
        run(c, "permit tcp any 10.0.0.0/8 eq 80");
        run(c, "seq 30 permit udp any eq 53 192.0.2.53/32");
        // OS10 takes prefixes only: a wildcard mask is an unknown word, and OS10 prints no caret
        assertEquals("% Error: Unrecognized command.", c.execute("permit tcp any 10.0.0.0 0.255.255.255 eq 80").error());
        assertEquals("% Error: Unrecognized command.", c.execute("vxlan vlan 10 vni 10010").error());
        run(c, "end");

        String text = run(c, "show running-configuration");
        assertTrue(text.contains("interface ethernet1/1/1\n no shutdown\n switchport access vlan 1\n channel-group 10 mode active\n"
                + " ip access-group web in\n"), text);
        assertTrue(text.contains("interface port-channel10\n"), text);
        assertTrue(text.contains("ip access-list web\n seq 10 permit tcp any 10.0.0.0/8 eq 80\n"
                + " seq 30 permit udp any eq 53 192.0.2.53/32\n!"), text);
        SwitchConfig view = os10.running(SwitchModel::view);
        assertEquals("port-channel10", view.port("ethernet1/1/1").orElseThrow().lag());
        assertEquals("web", view.port("ethernet1/1/1").orElseThrow().acl());
        assertEquals(2, view.acl("web").orElseThrow().rules().size());

        run(c, "configure terminal");
        run(c, "ip access-list web");
        run(c, "no seq 30");
        run(c, "exit");
        run(c, "no interface port-channel10");
        assertEquals("% Error: Unrecognized command.", c.execute("no interface ethernet1/1/2").error(), "physical ports stay");
        run(c, "end");
        SwitchConfig after = os10.running(SwitchModel::view);
        assertFalse(after.ports().containsKey("port-channel10"));
        assertNull(after.port("ethernet1/1/1").orElseThrow().lag(), "removing the LAG frees its members");
        assertEquals(1, after.acl("web").orElseThrow().rules().size());
    }
}
