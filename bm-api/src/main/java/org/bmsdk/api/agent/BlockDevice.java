package org.bmsdk.api.agent;

import java.util.Objects;

/**
 * A whole block device as the ramdisk sees it (not a partition).
 *
 * @param path the device path, such as {@code /dev/sda} or {@code /dev/nvme0n1}
 * @param sizeBytes its size in bytes
 * @param rotational true for spinning disks, as the kernel reports it ({@code ROTA})
 */
public record BlockDevice(String path, long sizeBytes, boolean rotational) {

    /** Validates the components. */
    public BlockDevice {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/dev/")) {
            throw new IllegalArgumentException("path must start with /dev/, but was " + path);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, but was " + sizeBytes);
        }
    }
}
