package org.bmsdk.hardware.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The end of a polling loop, shared by the Redfish and IPMI drivers: when the injected clock passes
 * the deadline, or, as a safety net for a clock that tests never advance, when more polls were made
 * than the timeout has room for.
 */
public final class PollDeadline {

    private final Clock clock;
    private final Instant end;
    private final long maxPolls;
    private long polls;

    /**
     * Starts a deadline.
     *
     * @param clock the driver's clock
     * @param timeout how long the loop may poll
     * @param pollInterval the pause between polls
     */
    public PollDeadline(Clock clock, Duration timeout, Duration pollInterval) {
        this.clock = clock;
        this.end = clock.instant().plus(timeout);
        this.maxPolls = timeout.toMillis() / Math.max(1, pollInterval.toMillis()) + 2;
    }

    /** @return true when no further poll should be made */
    public boolean passed() {
        return !clock.instant().isBefore(end) || ++polls > maxPolls;
    }

    /** @return the time left by the clock, zero when none */
    public Duration left() {
        Duration d = Duration.between(clock.instant(), end);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
