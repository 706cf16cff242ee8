package org.bmsdk.testkit.machine;

/**
 * What a boot brought up, which tells simulators what to serve: later simulators start a service
 * ramdisk's SSH server when the machine booted from the network or from virtual media.
 */
public enum BootedImage {
    /** A ramdisk fetched over the network (PXE or UEFI HTTP boot). */
    NETWORK_RAMDISK,
    /** The operating system installed on the local disk. */
    DISK_OS,
    /** The image inserted as virtual media. */
    VIRTUAL_MEDIA,
    /** The firmware setup screen. */
    FIRMWARE_SETUP,
    /**
     * The tenant's operating system on a remote volume: a network boot whose iPXE script chained to
     * {@code sanboot} (see {@link SimulatedMachine#setSanBootTarget(String)}).
     */
    VOLUME_OS
}
