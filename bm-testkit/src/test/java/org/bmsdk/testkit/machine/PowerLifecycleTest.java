package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.HealthStatus;

import static org.bmsdk.testkit.machine.Machines.BOOT;
import static org.bmsdk.testkit.machine.Machines.POST;
import static org.bmsdk.testkit.machine.Machines.SHUTDOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.machine.MachineEvent.OsStateChanged;
import org.bmsdk.testkit.machine.MachineEvent.PowerChanged;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PowerLifecycleTest {

    private final ManualClock clock = ManualClock.create();
    private final SimulatedMachine machine = Machines.create(clock);
    private final List<MachineEvent> events = new ArrayList<>();

    PowerLifecycleTest() {
        machine.addListener(events::add);
    }

    @AfterEach
    void close() {
        machine.close();
    }

    @Test
    void powerOnGoesThroughPostAndBootToRunning() {
        Instant t0 = clock.instant();
        assertEquals(PowerState.OFF, machine.powerState());
        assertEquals(OsState.OFF, machine.osState());

        assertTrue(machine.powerOn());
        assertFalse(machine.powerOn(), "already on");
        assertEquals(PowerState.ON, machine.powerState());
        assertEquals(OsState.POST, machine.osState());
        assertEquals(Optional.of(t0.plus(POST)), machine.nextTransitionAt());

        clock.advance(POST.minusSeconds(1));
        assertEquals(OsState.POST, machine.osState());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(OsState.BOOTING, machine.osState());
        clock.advance(BOOT.minusSeconds(1));
        assertEquals(OsState.BOOTING, machine.osState());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(OsState.RUNNING, machine.osState());
        assertEquals(Optional.empty(), machine.nextTransitionAt());

        BootInfo boot = machine.currentBoot().orElseThrow();
        assertEquals(BootedImage.DISK_OS, boot.image());
        assertEquals(t0.plus(POST), boot.at());
        assertEquals(List.of(
                new PowerChanged("node-1", t0, PowerState.OFF, PowerState.ON),
                new OsStateChanged("node-1", t0, OsState.OFF, OsState.POST, Optional.empty()),
                new OsStateChanged("node-1", t0.plus(POST), OsState.POST, OsState.BOOTING, Optional.of(boot)),
                new OsStateChanged("node-1", t0.plus(POST).plus(BOOT), OsState.BOOTING, OsState.RUNNING,
                        Optional.of(boot))), events);
        String console = machine.console().text();
        assertTrue(console.contains("BIOS POST"), console);
        assertTrue(console.contains("Booting from disk (UEFI)"), console);
        assertTrue(console.contains("Linux version"), console);
        assertTrue(console.endsWith("node-1 login: "), console);
    }

    @Test
    void oneLongAdvanceRunsEveryTransitionAtItsOwnTime() {
        Instant t0 = clock.instant();
        machine.powerOn();
        clock.advance(Duration.ofHours(1));

        assertEquals(OsState.RUNNING, machine.osState());
        assertEquals(t0.plus(POST).plus(BOOT), events.get(events.size() - 1).at());
    }

    @Test
    void gracefulShutdownPowersOffAfterTheShutdownTime() {
        Machines.bootToRunning(machine, clock);
        Instant requested = clock.instant();

        assertTrue(machine.requestSoftOff());
        assertEquals(OsState.SHUTTING_DOWN, machine.osState());
        clock.advance(SHUTDOWN.minusMillis(1));
        assertEquals(PowerState.ON, machine.powerState());
        clock.advance(Duration.ofMillis(1));

        assertEquals(PowerState.OFF, machine.powerState());
        assertEquals(OsState.OFF, machine.osState());
        assertEquals(new PowerChanged("node-1", requested.plus(SHUTDOWN), PowerState.ON, PowerState.OFF),
                events.get(events.size() - 1));
        assertTrue(machine.console().text().contains("reboot: Power down"));
        assertFalse(machine.requestSoftOff(), "already off");
    }

    @Test
    void hangOnShutdownNeverPowersOffUntilAHardOff() {
        Machines.bootToRunning(machine, clock);
        machine.faults().hangOnShutdown();

        machine.requestSoftOff();
        clock.advance(SHUTDOWN);
        assertEquals(OsState.HUNG, machine.osState());
        clock.advance(Duration.ofDays(7));
        assertEquals(PowerState.ON, machine.powerState());
        assertEquals(OsState.HUNG, machine.osState());
        assertTrue(machine.requestSoftOff(), "the button is pressed, though nobody listens");
        clock.advance(Duration.ofDays(1));
        assertEquals(PowerState.ON, machine.powerState());

        assertTrue(machine.powerOff());
        assertEquals(PowerState.OFF, machine.powerState());
        assertEquals(OsState.OFF, machine.osState());
    }

    @Test
    void anOsThatIgnoresAcpiKeepsRunning() {
        try (SimulatedMachine deaf = SimulatedMachine.create(Machines.spec().honoursAcpi(false).build(), clock)) {
            Machines.bootToRunning(deaf, clock);
            assertTrue(deaf.requestSoftOff());
            clock.advance(Duration.ofHours(1));
            assertEquals(OsState.RUNNING, deaf.osState());
        }
    }

    @Test
    void softOffDuringBootIsIgnored() {
        machine.powerOn();
        machine.requestSoftOff();
        clock.advance(POST);
        machine.requestSoftOff();
        clock.advance(BOOT);
        assertEquals(OsState.RUNNING, machine.osState());
    }

    @Test
    void hardOffInterruptsAGracefulShutdown() {
        Machines.bootToRunning(machine, clock);
        machine.requestSoftOff();
        machine.powerOff();
        clock.advance(SHUTDOWN);
        assertEquals(PowerState.OFF, machine.powerState());
        assertEquals(Optional.empty(), machine.nextTransitionAt());
    }

    @Test
    void resetAndPowerCycleBootAgainAndDoNothingWhenOff() {
        assertFalse(machine.reset());
        assertFalse(machine.powerCycle());
        assertEquals(PowerState.OFF, machine.powerState());

        Machines.bootToRunning(machine, clock);
        events.clear();
        assertTrue(machine.reset());
        assertEquals(OsState.POST, machine.osState());
        assertEquals(Optional.empty(), machine.currentBoot());
        assertEquals(List.of(new OsStateChanged("node-1", clock.instant(), OsState.RUNNING, OsState.POST,
                Optional.empty())), events);

        clock.advance(POST.plus(BOOT));
        events.clear();
        assertTrue(machine.powerCycle());
        assertEquals(List.of(PowerState.OFF, PowerState.ON), events.stream()
                .filter(PowerChanged.class::isInstance).map(e -> ((PowerChanged) e).to()).toList());
        assertEquals(OsState.POST, machine.osState());
        clock.advance(POST.plus(BOOT));
        assertEquals(3, machine.lastBoot().orElseThrow().sequence());
    }

    @Test
    void nmiMakesTheKernelPanicAndHaltPoweredOn() {
        Machines.bootToRunning(machine, clock);

        assertTrue(machine.injectNmi());

        assertEquals(OsState.PANICKED, machine.osState());
        assertEquals(PowerState.ON, machine.powerState());
        assertTrue(machine.console().text().contains("Kernel panic - not syncing: NMI: Not continuing"));
        clock.advance(Duration.ofDays(1));
        assertEquals(OsState.PANICKED, machine.osState());
        assertEquals(HealthStatus.CRITICAL, machine.health());

        machine.reset();
        clock.advance(POST.plus(BOOT));
        assertEquals(OsState.RUNNING, machine.osState());
    }

    @Test
    void nmiUnpicksAHungShutdownButNotFirmware() {
        machine.powerOn();
        assertTrue(machine.injectNmi());
        assertEquals(OsState.POST, machine.osState(), "firmware ignores an NMI");
        machine.powerOff();
        assertFalse(machine.injectNmi(), "off");

        Machines.bootToRunning(machine, clock);
        machine.faults().hangOnShutdown();
        machine.requestSoftOff();
        clock.advance(SHUTDOWN);
        machine.injectNmi();
        assertEquals(OsState.PANICKED, machine.osState());
    }

    @Test
    void crashPanicsARunningKernelOnly() {
        assertFalse(machine.faults().crash());
        Machines.bootToRunning(machine, clock);
        assertTrue(machine.faults().crash());
        assertEquals(OsState.PANICKED, machine.osState());
        assertTrue(machine.console().text().contains("Kernel panic - not syncing: Fatal exception"));
        assertFalse(machine.faults().crash(), "already panicked");
    }

    @Test
    void failedPostHaltsUntilClearedAndReset() {
        machine.faults().failPost();
        machine.powerOn();
        clock.advance(POST);
        assertEquals(OsState.HUNG, machine.osState());
        assertEquals(Optional.empty(), machine.currentBoot());
        assertTrue(machine.console().text().contains("POST error"));
        clock.advance(Duration.ofHours(1));
        assertEquals(OsState.HUNG, machine.osState());

        machine.faults().clear();
        machine.reset();
        clock.advance(POST.plus(BOOT));
        assertEquals(OsState.RUNNING, machine.osState());
    }

    @Test
    void bootLoopPanicsAndRebootsUntilCleared() {
        machine.faults().bootLoop();
        machine.powerOn();
        clock.advance(POST.plus(BOOT));
        assertEquals(OsState.PANICKED, machine.osState());
        clock.advance(SimulatedMachine.PANIC_REBOOT_DELAY);
        assertEquals(OsState.POST, machine.osState());
        clock.advance(POST.plus(BOOT).plus(SimulatedMachine.PANIC_REBOOT_DELAY).multipliedBy(3));
        assertEquals(4, machine.lastBoot().orElseThrow().sequence());

        machine.faults().clear();
        clock.advance(Duration.ofMinutes(5));
        assertEquals(OsState.RUNNING, machine.osState());
    }

    @Test
    void zeroDurationsRunAtOnce() {
        try (SimulatedMachine instant = SimulatedMachine.create(MachineSpec.builder("fast").postTime(Duration.ZERO)
                .bootTime(Duration.ZERO).shutdownTime(Duration.ZERO).build(), clock)) {
            instant.powerOn();
            assertEquals(OsState.RUNNING, instant.osState());
            instant.requestSoftOff();
            assertEquals(PowerState.OFF, instant.powerState());
        }
    }

    @Test
    void aClosedMachineKeepsItsStateButRefusesChanges() {
        Machines.bootToRunning(machine, clock);
        machine.close();
        machine.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, machine::powerOff);
        assertEquals("machine node-1 is closed", e.getMessage());
        assertEquals(OsState.RUNNING, machine.osState());
    }

    @Test
    void aListenerMayCallTheMachine() {
        machine.addListener(e -> {
            if (e instanceof OsStateChanged s && s.to() == OsState.RUNNING) {
                machine.requestSoftOff();
            }
        });
        Machines.bootToRunning(machine, clock);
        assertEquals(OsState.SHUTTING_DOWN, machine.osState());
    }
}
