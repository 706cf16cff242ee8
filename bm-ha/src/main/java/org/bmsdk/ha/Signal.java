package org.bmsdk.ha;

/** The independent paths through which a node is watched; each has its own failure detector. */
public enum Signal {
    /** The BMC answers (power state, health): the management path is alive. */
    BMC,
    /** The host answers a heartbeat (a TCP connect to one of its addresses): the tenant's system is alive. */
    HOST,
    /** The node's switch ports have link, where a switch driver reads it. */
    SWITCH_LINK
}
