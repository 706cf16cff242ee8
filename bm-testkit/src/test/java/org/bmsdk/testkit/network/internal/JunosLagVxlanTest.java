package org.bmsdk.testkit.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.junit.jupiter.api.Test;

/** The simulated Junos statements for aggregated Ethernet and VXLAN: their syntax, commit checks and display. */
class JunosLagVxlanTest {

    private static List<String> words(String line) {
        return List.of(line.split(" "));
    }

    @Test
    void statementsAreCheckedAsTyped() {
        assertNull(JunosConfig.check(words("set interfaces ae10 aggregated-ether-options lacp active")));
        assertNull(JunosConfig.check(words("set interfaces ge-0/0/1 ether-options 802.3ad ae10")));
        assertNull(JunosConfig.check(words("delete interfaces ge-0/0/1 ether-options 802.3ad")));
        assertNull(JunosConfig.check(words("set vlans tenant-a vxlan vni 10010")));
        assertEquals("5:syntax error.", JunosConfig.check(words("set interfaces ae10 aggregated-ether-options lacp sideways")));
        assertEquals("3:syntax error.", JunosConfig.check(words("set interfaces ge-0/0/1 aggregated-ether-options lacp active")),
                "only an ae interface aggregates");
        assertEquals("5:syntax error.", JunosConfig.check(words("set interfaces ge-0/0/1 ether-options 802.3ad po10")));
        assertEquals("5:Value 16777215 is not within range (1..16777214) at '16777215'",
                JunosConfig.check(words("set vlans tenant-a vxlan vni 16777215")));
    }

    @Test
    void commitChecksMembersAndVnis() {
        SwitchModel m = new SwitchModel("jun-1", List.of("ge-0/0/1", "ge-0/0/2"));
        assertEquals(List.of(), JunosConfig.apply(m, List.of("set vlans tenant-a vlan-id 10", "set vlans tenant-b vlan-id 20",
                "set interfaces ge-0/0/1 unit 0 family ethernet-switching vlan members 10")));
        // a member must lose its unit, and its ae must exist
        List<String> refused = JunosConfig.apply(m.copy(), List.of("set interfaces ge-0/0/1 ether-options 802.3ad ae10"));
        assertEquals(2, refused.size(), refused.toString());
        assertTrue(refused.get(0).contains("ae10 is not configured"), refused.toString());
        assertTrue(refused.get(1).contains("cannot have a logical unit"), refused.toString());

        assertEquals(List.of(), JunosConfig.apply(m, List.of("set interfaces ae10 aggregated-ether-options lacp active",
                "delete interfaces ge-0/0/1 unit 0", "set interfaces ge-0/0/1 ether-options 802.3ad ae10",
                "set interfaces ge-0/0/2 ether-options 802.3ad ae10", "set vlans tenant-a vxlan vni 10010")));
        List<String> twice = JunosConfig.apply(m.copy(), List.of("set vlans tenant-b vxlan vni 10010"));
        assertTrue(twice.size() == 1 && twice.get(0).contains("VNI 10010 is already used by vlan tenant-a"), twice.toString());
        assertTrue(JunosConfig.apply(m.copy(), List.of("set vlans nope vxlan vni 5")).get(0).contains("VLAN nope has no vlan-id"));

        String text = JunosConfig.displaySet(m, null);
        assertTrue(text.contains("set interfaces ge-0/0/1 ether-options 802.3ad ae10\n"), text);
        assertTrue(text.contains("set interfaces ae10 aggregated-ether-options lacp active\n"), text);
        assertTrue(text.contains("set vlans tenant-a vlan-id 10\nset vlans tenant-a vxlan vni 10010\n"), text);
        SwitchConfig view = m.view();
        assertEquals(List.of("ge-0/0/1", "ge-0/0/2"), view.lagMembers("ae10"));
        assertEquals(Map.of(Vni.of(10010), VlanId.of(10)), view.vniToVlan());

        assertEquals(List.of(), JunosConfig.apply(m, List.of("delete vlans tenant-a")));
        assertEquals(Map.of(), m.view().vniToVlan(), "the VLAN takes its VNI with it");
    }
}
