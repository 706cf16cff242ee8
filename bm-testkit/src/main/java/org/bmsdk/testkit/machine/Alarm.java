package org.bmsdk.testkit.machine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.bmsdk.testkit.machine.internal.Ticker;
import org.bmsdk.testkit.time.ManualClock;

/**
 * Makes sure a simulator catches up at each of its deadlines even when nobody calls it, so that
 * its listeners hear of a finished boot. On a {@link ManualClock} it catches up on every advance;
 * on any other clock it sets a timer on the shared {@link Ticker} for the next deadline.
 * Not thread-safe: the owner calls {@link #setFor} under its lock.
 */
final class Alarm {

    private final Clock clock;
    private final Runnable catchUp;
    private final Consumer<Instant> onAdvance;
    private ScheduledFuture<?> timer;
    private Instant timerAt;
    private boolean cancelled;

    Alarm(Clock clock, Runnable catchUp) {
        this.clock = clock;
        this.catchUp = catchUp;
        this.onAdvance = now -> catchUp.run();
    }

    /** Starts listening to a manual clock; apart from the constructor, so the owner is built first. */
    void listen() {
        if (clock instanceof ManualClock manual) {
            manual.addListener(onAdvance);
        }
    }

    /** Rings at {@code deadline}, or never when it is null; replaces any earlier setting. */
    void setFor(Instant deadline) {
        if (cancelled || clock instanceof ManualClock || Objects.equals(deadline, timerAt)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = deadline;
        timer = deadline == null ? null : Ticker.schedule(Duration.between(clock.instant(), deadline), catchUp);
    }

    /** Never rings again. */
    void cancel() {
        cancelled = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (clock instanceof ManualClock manual) {
            manual.removeListener(onAdvance);
        }
    }
}
