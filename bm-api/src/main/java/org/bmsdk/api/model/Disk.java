package org.bmsdk.api.model;

import java.util.Objects;

/**
 * One physical disk.
 *
 * @param name the device's name for it (such as {@code Disk.Bay.0} or {@code /dev/sda})
 * @param media HDD, SSD or NVMe
 * @param protocol SATA, SAS or NVMe
 * @param sizeBytes capacity in bytes, not negative
 * @param serial the serial number, or {@code ""}
 */
public record Disk(String name, DiskMedia media, DiskProtocol protocol, long sizeBytes, String serial) {

    /** Validates the components. */
    public Disk {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(serial, "serial");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative, but was " + sizeBytes);
        }
    }
}
