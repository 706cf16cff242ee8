package org.bmsdk.hardware.redfish.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts: exponential from a base, capped, with jitter so that a fleet's clients
 * that failed together do not come back together. A BMC's {@code Retry-After} wins when it gives one.
 */
final class Backoff {

    private final Duration base;
    private final Duration max;

    Backoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /**
     * The delay after a failed attempt: half the exponential step for sure, the other half at random.
     *
     * @param attempt the attempt that failed, from 1
     * @return the delay
     */
    Duration delay(int attempt) {
        long cap = max.toMillis();
        long step = base.toMillis() << Math.min(attempt - 1, 20);
        long d = Math.min(cap, step <= 0 ? cap : step);
        long half = d / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(d - half + 1));
    }

    /**
     * Reads a {@code Retry-After} header: seconds, or an HTTP date.
     *
     * @param value the header value, may be null
     * @param clock the clock the date is compared with
     * @return the delay, empty when absent or unreadable
     */
    static Optional<Duration> retryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
