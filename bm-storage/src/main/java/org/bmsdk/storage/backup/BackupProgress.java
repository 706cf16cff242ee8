package org.bmsdk.storage.backup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a backup, verify or restore has got. For a backup, {@code bytesRead} counts the source
 * read so far, {@code bytesNew} the plain bytes of chunks the repository lacked, {@code bytesStored}
 * what those took in the repository (compressed, perhaps encrypted) and {@code bytesReused} the
 * plain bytes of chunks it had already. For verify and restore, {@code bytesRead} counts the plain
 * bytes checked or written.
 *
 * @param operation what runs
 * @param bytesRead bytes read so far
 * @param bytesNew plain bytes of new chunks (backup only)
 * @param bytesStored bytes written to the repository (backup only)
 * @param bytesReused plain bytes of chunks the repository had (backup only)
 * @param totalBytes the bytes the operation will read, or -1 when unknown (a pipe)
 * @param elapsed time since the operation started
 * @param done true in the last report of an operation that ended
 */
public record BackupProgress(Operation operation, long bytesRead, long bytesNew, long bytesStored, long bytesReused,
        long totalBytes, Duration elapsed, boolean done) {

    /** The operations that report progress. */
    public enum Operation {
        /** Reading a source into the repository. */
        BACKUP,
        /** Re-reading and re-hashing every chunk. */
        VERIFY,
        /** Writing a snapshot back. */
        RESTORE
    }

    /** Validates the components. */
    public BackupProgress {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return bytes read per second so far, 0 before any time has passed */
    public double bytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytesRead / seconds;
    }

    /** @return the time left at the rate so far, empty when the total or the rate is unknown */
    public Optional<Duration> timeLeft() {
        double rate = bytesPerSecond();
        if (totalBytes < 0 || rate <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (Math.max(0, totalBytes - bytesRead) / rate * 1000)));
    }
}
