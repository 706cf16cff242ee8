package org.bmsdk.ha;

import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.model.NodeId;

/**
 * A failover as stored: where it stands.
 *
 * @param node the failed node
 * @param state running, waiting, done or stopped
 * @param step the step it is in (or stopped in); {@link FailoverStep#DONE} when done
 * @param spare the spare taking over, or null before one is claimed
 * @param reason why it was started
 * @param lastError the last step failure, or {@code ""}
 */
public record Failover(NodeId node, State state, FailoverStep step, NodeId spare, String reason, String lastError) {

    /** Where a failover stands. */
    public enum State {
        /** Waiting for an operator's approval (policy ask-first); nothing has been touched. */
        AWAITING_APPROVAL,
        /** Steps are running, or will resume when a controller picks it up. */
        RUNNING,
        /** The spare runs in the failed node's place. */
        DONE,
        /** No fence could be verified: nothing was moved, the node is marked, an alarm was raised. */
        FENCE_FAILED,
        /** A step failed past its retries; an operator must look. */
        FAILED,
        /**
         * An operator gave up a failed (or declined a waiting) failover: the spare, if one was
         * claimed, is out of the pool in maintenance until cleaned, and the node is not failed over
         * again until it is active again.
         */
        ABANDONED
    }

    /** Validates the components. */
    public Failover {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** @return the spare, empty before one is claimed */
    public Optional<NodeId> spareIfClaimed() {
        return Optional.ofNullable(spare);
    }

    /** @return true while it is waiting or running */
    public boolean active() {
        return state == State.RUNNING || state == State.AWAITING_APPROVAL;
    }
}
