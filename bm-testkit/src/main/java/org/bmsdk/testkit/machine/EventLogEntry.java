package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.HealthStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a machine's system event log (IPMI SEL, Redfish {@code LogEntry}).
 *
 * @param id numbers entries from 1 in the order they were written; never reused, even after a clear
 * @param at when it happened
 * @param severity how bad it is
 * @param message what happened
 */
public record EventLogEntry(long id, Instant at, HealthStatus severity, String message) {

    /** Validates the components. */
    public EventLogEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (id < 1) {
            throw new IllegalArgumentException("id must be at least 1, but was " + id);
        }
    }
}
