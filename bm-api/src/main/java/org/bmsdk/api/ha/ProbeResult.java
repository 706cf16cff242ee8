package org.bmsdk.api.ha;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation of a node's health.
 *
 * @param status up, down or unknown
 * @param detail what was seen, readable
 * @param at when, by the injected clock
 */
public record ProbeResult(Status status, String detail, Instant at) {

    /** What a probe saw. */
    public enum Status {
        /** The node answered as expected. */
        UP,
        /** The node did not answer, or answered as failed. */
        DOWN,
        /** The probe could not tell (its own path failed). */
        UNKNOWN
    }

    /** Validates the components. */
    public ProbeResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }
}
