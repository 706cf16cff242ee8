package org.bmsdk.ha.cluster;

/**
 * Told when the live instances of the cluster change, as one instance sees them: a monitor uses it
 * to re-plan which nodes it watches rather than asking {@link ClusterMember#owns} for every node on
 * every round. Ownership also starts when an instance's warm-up ends and stops when its lease runs
 * out, without a change of the live set, so a monitor still checks {@link ClusterView#owns} before
 * it acts.
 */
@FunctionalInterface
public interface ClusterListener {

    /**
     * The live set differs from the previous refresh's. Runs on the refreshing thread, after the
     * new view is in place; it should return quickly. An exception it throws is logged and ignored.
     *
     * @param previous the view before
     * @param next the view now
     */
    void liveInstancesChanged(ClusterView previous, ClusterView next);
}
