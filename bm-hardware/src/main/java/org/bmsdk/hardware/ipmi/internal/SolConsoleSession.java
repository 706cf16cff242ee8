package org.bmsdk.hardware.ipmi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Objects;
import org.bmsdk.hardware.ipmi.IpmiConsoleSession;

/**
 * One reader and writer of a BMC's console: what the console shows from its opening on arrives on
 * {@link #input()}; what is written to {@link #output()} goes to the machine. Every open session of
 * one BMC shares the one SOL payload of its {@link SolConsole}.
 *
 * <p>Output the reader does not take is buffered up to {@value #BUFFER} bytes; past that the oldest
 * is dropped ({@link #dropped()} counts it), so that a reader that stopped reading neither blocks
 * the I/O thread nor holds up the other readers and the console log.
 */
final class SolConsoleSession implements IpmiConsoleSession {

    /** Bytes of console output kept for a reader that has not read them yet. */
    static final int BUFFER = 256 * 1024;

    private final SolConsole console;
    private final byte[] ring = new byte[BUFFER];
    private int head;
    private int count;
    private long dropped;
    private boolean ended;
    private volatile boolean closed;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    SolConsoleSession(SolConsole console) {
        this.console = console;
    }

    /** Takes console output; never blocks (called on the I/O thread). */
    synchronized void offer(byte[] b) {
        if (ended) {
            return;
        }
        int from = 0;
        if (b.length > BUFFER) {
            dropped += b.length - BUFFER;
            from = b.length - BUFFER;
        }
        int n = b.length - from;
        int overflow = count + n - BUFFER;
        if (overflow > 0) {
            head = (head + overflow) % BUFFER;
            count -= overflow;
            dropped += overflow;
        }
        for (int i = 0; i < n; i++) {
            ring[(head + count + i) % BUFFER] = b[from + i];
        }
        count += n;
        notifyAll();
    }

    /** Ends the input: readers get what is buffered, then end of stream. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** @return bytes of output dropped because this reader fell behind */
    synchronized long dropped() {
        return dropped;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void sendBreak() {
        if (!closed) {
            console.requestBreak();
        }
    }

    /** Closes this session; the last one to close deactivates the payload. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        end();
        console.detach(this);
    }

    boolean isClosed() {
        return closed;
    }

    private final class Input extends InputStream {
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
            synchronized (SolConsoleSession.this) {
                while (count == 0 && !ended) {
                    try {
                        SolConsoleSession.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while reading the console");
                    }
                }
                if (count == 0) {
                    return -1;
                }
                int n = Math.min(len, count);
                for (int i = 0; i < n; i++) {
                    b[off + i] = ring[(head + i) % BUFFER];
                }
                head = (head + n) % BUFFER;
                count -= n;
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (SolConsoleSession.this) {
                return count;
            }
        }

        @Override
        public void close() {
            SolConsoleSession.this.close();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("the console session is closed");
            }
            console.write(b, off, len);
        }

        @Override
        public void close() {
            SolConsoleSession.this.close();
        }
    }

    @Override
    public String toString() {
        return "SolConsoleSession[" + console.endpoint() + (closed ? ", closed" : "") + "]";
    }
}
