package org.bmsdk.hardware.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One reader of a {@link KeptConsole}, with its own cursor: it reads every byte of output from
 * where it started, unless it falls more than the log's capacity behind, in which case it skips the
 * bytes dropped meanwhile and {@link #skipped()} counts them. Reading blocks until output comes; the
 * stream ends when the reader or the kept console is closed.
 *
 * <p>One thread at a time should read a reader; any number of readers may read at once.
 */
public final class ConsoleReader extends InputStream {

    private final KeptConsole console;
    long position;
    long skipped;
    volatile boolean closed;

    ConsoleReader(KeptConsole console, long position) {
        this.console = console;
        this.position = position;
    }

    /** @return how many bytes this reader missed because it fell behind the log's capacity */
    public long skipped() {
        synchronized (console.lock()) {
            return skipped;
        }
    }

    /** @return the absolute position in the console's output of the next byte this reader reads */
    public long position() {
        synchronized (console.lock()) {
            return position;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        return console.read(this, b, off, len);
    }

    @Override
    public int available() {
        return console.available(this);
    }

    /** Ends this reader; a read blocked in another thread returns end of stream. */
    @Override
    public void close() {
        closed = true;
        console.wake();
    }
}
