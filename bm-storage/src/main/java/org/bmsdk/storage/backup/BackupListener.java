package org.bmsdk.storage.backup;

/**
 * Receives progress reports, on the thread that runs the operation, at the engine's progress
 * interval and once more when the operation ends. It must return quickly; an exception it throws
 * is logged and ignored.
 */
@FunctionalInterface
public interface BackupListener {

    /** A listener that ignores every report. */
    BackupListener NONE = p -> { };

    /**
     * One report.
     *
     * @param progress how far the operation has got
     */
    void progress(BackupProgress progress);
}
