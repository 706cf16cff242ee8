package org.bmsdk.testkit.machine.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Wakes simulators running on real time at their next deadline, so that their listeners hear of a
 * finished boot without anyone polling. One daemon thread serves every simulator in the JVM: a test
 * may run thousands of machines, and their work at a deadline is short.
 */
public final class Ticker {

    private static final ScheduledExecutorService EXECUTOR = createExecutor();

    private Ticker() {
    }

    /**
     * Runs a task after a delay.
     *
     * @param delay how long from now; negative means at once
     * @param task the task
     * @return a handle to cancel it
     */
    public static ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        long nanos;
        try {
            nanos = Math.max(0, delay.toNanos());
        } catch (ArithmeticException tooFar) {
            nanos = Long.MAX_VALUE;
        }
        return EXECUTOR.schedule(task, nanos, TimeUnit.NANOSECONDS);
    }

    private static ScheduledExecutorService createExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bm-testkit-ticker");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
