package org.bmsdk.api.bmc;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a BMC's event log, decoded.
 *
 * @param id the BMC's id for the entry
 * @param timestamp when it happened, by the BMC's clock
 * @param severity how bad it is
 * @param message what happened, readable
 */
public record LogEntry(String id, Instant timestamp, HealthStatus severity, String message) {

    /** Validates the components. */
    public LogEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
