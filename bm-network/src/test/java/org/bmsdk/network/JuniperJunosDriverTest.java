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
import org.bmsdk.api.network.SwitchDriverRegistry;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Junos driver against a simulated Junos switch over SSH: commit, the lock, and its errors. */
class JuniperJunosDriverTest {

    private static final String P1 = "ge-0/0/1";
    private static final String P2 = "ge-0/0/2";
    private static final String P3 = "ge-0/0/3";

    @TempDir
    Path dir;

    @Test
    void everyOperationIsCommittedAndReadBackAsTheSwitchHoldsIt() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("jun-1", SwitchDialect.JUNIPER_JUNOS))) {
            SimulatedSwitch sw = lab.get("jun-1");
            try (SwitchSession s = SwitchDriverRegistry.loadInstalled().driverFor("juniper_junos").open(lab.endpoint(sw),
                    org.bmsdk.api.DriverContext.defaults())) {
                assertEquals(JuniperJunosDriver.class, Lab.driver(SwitchDialect.JUNIPER_JUNOS).getClass());
                s.createVlan(VlanId.of(100), "tenant-a");
                s.createVlan(VlanId.of(200), "tenant-b");
                s.createVlan(VlanId.of(201), "tenant-x");
                s.createVlan(VlanId.of(202), "tenant-c");
                s.createVlan(VlanId.of(301), "tenant-d");
                s.createVlan(VlanId.of(999), "idle");
                s.createVlan(VlanId.of(300), "doomed");
                s.deleteVlan(VlanId.of(300));
                s.deleteVlan(VlanId.of(300)); // deleting what is gone changes nothing
                assertEquals("tenant-a", sw.vlanNames().get(100));
                assertFalse(sw.vlanNames().containsKey(300));

                s.setAccessVlan(P1, VlanId.of(100));
                s.setTrunk(P2, VlanId.of(100), vlans(200, 201, 202));
                s.addTrunkVlan(P2, VlanId.of(301));
                s.removeTrunkVlan(P2, VlanId.of(201));
                s.setPortEnabled(P3, false);
                s.setTrunk(P3, VlanId.of(100), vlans(100, 200));
                s.setIdle(P3, VlanId.of(999));

                SwitchConfig back = s.readBack();
                assertEquals(sw.runningConfig(), back, "the driver's parse of show configuration | display set");
                assertEquals(vlans(1, 100, 200, 201, 202, 301, 999), back.vlans());
                assertEquals(PortState.access(P1, VlanId.of(100)), back.port(P1).orElseThrow());
                PortState trunk = back.port(P2).orElseThrow();
                assertEquals(PortState.Mode.TRUNK, trunk.mode());
                assertEquals(VlanId.of(100), trunk.nativeVlan());
                assertEquals(vlans(200, 202, 301), trunk.allowedVlans());
                PortState idle = back.port(P3).orElseThrow();
                assertFalse(idle.enabled());
                assertEquals(PortState.Mode.ACCESS, idle.mode());
                assertEquals(VlanId.of(999), idle.accessVlan());
                assertNull(idle.nativeVlan());

                // Renaming a VLAN keeps its id and its ports.
                s.createVlan(VlanId.of(100), "tenant-a2");
                assertEquals("tenant-a2", sw.vlanNames().get(100));
                assertEquals(VlanId.of(100), sw.runningConfig().port(P1).orElseThrow().accessVlan());

                // The same intent twice changes nothing, and an unchanged VLAN is not even sent.
                SwitchConfig before = sw.runningConfig();
                long commits = sw.commands().stream().filter("commit"::equals).count();
                s.createVlan(VlanId.of(200), "tenant-b");
                assertEquals(commits, sw.commands().stream().filter("commit"::equals).count());
                s.setAccessVlan(P1, VlanId.of(100));
                s.setTrunk(P2, VlanId.of(100), vlans(200, 202, 301));
                assertEquals(before, sw.runningConfig());
            }
            assertEquals(1, sw.logins(), "one connection for every operation");
            assertTrue(sw.commands().contains("set cli screen-length 0"), "paging is turned off");
            assertTrue(sw.commands().contains("configure private"), "a private candidate for each operation");
        }
    }

    @Test
    void aCommitIsRetriedWhileTheDatabaseIsLockedBySomeoneElse() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("jun-1", SwitchDialect.JUNIPER_JUNOS));
             SwitchSession s = lab.open(lab.get("jun-1"))) {
            SimulatedSwitch sw = lab.get("jun-1");
            sw.faults().lockConfiguration("netops", 2);
            s.createVlan(VlanId.of(10), "ten");
            assertEquals("ten", sw.vlanNames().get(10));
            assertEquals(3, sw.commands().stream().filter("commit"::equals).count(), "two locked commits, then one through");
        }
    }

    @Test
    void aLockThatStaysIsAClearRetryableErrorAndNothingIsLeftUncommitted() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("jun-1", SwitchDialect.JUNIPER_JUNOS));
             SwitchSession s = lab.open(lab.get("jun-1"))) {
            SimulatedSwitch sw = lab.get("jun-1");
            sw.faults().lockConfiguration("netops");
            DeviceException e = assertThrows(DeviceException.class, () -> s.createVlan(VlanId.of(10), "ten"));
            assertEquals("error: configuration database locked by:", e.deviceCode());
            assertTrue(e.isRetryable(), "another try later may get through");
            assertTrue(e.getMessage().contains("jun-1") && e.getMessage().contains("'commit'")
                    && e.getMessage().contains("netops") && e.getMessage().contains("5 times"), e.getMessage());
            assertEquals(5, sw.commands().stream().filter("commit"::equals).count());
            assertFalse(sw.vlanNames().containsKey(10));

            // The private candidate was discarded on the way out, and the session goes on.
            sw.faults().unlockConfiguration();
            s.createVlan(VlanId.of(11), "eleven");
            assertEquals(Set.of(1, 11), sw.vlanNames().keySet());
            assertEquals(1, sw.logins());
        }
    }

    @Test
    void refusedStatementsAndCommitsAreTypedErrorsNamingSwitchCommandAndLine() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("jun-1", SwitchDialect.JUNIPER_JUNOS));
             SwitchSession s = lab.open(lab.get("jun-1"))) {
            SimulatedSwitch sw = lab.get("jun-1");
            // A port on a VLAN that does not exist: Junos takes the line and refuses the commit.
            DeviceException commit = assertThrows(DeviceException.class, () -> s.setAccessVlan(P1, VlanId.of(555)));
            assertEquals("error: configuration check-out failed", commit.deviceCode());
            assertTrue(commit.getMessage().contains("jun-1") && commit.getMessage().contains("'commit'")
                    && commit.getMessage().contains("VLAN 555 is not defined"), commit.getMessage());
            assertEquals("juniper_junos", commit.context().driverId());
            assertEquals("port.access", commit.context().operation());
            assertEquals(VlanId.of(1), sw.runningConfig().port(P1).orElseThrow().accessVlan());

            // A statement the switch does not take at all.
            sw.faults().failNext("set vlans", "error: vlan name is reserved");
            DeviceException statement = assertThrows(DeviceException.class, () -> s.createVlan(VlanId.of(7), "seven"));
            assertEquals("error: vlan name is reserved", statement.deviceCode());
            assertTrue(statement.getMessage().contains("'set vlans seven vlan-id 7'"), statement.getMessage());

            // After each error the CLI is back in operational mode and the session goes on.
            s.createVlan(VlanId.of(555), "late");
            s.setAccessVlan(P1, VlanId.of(555));
            assertEquals(VlanId.of(555), s.readBack().port(P1).orElseThrow().accessVlan());
            assertFalse(lab.get("jun-1").commands().isEmpty());
            assertEquals(1, sw.logins());
        }
    }

    @Test
    void aDroppedSessionIsReconnectedAndTheOperationSentAgain() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("jun-1", SwitchDialect.JUNIPER_JUNOS));
             SwitchSession s = lab.open(lab.get("jun-1"))) {
            SimulatedSwitch sw = lab.get("jun-1");
            s.createVlan(VlanId.of(42), "net-42");
            sw.faults().dropSessionOn("commit");
            s.setAccessVlan(P2, VlanId.of(42));
            assertEquals(VlanId.of(42), sw.runningConfig().port(P2).orElseThrow().accessVlan());
            assertEquals(2, sw.logins());
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
