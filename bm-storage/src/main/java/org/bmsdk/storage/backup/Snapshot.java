package org.bmsdk.storage.backup;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One backup of one disk, as its manifest records it (the manifest also lists its chunks in order).
 *
 * @param id the snapshot's name in the repository, such as {@code 20261126T101500Z-3f9a0c12}
 * @param time when the backup started
 * @param source what was read, such as {@code /dev/sda} or {@code ssh://node-7:22/dev/sda}
 * @param size the image's length in bytes
 * @param sha256 the SHA-256 of the whole image, 64 lower-case hex digits
 * @param chunkCount how many chunks make it up
 */
public record Snapshot(String id, Instant time, String source, long size, String sha256, int chunkCount) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Validates the components. */
    public Snapshot {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("snapshot id must match " + ID + ", but was '" + id + "'");
        }
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(source, "source");
        if (size < 0) {
            throw new IllegalArgumentException("snapshot size must not be negative, but was " + size);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("snapshot sha256 must be 64 lower-case hex digits, but was '" + sha256 + "'");
        }
        if (chunkCount < 0) {
            throw new IllegalArgumentException("snapshot chunk count must not be negative, but was " + chunkCount);
        }
    }

    /**
     * Whether a string can name a snapshot.
     *
     * @param id the candidate
     * @return true when it is a valid id
     */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
