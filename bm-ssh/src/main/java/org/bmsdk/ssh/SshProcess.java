package org.bmsdk.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A command running on the server whose standard input and output are streams, for data too large
 * to hold in memory (a disk image through {@code dd}). Read {@link #stdout()} to its end, or write
 * {@link #stdin()} and close it, then ask {@link #waitFor(Duration)} how the command ended: a
 * stream that simply ends does not say whether the command succeeded.
 *
 * <p>Reads and writes fail with {@link java.io.IOException} when the connection breaks. Closing the
 * process closes its channel, and signals a command still running to stop.
 */
public interface SshProcess extends AutoCloseable {

    /** @return the command's standard output */
    InputStream stdout();

    /** @return the command's standard input; closing it sends end-of-file */
    OutputStream stdin();

    /**
     * Waits for the command to end.
     *
     * @param timeout how long to wait, positive
     * @return its exit status, or -1 when it ended without one (killed by a signal)
     * @throws org.bmsdk.api.OperationTimeoutException when it did not end in time
     * @throws org.bmsdk.api.TransportException when the connection broke
     */
    int waitFor(Duration timeout);

    /** @return what the command wrote to standard error so far (the first 64 KiB) */
    String stderr();

    /** Closes the channel, signalling the command to stop when it still runs. Idempotent. */
    @Override
    void close();
}
