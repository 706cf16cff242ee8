package org.bmsdk.testkit.machine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;

/**
 * One boot: the moment firmware chose a device at the end of POST, and what it brought up.
 *
 * @param sequence counts the machine's boots from 1
 * @param at when the device was chosen
 * @param device the device actually booted (a CD-ROM boot without media falls back to the disk)
 * @param mode UEFI or legacy
 * @param image what came up
 * @param mediaUri the virtual media image booted, when {@code image} is {@link BootedImage#VIRTUAL_MEDIA}; the
 *     SAN target booted ({@code iscsi:...}), when it is {@link BootedImage#VOLUME_OS}
 * @param fromOverride whether a boot override chose the device, rather than the default boot order
 */
public record BootInfo(long sequence, Instant at, BootDevice device, BootMode mode, BootedImage image,
        Optional<String> mediaUri, boolean fromOverride) {

    /** Validates the components. */
    public BootInfo {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mediaUri, "mediaUri");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, but was " + sequence);
        }
    }
}
