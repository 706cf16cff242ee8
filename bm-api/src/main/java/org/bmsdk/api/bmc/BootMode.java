package org.bmsdk.api.bmc;

/** The firmware's boot mode. */
public enum BootMode {
    /** UEFI. */
    UEFI,
    /** Legacy BIOS. */
    LEGACY
}
