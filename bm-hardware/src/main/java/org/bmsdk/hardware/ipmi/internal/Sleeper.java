package org.bmsdk.hardware.ipmi.internal;

import java.time.Duration;

/** Waits; injected so that tests of pacing and polling advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    /**
     * Waits.
     *
     * @param duration how long, not negative
     * @throws InterruptedException when interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
}
