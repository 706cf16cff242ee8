package org.bmsdk.storage.backup;

import java.time.Duration;
import java.util.Objects;

/**
 * What a backup did.
 *
 * @param snapshot the snapshot it wrote
 * @param bytesRead the source's bytes
 * @param bytesNew plain bytes of chunks the repository lacked
 * @param bytesStored what those chunks take in the repository
 * @param bytesReused plain bytes of chunks the repository had already
 * @param newChunks how many chunks were stored
 * @param elapsed how long it took
 * @param peakBufferedBytes the most chunk bytes held in memory at once, the bound on its memory use
 */
public record BackupResult(Snapshot snapshot, long bytesRead, long bytesNew, long bytesStored, long bytesReused,
        int newChunks, Duration elapsed, long peakBufferedBytes) {

    /** Validates the components. */
    public BackupResult {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
