package org.bmsdk.api.lifecycle;

/**
 * What can happen to a node in its lifecycle, named after OpenStack Ironic's provision verbs. The
 * first group are requests (an operator's or a tenant's); {@link #DONE}, {@link #FAIL} and
 * {@link #ABORT} end a step in progress. {@link TransitionTable#standard()} says which event is
 * accepted in which state.
 */
public enum LifecycleEvent {
    /** Take the node under the operator's control: verify an enrolled node, or settle a failed one. */
    MANAGE,
    /** Read the hardware inventory and switch connections. */
    INSPECT,
    /** Offer the node to tenants; it is cleaned first. */
    PROVIDE,
    /** Clean the node on the operator's request and return it to MANAGEABLE. */
    CLEAN,
    /** Provision the node for a tenant. */
    DEPLOY,
    /** Release the node from its tenant; it is cleaned afterwards, always. */
    DELETE,
    /** Boot the tenant's node into the rescue ramdisk. */
    RESCUE,
    /** Leave the rescue ramdisk for the tenant's own system. */
    UNRESCUE,
    /** The step in progress finished well. */
    DONE,
    /** The step in progress failed. */
    FAIL,
    /** The operator stopped the step in progress; it ends as a failure. */
    ABORT
}
