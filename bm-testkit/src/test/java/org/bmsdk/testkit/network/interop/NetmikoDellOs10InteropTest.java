package org.bmsdk.testkit.network.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * netmiko's own {@code dell_os10} device type configures the simulated OS10 switch with the lines
 * networking-generic-switch's OS10 device sends (send_config_set), saves it (save_config) and reads
 * it back with show commands; the switch's model confirms it.
 */
@Tag("interop")
class NetmikoDellOs10InteropTest {

    @BeforeAll
    static void peers() {
        Netmiko.require();
    }

    @Test
    void netmikoConfiguresSavesAndReadsBackWhatItSet() {
        try (SimulatedSwitches lab = SimulatedSwitches.start(SwitchSpec.builder("tor-1", SwitchDialect.DELL_OS10).build())) {
            SimulatedSwitch sw = lab.get("tor-1");
            List<JsonNode> r = Netmiko.run(sw, null,
                    "config:interface vlan 100|description tenant-a|exit|interface vlan 200|description tenant-b|exit",
                    "config:interface ethernet1/1/1|switchport mode access|switchport access vlan 100|exit",
                    "config:interface ethernet1/1/2|switchport mode trunk|switchport access vlan 100"
                            + "|switchport trunk allowed vlan 100,200|shutdown|exit",
                    "config:interface vlan 5000",
                    "save",
                    "show:show running-configuration interface ethernet1/1/2",
                    "show:show vlan");

            assertEquals(PortState.access("ethernet1/1/1", VlanId.of(100)), sw.runningConfig().port("ethernet1/1/1").orElseThrow());
            assertEquals(new PortState("ethernet1/1/2", false, PortState.Mode.TRUNK, null, VlanId.of(100),
                    Set.of(VlanId.of(100), VlanId.of(200)), null, null), sw.runningConfig().port("ethernet1/1/2").orElseThrow());
            assertEquals("tenant-b", sw.vlanNames().get(200));
            assertEquals(sw.runningConfig(), sw.savedConfig(), "save_config saved it");
            assertTrue(sw.commands().contains("copy running-configuration startup-configuration"), sw.commands().toString());

            String bad = r.get(3).get("output").asText();
            assertTrue(bad.contains("% Error: Unrecognized command."), bad);
            String runIf = r.get(5).get("output").asText();
            assertTrue(runIf.contains("interface ethernet1/1/2") && runIf.contains("switchport mode trunk")
                    && runIf.contains("switchport trunk allowed vlan 100,200"), runIf);
            String vlans = r.get(6).get("output").asText();
            assertTrue(vlans.lines().anyMatch(l -> l.startsWith("100 ") && l.contains("tenant-a") && l.contains("eth1/1/1")), vlans);
            assertEquals("tor-1#", r.get(6).get("prompt").asText().strip());
            assertTrue(sw.commands().contains("terminal length 0"), "netmiko turned paging off");
        }
    }
}
