package org.bmsdk.api.storage;

import java.util.regex.Pattern;

/**
 * What volume to create.
 *
 * @param name letters, digits, {@code .}, {@code _} and {@code -}, 1 to 64 characters
 * @param sizeBytes the size, at least 1 MiB
 * @param shareable whether several nodes may attach it at once (clustered file systems)
 */
public record VolumeSpec(String name, long sizeBytes, boolean shareable) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Validates the components. */
    public VolumeSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("volume name must match " + NAME + ", but was '" + name + "'");
        }
        if (sizeBytes < (1L << 20)) {
            throw new IllegalArgumentException("volume size must be at least 1 MiB, but was " + sizeBytes + " bytes");
        }
    }
}
