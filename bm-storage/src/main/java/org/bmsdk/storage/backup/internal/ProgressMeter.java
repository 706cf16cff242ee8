package org.bmsdk.storage.backup.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.bmsdk.storage.backup.BackupListener;
import org.bmsdk.storage.backup.BackupProgress;
import org.bmsdk.storage.backup.BackupProgress.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts an operation's bytes (from any thread) and reports them to the listener (from the thread
 * that runs the operation) at most once per interval, and once more at the end.
 */
public final class ProgressMeter {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressMeter.class);

    final AtomicLong read = new AtomicLong();
    final AtomicLong fresh = new AtomicLong();
    final AtomicLong stored = new AtomicLong();
    final AtomicLong reused = new AtomicLong();

    private final Operation operation;
    private final long total;
    private final BackupListener listener;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private long lastReport = started;

    /**
     * A meter.
     *
     * @param operation what runs
     * @param total the bytes it will read, or -1
     * @param listener who hears of it
     * @param interval the least time between two reports
     */
    public ProgressMeter(Operation operation, long total, BackupListener listener, Duration interval) {
        this.operation = operation;
        this.total = total;
        this.listener = listener;
        this.intervalNanos = interval.toNanos();
    }

    /** Reports when the interval has passed since the last report. */
    void tick() {
        long now = System.nanoTime();
        if (now - lastReport >= intervalNanos) {
            lastReport = now;
            report(false);
        }
    }

    /** Reports the end. */
    void finish() {
        report(true);
    }

    /** @return the time since the operation started */
    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void report(boolean done) {
        BackupProgress p = new BackupProgress(operation, read.get(), fresh.get(), stored.get(), reused.get(), total,
                elapsed(), done);
        try {
            listener.progress(p);
        } catch (RuntimeException e) {
            LOG.warn("A backup progress listener failed; ignored", e);
        }
    }
}
