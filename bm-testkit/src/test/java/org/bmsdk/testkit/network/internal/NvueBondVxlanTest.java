package org.bmsdk.testkit.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.junit.jupiter.api.Test;

/** The simulated NVUE switch's bonds and VXLAN map: statements checked as typed, the revision at apply. */
class NvueBondVxlanTest {

    private static String ok(NvueInterpreter nv, String line) {
        CliInterpreter.Reply r = nv.execute(line);
        assertNull(r.error(), () -> line + " -> " + r.output());
        return r.output();
    }

    @Test
    void bondsAndVnisAreStagedAppliedAndPrinted() {
        SwitchState s = SwitchState.create("cumulus_nvue", "leaf1", List.of("swp1", "swp2", "swp3"));
        NvueInterpreter nv = new NvueInterpreter(s, "cumulus");
        ok(nv, "nv set interface swp1 bridge domain br_default access 10");
        ok(nv, "nv set bridge domain br_default vlan 10");
        ok(nv, "nv set interface bond1 bond member swp1");
        ok(nv, "nv set interface bond1 bond member swp2");
        ok(nv, "nv set interface bond1 bond mode lacp");
        ok(nv, "nv set interface bond1 bridge domain br_default vlan 10");
        ok(nv, "nv set nve vxlan enable on");
        ok(nv, "nv set bridge domain br_default vlan 10 vni 10010");
        // typed statements are checked at once, with NVUE's error
        assertEquals("Error: Invalid Command: set interface bond1 bond mode sideways",
                nv.execute("nv set interface bond1 bond mode sideways").error());
        assertEquals("Error: Invalid Command: set bridge domain br_default vlan 10 vni 16777215",
                nv.execute("nv set bridge domain br_default vlan 10 vni 16777215").error());
        assertEquals("Error: Invalid Command: unset interface swp1", nv.execute("nv unset interface swp1").error(),
                "a switch port cannot be removed");
        assertTrue(ok(nv, "nv config apply -y").startsWith("applied"));

        String text = ok(nv, "nv config show -o commands");
        assertTrue(text.contains("nv set nve vxlan enable on\nnv set bridge domain br_default vlan 10 vni 10010\n"), text);
        assertTrue(text.contains("nv set interface bond1 bond member swp1\nnv set interface bond1 bond member swp2\n"
                + "nv set interface bond1 bond mode lacp\nnv set interface bond1 bridge domain br_default\n"), text);
        assertFalse(text.contains("interface swp1 bridge"), "a bond member is not a bridge port: " + text);
        SwitchConfig view = s.running(SwitchModel::view);
        assertEquals(List.of("swp1", "swp2"), view.lagMembers("bond1"));
        assertEquals(VlanId.of(1), view.port("swp1").orElseThrow().accessVlan(), "joining the bond dropped its VLAN");
        assertEquals(Map.of(Vni.of(10010), VlanId.of(10)), view.vniToVlan());

        // the revision is checked as a whole: a VNI on a VLAN the bridge lacks, or on two VLANs, is refused
        ok(nv, "nv set bridge domain br_default vlan 20 vni 10010");
        CliInterpreter.Reply bad = nv.execute("nv config apply -y");
        assertTrue(bad.error().startsWith("Error: Invalid config"), bad.output());
        assertTrue(bad.output().contains("vlan 20 is not a vlan of bridge domain br_default"), bad.output());
        assertTrue(bad.output().contains("vni 10010 is mapped to more than one vlan"), bad.output());
        ok(nv, "nv config detach");
        assertEquals(view, s.running(SwitchModel::view), "nothing of a refused revision is applied");

        ok(nv, "nv unset interface bond1");
        ok(nv, "nv unset bridge domain br_default vlan 10 vni");
        ok(nv, "nv config apply -y");
        SwitchConfig after = s.running(SwitchModel::view);
        assertFalse(after.ports().containsKey("bond1"));
        assertNull(after.port("swp1").orElseThrow().lag(), "removing the bond frees its members");
        assertEquals(Map.of(), after.vniToVlan());
    }
}
