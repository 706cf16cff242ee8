package org.bmsdk.api.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The pause between compare-and-set tries: none at first, then random and growing up to 20 ms. */
final class Backoff {

    private Backoff() {
    }

    static void pause(int attempt) {
        if (attempt < 2) {
            return;
        }
        long capMicros = Math.min(20_000L, 50L << Math.min(attempt, 20));
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(capMicros + 1)));
    }
}
