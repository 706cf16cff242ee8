package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The SONiC and Cumulus NVUE drivers against simulated switches of theirs, over SSH. */
class LinuxShellDialectsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = SwitchDialect.class, names = {"SONIC", "CUMULUS_NVUE"})
    void everyOperationIsReadBackAsTheSwitchHoldsIt(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw-0", dialect))) {
            SimulatedSwitch sw = lab.get("sw-0");
            String p1 = dialect.portName(1);
            String p2 = dialect.portName(2);
            String p3 = dialect.portName(3);
            try (SwitchSession s = lab.open(sw)) {
                for (int v : new int[] {100, 200, 201, 202, 301, 999, 300}) {
                    s.createVlan(VlanId.of(v), "net-" + v);
                }
                s.createVlan(VlanId.of(100), "again"); // what exists is left alone
                s.deleteVlan(VlanId.of(300));
                s.deleteVlan(VlanId.of(300));

                s.setAccessVlan(p1, VlanId.of(100));
                s.setTrunk(p2, VlanId.of(100), vlans(200, 201, 202));
                s.addTrunkVlan(p2, VlanId.of(301));
                s.removeTrunkVlan(p2, VlanId.of(201));
                s.setPortEnabled(p3, false);
                s.setTrunk(p3, VlanId.of(100), vlans(100, 200));
                s.setIdle(p3, VlanId.of(999));

                SwitchConfig back = s.readBack();
                assertEquals(sw.runningConfig(), back, "the driver's parse of the switch's show output");
                assertEquals(vlans(1, 100, 200, 201, 202, 301, 999), back.vlans());
                assertEquals(PortState.access(p1, VlanId.of(100)), back.port(p1).orElseThrow());
                PortState trunk = back.port(p2).orElseThrow();
                assertEquals(PortState.Mode.TRUNK, trunk.mode());
                assertEquals(VlanId.of(100), trunk.nativeVlan());
                assertEquals(vlans(200, 202, 301), trunk.allowedVlans());
                PortState idle = back.port(p3).orElseThrow();
                assertFalse(idle.enabled());
                assertEquals(PortState.access(p3, VlanId.of(999)).accessVlan(), idle.accessVlan());
                assertEquals(PortState.Mode.ACCESS, idle.mode());
                assertNull(idle.nativeVlan());

                SwitchConfig before = sw.runningConfig();
                s.setAccessVlan(p1, VlanId.of(100));
                s.setTrunk(p2, VlanId.of(100), vlans(200, 202, 301));
                assertEquals(before, sw.runningConfig());

                // A VLAN that ports use is taken off them before it goes (SONiC refuses otherwise).
                s.deleteVlan(VlanId.of(202));
                assertEquals(vlans(200, 301), sw.runningConfig().port(p2).orElseThrow().allowedVlans());

                SwitchConfig held = sw.runningConfig();
                s.deleteLag("7"); // both have LAGs: deleting one that does not exist changes nothing
                assertEquals(held, sw.runningConfig());
            }
            assertEquals(1, sw.logins(), "one connection for every operation");
        }
    }

    @Test
    void sonicErrorsAreTypedErrorsNamingSwitchCommandAndLine() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sonic-1", SwitchDialect.SONIC));
             SwitchSession s = lab.open(lab.get("sonic-1"))) {
            SimulatedSwitch sw = lab.get("sonic-1");
            DeviceException e = assertThrows(DeviceException.class, () -> s.setAccessVlan("Ethernet0", VlanId.of(555)));
            assertEquals("Error: Vlan555 doesn't exist", e.deviceCode());
            assertTrue(e.getMessage().contains("sonic-1") && e.getMessage().contains("'config vlan member add -u 555 Ethernet0'"),
                    e.getMessage());
            assertEquals("sonic", e.context().driverId());
            assertTrue(sw.commands().contains("sudo su"), "root through sudo");
            // The root shell was left; the session goes on.
            s.createVlan(VlanId.of(555), "x");
            s.setAccessVlan("Ethernet0", VlanId.of(555));
            assertEquals(VlanId.of(555), s.readBack().port("Ethernet0").orElseThrow().accessVlan());
            assertEquals(1, sw.logins());
        }
    }

    @Test
    void nvueErrorsAreTypedErrorsAndTheFailedRevisionIsDropped() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("cl-1", SwitchDialect.CUMULUS_NVUE));
             SwitchSession s = lab.open(lab.get("cl-1"))) {
            SimulatedSwitch sw = lab.get("cl-1");
            DeviceException e = assertThrows(DeviceException.class, () -> s.setAccessVlan("swp1", VlanId.of(555)));
            assertTrue(e.deviceCode().startsWith("Error: Invalid config"), e.deviceCode());
            assertTrue(e.getMessage().contains("cl-1") && e.getMessage().contains("'nv config apply -y'"), e.getMessage());
            assertTrue(sw.commands().contains("nv config detach"), "the failed revision is dropped");

            DeviceException bad = assertThrows(DeviceException.class, () -> s.setAccessVlan("swp99", VlanId.of(1)));
            assertTrue(bad.deviceCode().startsWith("Error: Invalid config"), bad.deviceCode());

            // Nothing of the failed revisions comes back with the next one.
            s.createVlan(VlanId.of(7), "seven");
            assertEquals(VlanId.of(1), sw.runningConfig().port("swp1").orElseThrow().accessVlan());
            assertTrue(sw.runningConfig().vlans().contains(VlanId.of(7)));
        }
    }

    private static Set<VlanId> vlans(int... ids) {
        Set<VlanId> out = new TreeSet<>();
        for (int id : ids) {
            out.add(VlanId.of(id));
        }
        return out;
    }
}
