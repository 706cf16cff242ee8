package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchDriverRegistry;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every operation of our drivers against a simulated switch of their dialect, over SSH: each is
 * read back through the driver's own parser and checked against what the switch holds.
 */
class SwitchDriverRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = SwitchDialect.class, names = {"CISCO_IOS", "ARISTA_EOS", "CISCO_NXOS", "DELL_OS10"})
    void everyOperationIsReadBackAsTheSwitchHoldsIt(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw-0", dialect))) {
            SimulatedSwitch sw = lab.get("sw-0");
            String p1 = dialect.portName(1);
            String p2 = dialect.portName(2);
            String p3 = dialect.portName(3);
            try (SwitchSession s = SwitchDriverRegistry.loadInstalled().driverFor(dialect.id()).open(lab.endpoint(sw),
                    org.bmsdk.api.DriverContext.defaults())) {
                s.createVlan(VlanId.of(100), "tenant-a");
                s.createVlan(VlanId.of(200), "tenant-b");
                s.createVlan(VlanId.of(999), "idle");
                s.createVlan(VlanId.of(300), "doomed");
                s.deleteVlan(VlanId.of(300));
                s.deleteVlan(VlanId.of(300)); // deleting what is gone changes nothing
                assertEquals("tenant-a", sw.vlanNames().get(100));

                s.setAccessVlan(p1, VlanId.of(100));
                s.setTrunk(p2, VlanId.of(100), Set.of(VlanId.of(200), VlanId.of(201), VlanId.of(202)));
                s.addTrunkVlan(p2, VlanId.of(300));
                s.removeTrunkVlan(p2, VlanId.of(201));
                s.setPortEnabled(p3, false);
                s.setTrunk(p3, VlanId.of(100), Set.of(VlanId.of(100), VlanId.of(200)));
                s.setIdle(p3, VlanId.of(999));

                SwitchConfig back = s.readBack();
                assertEquals(sw.runningConfig(), back, "the driver's parse of show running-config");
                assertEquals(Set.of(VlanId.of(1), VlanId.of(100), VlanId.of(200), VlanId.of(999)), back.vlans());
                assertEquals(PortState.access(p1, VlanId.of(100)), back.port(p1).orElseThrow());
                PortState trunk = back.port(p2).orElseThrow();
                assertEquals(PortState.Mode.TRUNK, trunk.mode());
                assertEquals(VlanId.of(100), trunk.nativeVlan());
                assertEquals(vlans(200, 202, 300), trunk.allowedVlans());
                PortState idle = back.port(p3).orElseThrow();
                assertFalse(idle.enabled());
                assertEquals(PortState.Mode.ACCESS, idle.mode());
                assertEquals(VlanId.of(999), idle.accessVlan());
                assertNull(idle.nativeVlan());

                s.setPortEnabled(p3, true);
                assertTrue(s.readBack().port(p3).orElseThrow().enabled());

                // The same intent twice changes nothing.
                SwitchConfig before = sw.runningConfig();
                s.setAccessVlan(p1, VlanId.of(100));
                s.setTrunk(p2, VlanId.of(100), vlans(200, 202, 300));
                assertEquals(before, sw.runningConfig());
            }
            assertEquals(1, sw.logins(), "one connection for every operation");
            assertTrue(sw.commands().contains("terminal length 0"), "paging is turned off");
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
