package org.bmsdk.ha;

/** Where a spare gets the failed node's system from. */
public enum BootSource {
    /** The node boots from an external volume: the spare boots from the same volume once it is attached to it. */
    VOLUME,
    /** The node boots from its own disk: the latest disk snapshot is restored onto the spare's disk first. */
    DISK_SNAPSHOT
}
