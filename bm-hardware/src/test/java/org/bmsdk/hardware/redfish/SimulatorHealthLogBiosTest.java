package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthReport;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.LogEntry;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.testkit.machine.EventLogEntry;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, the system event log and BIOS settings through the driver, against the machine's own. */
class SimulatorHealthLogBiosTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final Map<String, String> BIOS = Map.of(
            "ProcVirtualization", "Enabled",
            "SriovGlobalEnable", "Disabled",
            "BootTimeoutSeconds", "30",
            "SecureBoot", "true");
    private static RedfishLab lab;

    @BeforeAll
    static void startLab() {
        lab = RedfishLab.create(1);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static Rig rig() {
        return Rig.start(lab, RedfishSpec.defaults(), Rig.quick("node-1").biosDefaults(BIOS).build());
    }

    @Test
    void healthIsWhatTheMachineShows() {
        try (Rig r = rig()) {
            Health health = r.require(Health.class);
            assertEquals(new HealthReport(HealthStatus.OK, List.of()), health.health());

            r.machine().overrideHealth(HealthStatus.WARNING);
            HealthReport warning = health.health();
            assertEquals(HealthStatus.WARNING, warning.status());
            assertTrue(warning.faults().stream().anyMatch(f -> f.contains("1 is WARNING")), warning.faults().toString());

            r.machine().clearHealthOverride();
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            r.awaitOs(OsState.RUNNING);
            r.require(PowerControl.class).perform(PowerAction.INJECT_NMI, T);
            HealthReport critical = health.health();
            assertEquals(HealthStatus.CRITICAL, critical.status(), "a kernel panic is a critical event");
            assertFalse(critical.faults().isEmpty());
        }
    }

    @Test
    void theEventLogIsTheMachinesOldestFirstAndClears() {
        try (Rig r = rig()) {
            PowerControl power = r.require(PowerControl.class);
            power.perform(PowerAction.ON, T);
            power.perform(PowerAction.POWER_CYCLE, T);
            power.perform(PowerAction.OFF, T);
            SystemEventLog log = r.require(SystemEventLog.class);
            List<LogEntry> read = log.entries();
            List<EventLogEntry> kept = r.machine().eventLog().entries();
            assertEquals(kept.size(), read.size(), read.toString());
            for (int i = 0; i < kept.size(); i++) {
                assertEquals("Log/" + kept.get(i).id(), read.get(i).id());
                assertEquals(kept.get(i).at(), read.get(i).timestamp());
                assertEquals(kept.get(i).severity(), read.get(i).severity());
                assertEquals(kept.get(i).message(), read.get(i).message());
            }
            assertEquals(List.of("System power on", "System power cycle", "System power off"),
                    read.stream().map(LogEntry::message).toList());

            log.clear();
            assertEquals(List.of(), r.machine().eventLog().entries());
            assertEquals(List.of(), log.entries());
        }
    }

    @Test
    void biosChangesWaitForTheNextBootThenApply() {
        try (Rig r = rig()) {
            BiosSettings bios = r.require(BiosSettings.class);
            assertEquals(new TreeMap<>(BIOS), bios.attributes());

            bios.update(Map.of("ProcVirtualization", "Disabled", "BootTimeoutSeconds", "5", "SecureBoot", "false"));
            assertEquals(Map.of("ProcVirtualization", "Disabled", "BootTimeoutSeconds", "5", "SecureBoot", "false"),
                    r.machine().bios().pending(), "staged for the next boot, typed as the BMC types them");
            assertEquals(new TreeMap<>(BIOS), bios.attributes(), "not in effect before a boot");

            r.require(PowerControl.class).perform(PowerAction.ON, T);
            Map<String, String> applied = new TreeMap<>(BIOS);
            applied.putAll(Map.of("ProcVirtualization", "Disabled", "BootTimeoutSeconds", "5", "SecureBoot", "false"));
            assertEquals(applied, r.machine().bios().current());
            assertEquals(applied, bios.attributes());
            assertEquals(Map.of(), r.machine().bios().pending());

            bios.resetToDefaults();
            assertTrue(r.machine().bios().isResetPending());
            assertEquals(applied, bios.attributes(), "a reset to defaults also waits for a boot");
            r.require(PowerControl.class).perform(PowerAction.REBOOT, T);
            Rig.await("the reset to defaults", () -> !r.machine().bios().isResetPending());
            assertEquals(new TreeMap<>(BIOS), bios.attributes());
        }
    }

    @Test
    void anAttributeTheBiosDoesNotHaveIsRefusedAndNothingIsStaged() {
        try (Rig r = rig()) {
            DeviceException e = assertThrows(DeviceException.class,
                    () -> r.require(BiosSettings.class).update(Map.of("ProcVirtualization", "Disabled", "NoSuchThing", "1")));
            assertTrue(e.deviceCode().endsWith("PropertyUnknown"), e.deviceCode());
            assertTrue(e.getMessage().contains("NoSuchThing"), e.getMessage());
            assertEquals(Map.of(), r.machine().bios().pending());
        }
    }
}
