package org.bmsdk.testkit.network.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * netmiko, with its own device types, configures a LACP port-channel carrying a VLAN and an ACL
 * bound to a port on the simulated switches (through the ACL sub-mode and its prompt), sees the
 * switch refuse a bad ACL entry, and reads it all back with {@code show running-config}.
 */
@Tag("interop")
class NetmikoLagAclInteropTest {

    @BeforeAll
    static void peers() {
        Netmiko.require();
    }

    @ParameterizedTest
    @EnumSource(value = SwitchDialect.class, names = {"CISCO_IOS", "ARISTA_EOS", "CISCO_NXOS"})
    void netmikoConfiguresALagAndAnAcl(SwitchDialect dialect) {
        try (SimulatedSwitches lab = SimulatedSwitches.start(SwitchSpec.builder("tor-1", dialect).build())) {
            SimulatedSwitch sw = lab.get("tor-1");
            String p1 = dialect.portName(1);
            String p2 = dialect.portName(2);
            String p3 = dialect.portName(3);
            String lag = switch (dialect) {
                case CISCO_IOS -> "Port-channel10";
                case ARISTA_EOS -> "Port-Channel10";
                case CISCO_NXOS -> "port-channel10";
                default -> throw new AssertionError(dialect);
            };
            String header = dialect == SwitchDialect.CISCO_IOS ? "ip access-list extended web" : "ip access-list web";
            String dns = dialect == SwitchDialect.CISCO_IOS ? "permit udp any 10.0.0.0 0.255.255.255 eq 53"
                    : "permit udp any 10.0.0.0/8 eq 53";
            String bind = dialect == SwitchDialect.CISCO_NXOS ? "ip port access-group web in" : "ip access-group web in";
            List<JsonNode> r = Netmiko.run(sw, null,
                    "config:vlan 100|interface " + lag + "|switchport mode trunk|switchport trunk allowed vlan 100"
                            + "|interface " + p1 + "|channel-group 10 mode active|interface " + p2 + "|channel-group 10 mode active",
                    "config:" + header + "|permit tcp any eq 443 any|" + dns + "|interface " + p3 + "|" + bind,
                    "config:" + header + "|permit tcp any any eq not-a-port",
                    "save",
                    "show:show running-config");

            SwitchConfig c = sw.runningConfig();
            assertEquals(List.of(p1, p2), c.lagMembers(lag));
            PortState po = c.port(lag).orElseThrow();
            assertEquals(PortState.Mode.TRUNK, po.mode());
            assertEquals(Set.of(VlanId.of(100)), po.allowedVlans());
            assertEquals("web", c.port(p3).orElseThrow().acl());
            assertEquals(new Acl("web", List.of(AclRule.tcp(AclRule.Direction.INGRESS, 443, "0.0.0.0/0"),
                    new AclRule(AclRule.Direction.EGRESS, AclRule.Protocol.UDP, 53, 53, "10.0.0.0/8"))), c.acl("web").orElseThrow());
            assertEquals(c, sw.savedConfig(), "save_config saved it");

            String bad = r.get(2).get("output").asText();
            String invalid = switch (dialect) {
                case CISCO_IOS -> "% Invalid input detected at '^' marker.";
                case ARISTA_EOS -> "% Invalid input";
                case CISCO_NXOS -> "% Invalid command at '^' marker.";
                default -> throw new AssertionError(dialect);
            };
            assertTrue(bad.contains(invalid), bad);

            String run = r.get(4).get("output").asText();
            assertTrue(run.contains("interface " + lag), run);
            assertTrue(run.contains("channel-group 10 mode active"), run);
            assertTrue(run.contains(header) && run.contains(bind), run);
            assertEquals("tor-1#", r.get(4).get("prompt").asText().strip());
        }
    }
}
