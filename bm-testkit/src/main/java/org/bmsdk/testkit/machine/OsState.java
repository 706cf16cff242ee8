package org.bmsdk.testkit.machine;

/**
 * What the host is doing, as opposed to what its BMC reports about power. Power off always means
 * {@link #OFF}; any other state means the power is on.
 */
public enum OsState {
    /** No power, nothing runs. */
    OFF,
    /** Firmware power-on self test, before a boot device is chosen. */
    POST,
    /** The chosen boot image is loading. */
    BOOTING,
    /** The boot image is up: at a login prompt, or showing firmware setup. */
    RUNNING,
    /** A graceful shutdown is under way after an ACPI soft-off request. */
    SHUTTING_DOWN,
    /** Stuck with the power on: POST failed, or shutdown hung. Only a reset or power off helps. */
    HUNG,
    /** The kernel panicked (after an NMI or a crash) and halted. Only a reset or power off helps. */
    PANICKED
}
