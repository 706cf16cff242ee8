package org.bmsdk.api.ha;

import org.bmsdk.api.model.NodeId;

/**
 * Turns a stream of probe results into a verdict, so that one lost heartbeat does not trigger a
 * failover. Implementations read time from an injected clock and are thread-safe.
 */
public interface FailureDetector {

    /** The detector's judgement of a node. */
    enum Verdict {
        /** Recent probes say it is up. */
        HEALTHY,
        /** Some recent probes failed; not yet enough to act. */
        SUSPECT,
        /** Failed: fence it and fail over. */
        FAILED
    }

    /**
     * Records a probe result.
     *
     * @param node the node
     * @param result what the probe saw
     */
    void record(NodeId node, ProbeResult result);

    /**
     * The verdict on a node now.
     *
     * @param node the node
     * @return the verdict; HEALTHY for a node never probed
     */
    Verdict verdict(NodeId node);
}
