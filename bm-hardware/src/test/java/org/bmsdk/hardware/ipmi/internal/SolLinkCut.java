package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.bmsdk.hardware.ipmi.peers.LossyUdpRelay;

/**
 * The waits of a SOL test that cuts the link to a BMC under a console: a session breaks, the
 * driver's first attempt at a new one is lost while the BMC keeps the old SOL activation, and once
 * the link is back SOL activates again in a new session. Each wait polls with a deadline.
 */
final class SolLinkCut {

    private SolLinkCut() {
    }

    /**
     * With the relay dropping everything: waits until the session breaks and then until a session
     * setup of the driver is lost, so that the BMC is left with a stale activation.
     */
    static void awaitBrokenAndASetupLost(IpmiSession first, LossyUdpRelay relay, Duration wait) throws InterruptedException {
        await(() -> first.isBroken() || first.isClosed(), wait, 50);
        assertTrue(first.isBroken() || first.isClosed(), "the cut link broke the session");
        // keep the link cut until the driver has given the broken session up (its Close Session
        // lost too) and its first attempt at a new one is lost: the BMC keeps a stale activation
        await(() -> relay.droppedSessionSetup() > 0, wait, 20);
        assertTrue(relay.droppedSessionSetup() > 0, "the driver tried a new session while the link was cut");
    }

    /** With the link back: waits until SOL has been activated twice, the second time in a new session. */
    static void awaitReactivated(SolConsole shared, Duration wait) throws InterruptedException {
        await(() -> shared.activations() >= 2, wait, 50);
        assertEquals(2, shared.activations(), "SOL activated again in a new session");
    }

    private static void await(BooleanSupplier done, Duration wait, long pollMillis) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(pollMillis);
        }
    }
}
