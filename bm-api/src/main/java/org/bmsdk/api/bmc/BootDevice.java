package org.bmsdk.api.bmc;

/** Where a machine boots from next. */
public enum BootDevice {
    /** Network boot (PXE). */
    PXE,
    /** The local disk. */
    DISK,
    /** The (virtual) CD/DVD drive. */
    CDROM,
    /** The firmware setup screen. */
    BIOS_SETUP,
    /** UEFI HTTP boot. */
    UEFI_HTTP
}
