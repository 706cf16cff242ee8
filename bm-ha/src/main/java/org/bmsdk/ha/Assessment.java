package org.bmsdk.ha;

import java.util.Map;
import java.util.Objects;
import org.bmsdk.api.ha.FailureDetector.Verdict;
import org.bmsdk.api.model.NodeId;

/**
 * The combined judgement of one node from all its signals, and what to do about it.
 *
 * @param node the node
 * @param action what to do
 * @param signals each watched signal's verdict
 * @param reason why, readable
 */
public record Assessment(NodeId node, Action action, Map<Signal, Verdict> signals, String reason) {

    /** What the signals together call for. */
    public enum Action {
        /** Every signal is fine. */
        HEALTHY,
        /** A signal is late; not enough to act on. */
        SUSPECT,
        /** The host is down and its BMC answers: fence through the BMC and fail over. */
        FAIL_OVER,
        /** Host and BMC are both silent (total power loss, or a cut): fence through another path (switch ports), then fail over. */
        FENCE_OTHER_PATH,
        /** The BMC is silent but the host answers: the tenant is unaffected; raise an alarm, do not fail over. */
        ALARM,
        /** The node is in maintenance: an operator has it; nothing is judged. */
        IGNORE
    }

    /** Validates and copies the components. */
    public Assessment {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(action, "action");
        signals = Map.copyOf(signals);
        Objects.requireNonNull(reason, "reason");
    }

    /** @return true when the action is a failover, through either path */
    public boolean failsOver() {
        return action == Action.FAIL_OVER || action == Action.FENCE_OTHER_PATH;
    }
}
