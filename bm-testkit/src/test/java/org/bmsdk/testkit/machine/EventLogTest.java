package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.HealthStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private final ManualClock clock = ManualClock.create();

    @Test
    void powerEventsAreLoggedWithTheirTimes() {
        try (SimulatedMachine machine = Machines.create(clock)) {
            machine.powerOn();
            clock.advance(Duration.ofMinutes(1));
            machine.requestSoftOff();
            clock.advance(Machines.SHUTDOWN);

            List<EventLogEntry> entries = machine.eventLog().entries();
            assertEquals(List.of("System power on", "System power off (OS shutdown)"),
                    entries.stream().map(EventLogEntry::message).toList());
            assertEquals(ManualClock.DEFAULT_START, entries.get(0).at());
            assertEquals(ManualClock.DEFAULT_START.plus(Duration.ofMinutes(1)).plus(Machines.SHUTDOWN),
                    entries.get(1).at());
            assertEquals(HealthStatus.OK, machine.health());
        }
    }

    @Test
    void healthFollowsTheWorstEntryUnlessOverridden() {
        try (SimulatedMachine machine = Machines.create(clock)) {
            Machines.bootToRunning(machine, clock);
            machine.injectNmi();
            assertEquals(HealthStatus.CRITICAL, machine.health());

            machine.eventLog().clear();
            assertEquals(HealthStatus.OK, machine.health());
            machine.eventLog().add(HealthStatus.WARNING, "Fan 3 below threshold");
            assertEquals(HealthStatus.WARNING, machine.health());

            machine.overrideHealth(HealthStatus.CRITICAL);
            assertEquals(HealthStatus.CRITICAL, machine.health());
            machine.clearHealthOverride();
            assertEquals(HealthStatus.WARNING, machine.health());
        }
    }

    @Test
    void keepsABoundedNumberOfEntriesWithIdsThatNeverRepeat() {
        try (SimulatedMachine machine = SimulatedMachine.create(Machines.spec().eventLogCapacity(3).build(), clock)) {
            for (int i = 0; i < 5; i++) {
                machine.powerOn();
                machine.powerOff();
            }
            List<EventLogEntry> entries = machine.eventLog().entries();
            assertEquals(List.of(8L, 9L, 10L), entries.stream().map(EventLogEntry::id).toList());
            machine.eventLog().clear();
            assertEquals(11L, machine.eventLog().add(HealthStatus.OK, "after clear").id());
        }
    }
}
