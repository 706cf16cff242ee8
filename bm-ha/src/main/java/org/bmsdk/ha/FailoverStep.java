package org.bmsdk.ha;

/**
 * The steps of a failover, in order. Each is idempotent, and its start is stored before it acts,
 * so a controller that resumes a failover repeats at most the step it was in.
 */
public enum FailoverStep {
    /** Fence the failed node (power off read back, or ports shut read back) and revoke its exports. */
    FENCE,
    /** Choose a spare by capability and reserve it (compare-and-set, so no two failovers take one). */
    CLAIM_SPARE,
    /** Move the tenant's networks from the failed node's ports to the spare's. */
    MOVE_NETWORKS,
    /** Detach the failed node's volumes and attach them to the spare. */
    MOVE_VOLUMES,
    /** Boot from the same volume, or restore the latest disk snapshot onto the spare. */
    PREPARE_BOOT,
    /** Power the spare on. */
    POWER_ON,
    /** Wait for the spare's heartbeat. */
    CONFIRM_UP,
    /** Mark the failed node for repair, the spare active for the tenant. */
    MARK_REPAIR,
    /** Finished. */
    DONE
}
