package org.bmsdk.testkit.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.bmc.PowerState;
import org.junit.jupiter.api.Test;

/** On real time, nobody polls: the machine wakes itself at its deadlines and tells its listeners. */
class RealTimeMachineTest {

    @Test
    void bootsAndShutsDownOnItsOwn() throws InterruptedException {
        MachineSpec spec = MachineSpec.builder("rt").postTime(Duration.ofMillis(20)).bootTime(Duration.ofMillis(50))
                .shutdownTime(Duration.ofMillis(20)).build();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch off = new CountDownLatch(1);
        try (SimulatedMachine machine = SimulatedMachine.create(spec)) {
            machine.addListener(e -> {
                if (e instanceof MachineEvent.OsStateChanged s && s.to() == OsState.RUNNING) {
                    running.countDown();
                } else if (e instanceof MachineEvent.PowerChanged p && p.to() == PowerState.OFF) {
                    off.countDown();
                }
            });

            machine.powerOn();
            assertTrue(running.await(10, TimeUnit.SECONDS), "booted without being polled");
            machine.requestSoftOff();
            assertTrue(off.await(10, TimeUnit.SECONDS), "shut down without being polled");
            assertEquals(OsState.OFF, machine.osState());
        }
    }
}
