package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.BootOverride;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;

/** Several protocol sessions and a clock driving one machine at once: no deadlock, and events stay a chain. */
class ConcurrentMachineTest {

    @Test
    void concurrentCallersSeeAConsistentMachine() throws Exception {
        ManualClock clock = ManualClock.create();
        List<MachineEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        try (SimulatedMachine machine = Machines.create(clock)) {
            machine.addListener(events::add);
            // A listener that calls back in, as a simulator reacting to a boot would.
            machine.addListener(e -> machine.status());
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> randomOperations(machine, 2_000)));
            }
            workers.add(pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    clock.advance(Duration.ofSeconds(ThreadLocalRandom.current().nextInt(0, 12)));
                }
            }));
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                for (Future<?> f : workers) {
                    f.get();
                }
            });
            pool.shutdown();

            MachineStatus end = machine.status();
            assertEquals(end.power() == PowerState.OFF, end.os() == OsState.OFF, end.toString());
            assertChain(events, end);
        }
    }

    private static void randomOperations(SimulatedMachine machine, int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(8)) {
                case 0 -> machine.powerOn();
                case 1 -> machine.powerOff();
                case 2 -> machine.requestSoftOff();
                case 3 -> machine.reset();
                case 4 -> machine.injectNmi();
                case 5 -> machine.setBootOverride(BootOverride.once(BootDevice.PXE, BootMode.UEFI));
                case 6 -> machine.console().text();
                default -> machine.status();
            }
        }
    }

    private static void assertChain(List<MachineEvent> events, MachineStatus end) {
        PowerState power = PowerState.OFF;
        OsState os = OsState.OFF;
        synchronized (events) {
            for (MachineEvent e : events) {
                if (e instanceof MachineEvent.PowerChanged p) {
                    assertEquals(power, p.from(), "power events form a chain");
                    power = p.to();
                } else if (e instanceof MachineEvent.OsStateChanged o) {
                    assertEquals(os, o.from(), "OS events form a chain");
                    os = o.to();
                }
            }
        }
        assertEquals(end.power(), power);
        assertEquals(end.os(), os);
    }
}
