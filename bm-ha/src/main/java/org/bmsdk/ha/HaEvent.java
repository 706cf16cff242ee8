package org.bmsdk.ha;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.model.NodeId;

/**
 * Something the monitor or a failover did or saw, for a {@link HaListener}: the timeline an
 * operator reads afterwards.
 *
 * @param at when, by the injected clock
 * @param node the node it is about
 * @param kind what happened
 * @param step the failover step, or null when not about a step
 * @param detail readable, never a secret
 */
public record HaEvent(Instant at, NodeId node, Kind kind, FailoverStep step, String detail) {

    /** What happened. */
    public enum Kind {
        /** A node's assessment changed (healthy, suspect, failed...). */
        ASSESSED,
        /** Something needs an operator: a BMC silent under a live host, a fence that failed, a storm, no spare. */
        ALARM,
        /** A failover was started (or, for ask-first nodes, is waiting for approval). */
        FAILOVER_STARTED,
        /** A failover waits for an operator's {@code approve}. */
        APPROVAL_NEEDED,
        /** A failover was not started: already handled, the concurrency cap, or its policy says none. */
        FAILOVER_SKIPPED,
        /** A step is about to act (its progress is already stored). */
        STEP_STARTED,
        /** A step finished. */
        STEP_DONE,
        /** A step failed; it is tried again, or the failover stops. */
        STEP_FAILED,
        /** The spare runs in the failed node's place. */
        FAILOVER_DONE,
        /** The failover stopped without a spare taking over; an alarm goes with it. */
        FAILOVER_FAILED
    }

    /** Validates the components. */
    public HaEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** @return the step, empty when not about one */
    public Optional<FailoverStep> stepIfAny() {
        return Optional.ofNullable(step);
    }

    @Override
    public String toString() {
        return at + " " + node + " " + kind + (step == null ? "" : " " + step) + ": " + detail;
    }
}
