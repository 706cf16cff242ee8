package org.bmsdk.testkit.machine;

import java.time.Duration;
import org.bmsdk.testkit.time.ManualClock;

/** Specs shared by the tests: round numbers, so the timelines in tests read easily. */
final class Machines {

    static final Duration POST = Duration.ofSeconds(5);
    static final Duration BOOT = Duration.ofSeconds(30);
    static final Duration SHUTDOWN = Duration.ofSeconds(10);

    private Machines() {
    }

    static MachineSpec.Builder spec() {
        return MachineSpec.builder("node-1").postTime(POST).bootTime(BOOT).shutdownTime(SHUTDOWN);
    }

    static SimulatedMachine create(ManualClock clock) {
        return SimulatedMachine.create(spec().build(), clock);
    }

    /** Powers on and lets the machine boot to its login prompt. */
    static void bootToRunning(SimulatedMachine machine, ManualClock clock) {
        machine.powerOn();
        clock.advance(POST.plus(BOOT));
    }
}
