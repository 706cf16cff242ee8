package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.HealthStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A machine's system event log (IPMI SEL, Redfish {@code LogService}): power events, POST
 * failures and kernel panics, with a bounded number of entries, the oldest dropped first.
 * Protocol simulators add entries of their own (a user logged in to the BMC). Thread-safe.
 */
public final class SimulatedEventLog {

    private final Clock clock;
    private final int capacity;
    private final Deque<EventLogEntry> entries = new ArrayDeque<>();
    private long nextId = 1;

    SimulatedEventLog(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /** @return how many entries are kept */
    public int capacity() {
        return capacity;
    }

    /**
     * Adds an entry stamped with the machine clock's time.
     *
     * @param severity how bad it is
     * @param message what happened
     * @return the entry
     */
    public EventLogEntry add(HealthStatus severity, String message) {
        return add(clock.instant(), severity, message);
    }

    /**
     * Adds an entry stamped with the given time.
     *
     * @param at when it happened
     * @param severity how bad it is
     * @param message what happened
     * @return the entry
     */
    public synchronized EventLogEntry add(Instant at, HealthStatus severity, String message) {
        EventLogEntry entry = new EventLogEntry(nextId++, at, severity, Objects.requireNonNull(message, "message"));
        entries.addLast(entry);
        while (entries.size() > capacity) {
            entries.removeFirst();
        }
        return entry;
    }

    /** @return the kept entries, oldest first */
    public synchronized List<EventLogEntry> entries() {
        return List.copyOf(entries);
    }

    /** Removes every entry, as a BMC's "clear log" does; ids keep counting. */
    public synchronized void clear() {
        entries.clear();
    }

    /**
     * The worst severity among the kept entries, from which a machine derives its health.
     *
     * @return {@link HealthStatus#OK} when the log is empty
     */
    public synchronized HealthStatus worstSeverity() {
        HealthStatus worst = HealthStatus.OK;
        for (EventLogEntry e : entries) {
            // OK < WARNING < CRITICAL; an entry of UNKNOWN severity says nothing about health.
            if (e.severity() != HealthStatus.UNKNOWN && e.severity().compareTo(worst) > 0) {
                worst = e.severity();
            }
        }
        return worst;
    }
}
