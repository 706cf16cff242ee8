package org.bmsdk.ssh.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A channel's output stream whose {@code close()} first flushes, waiting for the peer's window.
 *
 * <p>Why: SSHJ 0.40's {@code ChannelOutputStream.close()} flushes without waiting for window space
 * and then sends EOF, so when the peer's window is exhausted at that moment the last buffered packet
 * (up to 32 KiB) is silently dropped: a {@code cat} of 8 MiB through a command lost its last 32,768
 * bytes in a CI run. {@code flush()} waits for the window, so flushing first loses nothing.
 */
final class FlushBeforeClose extends FilterOutputStream {

    FlushBeforeClose(OutputStream channel) {
        super(channel);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len); // FilterOutputStream would write byte by byte
    }

    @Override
    public void close() throws IOException {
        try {
            out.flush();
        } finally {
            out.close();
        }
    }
}
