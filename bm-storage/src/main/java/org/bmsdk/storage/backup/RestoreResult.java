package org.bmsdk.storage.backup;

import java.time.Duration;
import java.util.Objects;

/**
 * What a restore did: the whole image was written, every chunk matched its id and the chunk list (or,
 * for a format 1 snapshot, the image's SHA-256) matched the snapshot's digest.
 *
 * @param snapshot the snapshot restored
 * @param target where it went
 * @param bytesWritten the image's length
 * @param elapsed how long it took
 */
public record RestoreResult(Snapshot snapshot, String target, long bytesWritten, Duration elapsed) {

    /** Validates the components. */
    public RestoreResult {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
