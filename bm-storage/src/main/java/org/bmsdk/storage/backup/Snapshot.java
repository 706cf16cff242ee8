package org.bmsdk.storage.backup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One backup of one disk, as its manifest records it (the manifest also lists its chunks in order).
 *
 * <p>What {@code digest} is depends on the manifest's format. Format 1 (written before 2026-11-27)
 * holds the SHA-256 of the whole image, which a backup had to compute in a second pass over every
 * byte. Format 2 (written now) holds the SHA-256 of the chunk list, each chunk's id and length in
 * order, as restic's tree of blob ids: every id is already a SHA-256 or keyed HMAC-SHA256 of the
 * chunk's bytes, so the list binds the whole image and the backup hashes each byte once. Either way a
 * restore checks it, and every chunk, so a restored image is verified byte for byte.
 *
 * @param id the snapshot's name in the repository, such as {@code 20261126T101500Z-3f9a0c12}
 * @param time when the backup started
 * @param source what was read, such as {@code /dev/sda} or {@code ssh://node-7:22/dev/sda}
 * @param size the image's length in bytes
 * @param format the manifest format, 1 or 2; says what {@code digest} is
 * @param digest 64 lower-case hex digits: format 1, the SHA-256 of the whole image; format 2, the
 *     SHA-256 of the chunk list (see the class comment)
 * @param chunkCount how many chunks make it up
 */
public record Snapshot(String id, Instant time, String source, long size, int format, String digest, int chunkCount) {

    /** The manifest format whose digest is the whole image's SHA-256. */
    public static final int FORMAT_IMAGE_SHA256 = 1;
    /** The manifest format whose digest is the SHA-256 of the chunk list (ids and lengths). */
    public static final int FORMAT_CHUNK_LIST = 2;

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
        if (format != FORMAT_IMAGE_SHA256 && format != FORMAT_CHUNK_LIST) {
            throw new IllegalArgumentException("snapshot format must be 1 or 2, but was " + format);
        }
        if (digest == null || !SHA256.matcher(digest).matches()) {
            throw new IllegalArgumentException("snapshot digest must be 64 lower-case hex digits, but was '" + digest + "'");
        }
        if (chunkCount < 0) {
            throw new IllegalArgumentException("snapshot chunk count must not be negative, but was " + chunkCount);
        }
    }

    /**
     * The SHA-256 of the whole image, where the manifest holds it (format 1). A format 2 snapshot
     * does not: computing it cost a second pass over every byte of every backup.
     *
     * @return the image's SHA-256 in lower-case hex, or empty for a format 2 snapshot
     */
    public Optional<String> imageSha256() {
        return format == FORMAT_IMAGE_SHA256 ? Optional.of(digest) : Optional.empty();
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
