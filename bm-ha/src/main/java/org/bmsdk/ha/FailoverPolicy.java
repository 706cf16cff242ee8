package org.bmsdk.ha;

/** What to do when a node is declared failed. */
public enum FailoverPolicy {
    /** Fence and fail over at once. */
    AUTOMATIC,
    /** Fence at once, then wait for an operator's approval before touching a spare. */
    ASK_FIRST,
    /** Raise an alarm only. */
    NONE
}
