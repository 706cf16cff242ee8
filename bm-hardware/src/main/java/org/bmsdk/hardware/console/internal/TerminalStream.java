package org.bmsdk.hardware.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A terminal's output read on a thread of its own into a buffer, so that the CLI conversation
 * before the console is connected can wait for a pattern with a deadline (a blocking read has none),
 * and the console's output afterwards is read from the same buffer as an ordinary stream.
 *
 * <p>Text is matched as ISO-8859-1, one character per byte, so a match's end is a byte offset.
 */
public final class TerminalStream extends InputStream {

    /** Output past this, unread, stops the reader thread until some is taken (SSH flow control does the rest). */
    private static final int MAX_BUFFERED = 1 << 20;

    private final InputStream in;
    private final Object lock = new Object();
    private byte[] buf = new byte[8192];
    private int count;
    private boolean eof;
    private boolean closed;
    private IOException failure;

    private TerminalStream(InputStream in) {
        this.in = in;
    }

    /**
     * Starts reading a terminal.
     *
     * @param in the terminal's output
     * @param name for the thread's name
     * @return the stream
     */
    public static TerminalStream start(InputStream in, String name) {
        TerminalStream s = new TerminalStream(Objects.requireNonNull(in, "in"));
        Thread t = new Thread(s::pump, "bm-console-terminal-" + name);
        t.setDaemon(true);
        t.start();
        return s;
    }

    private void pump() {
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                synchronized (lock) {
                    while (count >= MAX_BUFFERED && !eof) {
                        lock.wait();
                    }
                    if (closed) {
                        return; // the owner is done with it: what still arrives is dropped
                    }
                    if (count + n > buf.length) {
                        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
                    }
                    System.arraycopy(chunk, 0, buf, count, n);
                    count += n;
                    lock.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lock) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                eof = true;
                lock.notifyAll();
            }
        }
    }

    /**
     * Waits until one of the patterns is found in what is buffered.
     *
     * @param deadlineNanos {@link System#nanoTime()} to give up at
     * @param patterns what to look for, in order of precedence
     * @return the index of the pattern found and its match; null when the deadline passed or the
     *     terminal ended first
     * @throws InterruptedIOException when interrupted
     */
    public Found await(long deadlineNanos, Pattern... patterns) throws InterruptedIOException {
        synchronized (lock) {
            while (true) {
                String text = new String(buf, 0, count, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < patterns.length; i++) {
                    Matcher m = patterns[i].matcher(text);
                    if (m.find()) {
                        return new Found(i, m.start(), m.end(), m.group());
                    }
                }
                long left = deadlineNanos - System.nanoTime();
                if (eof || left <= 0) {
                    return null;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the BMC's CLI");
                }
            }
        }
    }

    /**
     * Drops the first bytes of what is buffered (the CLI conversation already dealt with).
     *
     * @param n how many
     */
    public void consume(int n) {
        synchronized (lock) {
            int k = Math.min(n, count);
            System.arraycopy(buf, k, buf, 0, count - k);
            count -= k;
            lock.notifyAll();
        }
    }

    /** @return what is buffered, as text, for error messages (the last 200 characters, on one line) */
    public String tail() {
        synchronized (lock) {
            String t = new String(buf, 0, count, StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "\\n");
            return t.length() > 200 ? "…" + t.substring(t.length() - 200) : t;
        }
    }

    /** @return whether the terminal ended (the server closed it, or the link broke) */
    public boolean ended() {
        synchronized (lock) {
            return eof;
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
        synchronized (lock) {
            while (count == 0 && !eof) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the console");
                }
            }
            if (closed) {
                return -1;
            }
            if (count == 0) {
                if (failure != null) {
                    throw new IOException("the console's SSH channel broke: " + failure.getMessage(), failure);
                }
                return -1;
            }
            int n = Math.min(len, count);
            System.arraycopy(buf, 0, b, off, n);
            System.arraycopy(buf, n, buf, 0, count - n);
            count -= n;
            lock.notifyAll();
            return n;
        }
    }

    @Override
    public int available() {
        synchronized (lock) {
            return count;
        }
    }

    /** Ends reading: a blocked read returns end of stream. The terminal itself is closed by its owner. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            eof = true;
            count = 0;
            lock.notifyAll();
        }
    }

    /**
     * A pattern found.
     *
     * @param which the index of the pattern
     * @param start the byte offset of the match
     * @param end the byte offset after it
     * @param text the matched text
     */
    public record Found(int which, int start, int end, String text) {
    }
}
