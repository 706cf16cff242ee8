package org.bmsdk.testkit.network.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * netmiko's own {@code juniper_junos} device type configures the simulated Junos switch:
 * send_config_set (the shared candidate, left uncommitted, which netmiko answers "yes" to), then
 * commit, then show commands; what it set is read back from the switch's model too.
 */
@Tag("interop")
class NetmikoJunosInteropTest {

    @BeforeAll
    static void peers() {
        Netmiko.require();
    }

    @Test
    void netmikoConfiguresCommitsAndReadsBackWhatItSet() {
        try (SimulatedSwitches lab = SimulatedSwitches.start(SwitchSpec.builder("tor-1", SwitchDialect.JUNIPER_JUNOS).build())) {
            SimulatedSwitch sw = lab.get("tor-1");
            String esw = " unit 0 family ethernet-switching";
            List<JsonNode> r = Netmiko.run(sw, null,
                    "config:set vlans tenant-a vlan-id 100|set vlans tenant-b vlan-id 200"
                            + "|set interfaces ge-0/0/1" + esw + " interface-mode access"
                            + "|set interfaces ge-0/0/1" + esw + " vlan members tenant-a"
                            + "|set interfaces ge-0/0/2" + esw + " interface-mode trunk"
                            + "|set interfaces ge-0/0/2" + esw + " vlan members [ tenant-a tenant-b ]"
                            + "|set interfaces ge-0/0/2 native-vlan-id 100|set interfaces ge-0/0/2 disable",
                    "config:set vlans bad vlan-id 5000",
                    "commit",
                    "show:show configuration vlans | display set",
                    "show:show configuration interfaces ge-0/0/2 | display set",
                    "show:show vlans");

            assertEquals(PortState.access("ge-0/0/1", VlanId.of(100)), sw.runningConfig().port("ge-0/0/1").orElseThrow());
            assertEquals(new PortState("ge-0/0/2", false, PortState.Mode.TRUNK, null, VlanId.of(100),
                    Set.of(VlanId.of(100), VlanId.of(200)), null, null), sw.runningConfig().port("ge-0/0/2").orElseThrow());
            assertEquals("tenant-b", sw.vlanNames().get(200));
            assertEquals(sw.runningConfig(), sw.savedConfig(), "commit is the save");
            assertFalse(sw.vlanNames().containsValue("bad"));

            // netmiko passes the switch's error through as output: the simulated switch says what Junos says.
            String bad = r.get(1).get("output").asText();
            assertTrue(bad.contains("Value 5000 is not within range (1..4094) at '5000'") && bad.contains("^"), bad);
            assertTrue(r.get(2).get("output").asText().contains("commit complete"), r.get(2).toString());
            assertTrue(sw.commands().contains("exit configuration-mode") && sw.commands().contains("yes"),
                    "netmiko left the uncommitted shared candidate and said yes");

            String vlans = r.get(3).get("output").asText();
            assertTrue(vlans.contains("set vlans tenant-a vlan-id 100") && vlans.contains("set vlans tenant-b vlan-id 200"), vlans);
            String port = r.get(4).get("output").asText();
            assertTrue(port.contains("set interfaces ge-0/0/2" + esw + " interface-mode trunk")
                    && port.contains("set interfaces ge-0/0/2 native-vlan-id 100")
                    && port.contains("set interfaces ge-0/0/2 disable"), port);
            String table = r.get(5).get("output").asText();
            assertTrue(table.lines().anyMatch(l -> l.contains("tenant-a") && l.contains("100")), table);
            assertTrue(table.contains("ge-0/0/1.0*"), table);
            assertEquals("netadmin@tor-1>".replace("netadmin", sw.spec().username()), r.get(5).get("prompt").asText().strip());
            assertTrue(sw.commands().contains("set cli screen-length 0"), "netmiko turned paging off");
        }
    }
}
