package org.bmsdk.hardware.ipmi.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The end of a polling loop: when the injected clock passes the deadline, or, for a clock that a
 * test never moves, when more polls were made than the timeout has room for.
 */
final class PollDeadline {

    private final Clock clock;
    private final Instant end;
    private final long maxPolls;
    private long polls;

    PollDeadline(Clock clock, Duration timeout, Duration pollInterval) {
        this.clock = clock;
        this.end = clock.instant().plus(timeout);
        this.maxPolls = timeout.toMillis() / Math.max(1, pollInterval.toMillis()) + 2;
    }

    /** @return true when no further poll should be made */
    boolean passed() {
        return !clock.instant().isBefore(end) || ++polls > maxPolls;
    }

    /** @return the time left, zero when none */
    Duration left() {
        Duration d = Duration.between(clock.instant(), end);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
