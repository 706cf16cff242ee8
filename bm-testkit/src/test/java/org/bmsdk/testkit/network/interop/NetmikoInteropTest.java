package org.bmsdk.testkit.network.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * netmiko, a real client (the one networking-generic-switch drives switches with), configures the
 * simulated switches with its own device types: send_config_set, save_config and show commands.
 * What it set is read back twice: through its own show commands and from the switch's model.
 */
@Tag("interop")
class NetmikoInteropTest {

    @BeforeAll
    static void peers() {
        Netmiko.require();
    }

    @ParameterizedTest(name = "{0}, enable secret: {1}")
    @CsvSource({"CISCO_IOS, true", "CISCO_IOS, false", "ARISTA_EOS, false", "CISCO_NXOS, false"})
    void netmikoConfiguresTheSwitchAndReadsBackWhatItSet(SwitchDialect dialect, boolean enableSecret) {
        SwitchSpec.Builder spec = SwitchSpec.builder("tor-1", dialect);
        if (enableSecret) {
            spec.enableSecret(Secret.of("en-secret"));
        }
        try (SimulatedSwitches lab = SimulatedSwitches.start(spec.build())) {
            SimulatedSwitch sw = lab.get("tor-1");
            String p1 = dialect.portName(1);
            String p2 = dialect.portName(2);
            List<JsonNode> r = Netmiko.run(sw, enableSecret ? "en-secret" : null,
                    "config:vlan 100|name tenant-a|vlan 200|name tenant-b",
                    "config:interface " + p1 + "|switchport mode access|switchport access vlan 100",
                    "config:interface " + p2 + "|switchport mode trunk|switchport trunk native vlan 100"
                            + "|switchport trunk allowed vlan 100,200|shutdown",
                    "config:vlan 5000",
                    "save",
                    "show:show running-config interface " + p1,
                    "show:show vlan brief",
                    "show:show interfaces " + p2 + " switchport");

            assertEquals(PortState.access(p1, VlanId.of(100)), sw.runningConfig().port(p1).orElseThrow());
            PortState trunk = sw.runningConfig().port(p2).orElseThrow();
            assertEquals(new PortState(p2, false, PortState.Mode.TRUNK, null, VlanId.of(100),
                    Set.of(VlanId.of(100), VlanId.of(200)), null, null), trunk);
            assertEquals("tenant-b", sw.vlanNames().get(200));
            assertEquals(sw.runningConfig(), sw.savedConfig(), "save_config saved it");

            // netmiko passes a switch's error through as output: the simulated switch says what a real one says.
            String bad = r.get(3).get("output").asText();
            String invalid = switch (dialect) {
                case CISCO_IOS -> "% Invalid input detected at '^' marker.";
                case ARISTA_EOS -> "% Invalid input";
                case CISCO_NXOS -> "% Invalid command at '^' marker.";
                default -> throw new AssertionError(dialect);
            };
            assertTrue(bad.contains(invalid), bad);
            String saved = switch (dialect) {
                case CISCO_IOS -> "[OK]";
                case ARISTA_EOS -> "Copy completed successfully.";
                case CISCO_NXOS -> "Copy complete.";
                default -> throw new AssertionError(dialect);
            };
            assertTrue(r.get(4).get("output").asText().contains(saved), r.get(4).toString());

            String runIf = r.get(5).get("output").asText();
            assertTrue(runIf.contains("interface " + p1) && runIf.contains("switchport access vlan 100"), runIf);
            String vlans = r.get(6).get("output").asText();
            String shortP1 = switch (dialect) {
                case CISCO_IOS -> "Gi1/0/1";
                case ARISTA_EOS -> "Et1";
                case CISCO_NXOS -> "Eth1/1";
                default -> throw new AssertionError(dialect);
            };
            assertTrue(vlans.lines().anyMatch(l -> l.startsWith("100 ") && l.contains("tenant-a") && l.contains(shortP1)), vlans);
            String switchport = r.get(7).get("output").asText();
            assertTrue(switchport.contains("Administrative Mode: trunk") && switchport.contains("Trunking VLANs Enabled: 100,200"),
                    switchport);
            // netmiko ends in privileged EXEC, with the switch's own prompt.
            assertEquals("tor-1#", r.get(7).get("prompt").asText().strip());
            assertTrue(sw.commands().contains("terminal length 0"), "netmiko turned paging off");
        }
    }
}
