package org.bmsdk.api.bmc;

/** Whether a boot device setting holds for the next boot only or until changed. */
public enum BootPersistence {
    /** The next boot only. */
    ONCE,
    /** Every boot until changed. */
    PERSISTENT
}
