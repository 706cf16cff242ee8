package org.bmsdk.testkit.tck;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition a peer reaches by itself, for the suites of this package. */
final class Await {

    private Await() {
    }

    /**
     * Polls a condition until it holds.
     *
     * @param limit how long to wait
     * @param condition the condition
     * @param what for the failure message
     * @throws InterruptedException when interrupted
     */
    static void until(Duration limit, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(10);
        }
    }
}
