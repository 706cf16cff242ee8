package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.testkit.machine.BootInfo;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.redfish.RecordedRequest;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every power action of the driver against the simulator over HTTPS: each returns once the
 * machine behind the BMC is where the action puts it, and the driver reads back what the machine
 * shows.
 */
class SimulatorPowerTest {

    private static final Duration T = Duration.ofSeconds(10);
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
        return Rig.start(lab, RedfishSpec.defaults(), Rig.quick("node-1").build());
    }

    private static Rig runningRig() {
        Rig r = rig();
        r.require(PowerControl.class).perform(PowerAction.ON, T);
        r.awaitOs(OsState.RUNNING);
        return r;
    }

    private static List<String> resets(Rig r) {
        return r.bmc().requests().stream().map(RecordedRequest::target).filter(t -> t.endsWith("ComputerSystem.Reset")).toList();
    }

    @Test
    void onReachesTheMachineAndReadsBack() {
        try (Rig r = rig()) {
            PowerControl power = r.require(PowerControl.class);
            assertEquals(PowerState.OFF, power.powerState());
            power.perform(PowerAction.ON, T);
            assertEquals(PowerState.ON, r.machine().powerState());
            assertEquals(PowerState.ON, power.powerState());
            r.awaitOs(OsState.RUNNING);
            power.perform(PowerAction.ON, T);
            assertEquals(1, resets(r).size(), "ON on a machine that is on sends nothing");
        }
    }

    @Test
    void offCutsThePowerWhateverTheOsDoes() {
        try (Rig r = runningRig()) {
            r.require(PowerControl.class).perform(PowerAction.OFF, T);
            assertEquals(PowerState.OFF, r.machine().powerState());
            assertEquals(OsState.OFF, r.machine().osState());
            assertEquals(PowerState.OFF, r.require(PowerControl.class).powerState());
            assertTrue(r.machine().eventLog().entries().stream().anyMatch(e -> e.message().equals("System power off")));
        }
    }

    @Test
    void gracefulShutdownOfAnOsThatHonoursAcpi() {
        try (Rig r = runningRig()) {
            assertTrue(r.require(PowerControl.class).gracefulShutdown(T, false));
            assertEquals(PowerState.OFF, r.machine().powerState());
            assertTrue(r.machine().console().text().contains("reboot: Power down"), "the OS shut itself down");
            assertTrue(r.machine().eventLog().entries().stream().anyMatch(e -> e.message().equals("System power off (OS shutdown)")));
        }
    }

    @Test
    void softOffAsAnActionAlsoWaitsForTheOs() {
        try (Rig r = runningRig()) {
            r.require(PowerControl.class).perform(PowerAction.SOFT_OFF, T);
            assertEquals(PowerState.OFF, r.machine().powerState());
            assertTrue(r.machine().console().text().contains("reboot: Power down"));
        }
    }

    @Test
    void aHungShutdownIsATimeoutUnlessForcingIsAsked() {
        try (Rig r = runningRig()) {
            r.machine().faults().hangOnShutdown();
            PowerControl power = r.require(PowerControl.class);
            OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                    () -> power.gracefulShutdown(Duration.ofMillis(400), false));
            assertTrue(e.getMessage().contains("ON"), e.getMessage());
            assertEquals(PowerState.ON, r.machine().powerState(), "not forced when not asked");
            assertEquals(OsState.HUNG, r.machine().osState());
            assertFalse(power.gracefulShutdown(Duration.ofMillis(400), true), "forced off");
            assertEquals(PowerState.OFF, r.machine().powerState());
        }
    }

    @Test
    void anOsThatIgnoresAcpiIsForcedOffOnlyWhenAsked() {
        try (Rig r = Rig.start(lab, RedfishSpec.defaults(), Rig.quick("deaf").honoursAcpi(false).build())) {
            PowerControl power = r.require(PowerControl.class);
            power.perform(PowerAction.ON, T);
            r.awaitOs(OsState.RUNNING);
            assertThrows(OperationTimeoutException.class, () -> power.gracefulShutdown(Duration.ofMillis(300), false));
            assertEquals(OsState.RUNNING, r.machine().osState(), "the OS never heard it");
            assertFalse(power.gracefulShutdown(Duration.ofMillis(300), true));
            assertEquals(PowerState.OFF, r.machine().powerState());
        }
    }

    @Test
    void rebootIsAHardResetThatBootsAgain() {
        try (Rig r = runningRig()) {
            long before = r.machine().lastBoot().map(BootInfo::sequence).orElseThrow();
            r.require(PowerControl.class).perform(PowerAction.REBOOT, T);
            assertEquals(PowerState.ON, r.machine().powerState());
            Rig.await("a new boot", () -> r.machine().lastBoot().map(BootInfo::sequence).orElse(0L) > before);
            assertTrue(r.machine().eventLog().entries().stream().anyMatch(e -> e.message().equals("System reset")));
        }
    }

    @Test
    void rebootOfAMachineThatIsOffPowersItOn() {
        try (Rig r = rig()) {
            r.require(PowerControl.class).perform(PowerAction.REBOOT, T);
            assertEquals(PowerState.ON, r.machine().powerState());
        }
    }

    @Test
    void powerCycleGoesOffAndOn() {
        try (Rig r = runningRig()) {
            r.require(PowerControl.class).perform(PowerAction.POWER_CYCLE, T);
            assertEquals(PowerState.ON, r.machine().powerState());
            assertTrue(r.machine().eventLog().entries().stream().anyMatch(e -> e.message().equals("System power cycle")));
            r.awaitOs(OsState.RUNNING);
            assertEquals(2, r.machine().lastBoot().orElseThrow().sequence());
        }
    }

    @Test
    void softRebootShutsTheOsDownAndPowersOnAgain() {
        try (Rig r = runningRig()) {
            r.require(PowerControl.class).perform(PowerAction.SOFT_REBOOT, T);
            assertEquals(PowerState.ON, r.machine().powerState());
            Rig.await("the second boot", () -> r.machine().lastBoot().map(BootInfo::sequence).orElse(0L) == 2);
            assertTrue(r.machine().console().text().contains("reboot: Power down"), "the OS shut down first");
        }
    }

    @Test
    void aSoftRebootReturnsOnlyAfterTheOsShutDownAndTheMachineStartedAgain() {
        try (Rig r = runningRig()) {
            // The BMC says On all through the OS's shutdown (150 ms here): returning then would be too early.
            r.require(PowerControl.class).perform(PowerAction.SOFT_REBOOT, T);
            assertTrue(r.machine().console().text().contains("reboot: Power down"), "returned before the OS shut down");
            assertEquals(PowerState.ON, r.machine().powerState());
            assertTrue(r.machine().eventLog().entries().stream().filter(e -> e.message().equals("System power on")).count() >= 2,
                    "returned before the machine powered on again");
        }
    }

    @Test
    void anNmiCrashesTheKernelOntoTheConsole() {
        try (Rig r = runningRig()) {
            r.require(PowerControl.class).perform(PowerAction.INJECT_NMI, T);
            assertEquals(OsState.PANICKED, r.machine().osState());
            assertEquals(PowerState.ON, r.machine().powerState(), "an NMI leaves the power alone");
            assertTrue(r.machine().console().text().contains("Kernel panic - not syncing: NMI"), r.machine().console().text());
            assertEquals(HealthStatus.CRITICAL, r.machine().health());
        }
    }

    @Test
    void anNmiNeedsThePowerOn() {
        try (Rig r = rig()) {
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> r.require(PowerControl.class).perform(PowerAction.INJECT_NMI, T));
            assertEquals(UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE, e.reason());
            assertTrue(resets(r).isEmpty());
        }
    }
}
