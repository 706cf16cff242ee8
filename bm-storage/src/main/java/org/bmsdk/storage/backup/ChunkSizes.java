package org.bmsdk.storage.backup;

/**
 * The FastCDC chunk size bounds of a repository, fixed when it is initialised (snapshots cut with
 * other bounds would share no chunks).
 *
 * <p>The default, 128 KiB / 512 KiB / 2 MiB, is half of restic's 1 MiB average: a disk changes in
 * scattered file system blocks, and each changed spot costs about one average chunk of new data, so
 * smaller chunks make smaller incremental backups; zstd compresses 512 KiB about as well as larger
 * blocks; and the per-chunk costs (a file or an object each, a manifest entry of about 90 bytes,
 * 0.02% of the data) stay small.
 *
 * <p>The bounds keep chunking content-defined: a chunk cut at {@code max} is cut by position, not
 * content, and a boundary forced there does not find its place again after an insertion; with
 * {@code max} at least twice the average (and normalized chunking) that happens to few chunks.
 *
 * @param min no chunk but a stream's last is shorter: at least 64 bytes, at most half the average
 * @param average the expected size, a power of two
 * @param max no chunk is longer: at least twice the average, at most 64 MiB
 */
public record ChunkSizes(int min, int average, int max) {

    /** 128 KiB / 512 KiB / 2 MiB. */
    public static final ChunkSizes DEFAULT = new ChunkSizes(128 << 10, 512 << 10, 2 << 20);

    /** Validates the bounds. */
    public ChunkSizes {
        if (min < 64) {
            throw new IllegalArgumentException("min chunk size must be at least 64 bytes, but was " + min);
        }
        if (Integer.bitCount(average) != 1 || average < 2 * min) {
            throw new IllegalArgumentException("average chunk size must be a power of two, at least twice min " + min
                    + ", but was " + average);
        }
        if (max < 2 * average || max > (64 << 20)) {
            throw new IllegalArgumentException("max chunk size must be at least twice the average " + average
                    + " and at most 64 MiB, but was " + max);
        }
    }

    /**
     * Creates bounds.
     *
     * @param min the minimum
     * @param average the average, a power of two
     * @param max the maximum
     * @return the bounds
     */
    public static ChunkSizes of(int min, int average, int max) {
        return new ChunkSizes(min, average, max);
    }
}
