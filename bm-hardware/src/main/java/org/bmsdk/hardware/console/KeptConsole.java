package org.bmsdk.hardware.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.hardware.console.internal.ByteRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's console kept by the library: one session on the node's {@link SerialConsole} (IPMI
 * Serial-over-LAN or a vendor's SSH console) feeds a bounded log in memory, and any number of
 * readers read it at once, each at its own pace.
 *
 * <p>The log is a ring of {@link Builder#capacity(int) capacity} bytes: past it the oldest output is
 * dropped and {@link #dropped()} counts it exactly. A reader has its own cursor into the ring, so a
 * slow reader never holds up the device, the log or the other readers: when it falls more than the
 * capacity behind it skips what was dropped ({@link ConsoleReader#skipped()} says how much).
 *
 * <p>When the session ends (the BMC dropped it, the network broke, the machine was switched off and
 * SOL went with it) it is opened again after {@link Builder#reconnectDelay(Duration)}, doubling up to
 * {@link Builder#maxReconnectDelay(Duration)}; readers simply see the output carry on.
 *
 * <p>It is itself a {@link SerialConsole}: {@link #open()} gives a session that reads the output
 * from now on and types into the one device session, so the tenant's several viewers share the
 * BMC's single console.
 *
 * <pre>{@code
 * try (KeptConsole log = KeptConsole.builder(bmc.require(SerialConsole.class)).capacity(1 << 20).start()) {
 *     ConsoleReader r = log.reader();   // from now on
 *     ...
 *     String all = log.text();          // what is kept
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class KeptConsole implements SerialConsole, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeptConsole.class);
    /** The default capacity: a few boots' worth of a chatty Linux console. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    private final SerialConsole device;
    private final String name;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Object lock = new Object();
    /** Keystrokes of several viewers go out one write at a time, never interleaved within one. */
    private final Object typing = new Object();
    private final ByteRing ring;
    private final AtomicInteger sessions = new AtomicInteger();
    private final Thread pump;
    private ConsoleSession current;
    private volatile boolean closed;
    private volatile String lastFailure;

    private KeptConsole(Builder b) {
        this.device = b.device;
        this.name = b.name;
        this.firstDelay = b.reconnectDelay;
        this.maxDelay = b.maxReconnectDelay;
        this.ring = new ByteRing(b.capacity);
        this.pump = new Thread(this::run, "bm-console-log-" + name);
        this.pump.setDaemon(true);
    }

    /**
     * Starts a builder.
     *
     * @param device the node's console; the kept console holds one session on it open
     * @return the builder
     */
    public static Builder builder(SerialConsole device) {
        return new Builder(device);
    }

    /**
     * A reader of the output from now on.
     *
     * @return a reader with its own cursor; close it when done
     */
    public ConsoleReader reader() {
        synchronized (lock) {
            return new ConsoleReader(this, ring.written());
        }
    }

    /**
     * A reader of the output from the oldest byte still kept.
     *
     * @return a reader with its own cursor; close it when done
     */
    public ConsoleReader readerFromStart() {
        synchronized (lock) {
            return new ConsoleReader(this, ring.start());
        }
    }

    /** @return a copy of the output kept now, oldest first */
    public byte[] bytes() {
        synchronized (lock) {
            return ring.snapshot();
        }
    }

    /** @return the output kept now, decoded as UTF-8 */
    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** @return every byte of output received since the start, kept or not */
    public long written() {
        synchronized (lock) {
            return ring.written();
        }
    }

    /** @return the bytes of output dropped to stay within the capacity */
    public long dropped() {
        synchronized (lock) {
            return ring.dropped();
        }
    }

    /** @return how many bytes are kept at most */
    public int capacity() {
        return ring.capacity();
    }

    /** @return how many device sessions have been opened so far (more than 1 after a reconnect) */
    public int sessionsOpened() {
        return sessions.get();
    }

    /** @return whether a device session is open now */
    public boolean connected() {
        synchronized (lock) {
            return current != null;
        }
    }

    /**
     * Types into the console, through the device session open now.
     *
     * @param keys the keystrokes
     * @throws IOException when no session is open (the console is reconnecting) or the write failed
     */
    public void type(byte[] keys) throws IOException {
        ConsoleSession s;
        synchronized (lock) {
            s = current;
        }
        if (s == null) {
            throw new IOException("the console of " + name + " is not connected now"
                    + (lastFailure != null ? " (" + lastFailure + ")" : "") + "; it is reconnecting");
        }
        synchronized (typing) {
            s.output().write(keys);
            s.output().flush();
        }
    }

    /**
     * Opens a viewer: its input is the output from now on (a {@link ConsoleReader}), its output
     * types into the one device session. Closing it ends this viewer only.
     *
     * @return the session
     * @throws IllegalStateException when the kept console is closed
     */
    @Override
    public ConsoleSession open() {
        if (closed) {
            throw new IllegalStateException("the kept console of " + name + " is closed");
        }
        ConsoleReader r = reader();
        OutputStream keys = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                type(new byte[] {(byte) b});
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                Objects.checkFromIndexSize(off, len, b.length);
                type(java.util.Arrays.copyOfRange(b, off, off + len));
            }
        };
        return new ConsoleSession() {
            @Override
            public InputStream input() {
                return r;
            }

            @Override
            public OutputStream output() {
                return keys;
            }

            @Override
            public void close() {
                r.close();
            }
        };
    }

    /** Stops keeping the log: closes the device session; readers get what is kept, then end of stream. */
    @Override
    public void close() {
        ConsoleSession s;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            s = current;
            current = null;
            lock.notifyAll();
        }
        pump.interrupt();
        if (s != null) {
            closeQuietly(s);
        }
        try {
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private KeptConsole begin() {
        pump.start();
        return this;
    }

    /** The pump: one session at a time, its output into the ring, reopened when it ends. */
    private void run() {
        long delay = firstDelay.toMillis();
        byte[] buf = new byte[8192];
        while (!closed) {
            ConsoleSession s;
            try {
                s = device.open();
            } catch (BareMetalException | IllegalStateException e) {
                lastFailure = e.getMessage();
                LOG.debug("console of {}: cannot open a session ({}); trying again in {} ms", name, e.getMessage(), delay);
                if (!pause(delay)) {
                    return;
                }
                delay = Math.min(delay * 2, maxDelay.toMillis());
                continue;
            }
            synchronized (lock) {
                if (closed) {
                    closeQuietly(s);
                    return;
                }
                current = s;
            }
            sessions.incrementAndGet();
            lastFailure = null;
            long before = written();
            try {
                InputStream in = s.input();
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    synchronized (lock) {
                        ring.write(buf, 0, n);
                        lock.notifyAll();
                    }
                }
                lastFailure = "the session ended";
            } catch (IOException e) {
                lastFailure = e.getMessage();
            } finally {
                synchronized (lock) {
                    if (current == s) {
                        current = null;
                    }
                }
                closeQuietly(s);
            }
            if (closed) {
                return;
            }
            // a session that carried output was a good one: start the back-off again
            if (written() > before) {
                delay = firstDelay.toMillis();
            }
            LOG.info("console of {}: the session ended ({}); reconnecting in {} ms", name, lastFailure, delay);
            if (!pause(delay)) {
                return;
            }
            delay = Math.min(delay * 2, maxDelay.toMillis());
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void closeQuietly(ConsoleSession s) {
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.debug("console of {}: closing a session failed: {}", name, e.toString());
        }
    }

    /**
     * Reads for a reader: blocks until output past {@code position} is kept or the console closes.
     *
     * @return bytes copied, or -1 at the end; {@code skippedOut[0]} gets the bytes dropped before
     *     the reader got to them
     */
    int read(ConsoleReader reader, byte[] b, int off, int len) throws IOException {
        synchronized (lock) {
            while (ring.written() <= reader.position && !closed && !reader.closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the console of " + name);
                }
            }
            if (reader.closed) {
                return -1;
            }
            long start = ring.start();
            if (reader.position < start) {
                reader.skipped += start - reader.position;
                reader.position = start;
            }
            int n = ring.read(reader.position, b, off, len);
            if (n == 0) {
                return -1; // closed and read to the end
            }
            reader.position += n;
            return n;
        }
    }

    int available(ConsoleReader reader) {
        synchronized (lock) {
            return (int) Math.min(Integer.MAX_VALUE, ring.written() - Math.max(reader.position, ring.start()));
        }
    }

    void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    Object lock() {
        return lock;
    }

    @Override
    public String toString() {
        return "KeptConsole[" + name + ", " + (connected() ? "connected" : "reconnecting") + ", kept " + ring.size() + " of "
                + ring.capacity() + " bytes]";
    }

    /** Options of a {@link KeptConsole}. */
    public static final class Builder {
        private final SerialConsole device;
        private int capacity = DEFAULT_CAPACITY;
        private Duration reconnectDelay = Duration.ofSeconds(1);
        private Duration maxReconnectDelay = Duration.ofSeconds(30);
        private String name = "console";

        private Builder(SerialConsole device) {
            this.device = Objects.requireNonNull(device, "device");
        }

        /**
         * How many bytes of output are kept; default {@value KeptConsole#DEFAULT_CAPACITY}.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder capacity(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("capacity must be at least 1 byte, but was " + bytes);
            }
            this.capacity = bytes;
            return this;
        }

        /**
         * How long to wait before opening the session again once it ended; doubles on each failure.
         * Default 1 s.
         *
         * @param delay positive
         * @return this builder
         */
        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = positive(delay, "reconnectDelay");
            return this;
        }

        /**
         * The longest wait between attempts to reopen; default 30 s.
         *
         * @param delay positive
         * @return this builder
         */
        public Builder maxReconnectDelay(Duration delay) {
            this.maxReconnectDelay = positive(delay, "maxReconnectDelay");
            return this;
        }

        /**
         * The node's name, for logs and thread names.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Starts keeping the console: the device session is opened on a thread of its own.
         *
         * @return the running kept console; close it when done
         */
        public KeptConsole start() {
            if (maxReconnectDelay.compareTo(reconnectDelay) < 0) {
                maxReconnectDelay = reconnectDelay;
            }
            return new KeptConsole(this).begin();
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive, but was " + d);
            }
            return d;
        }
    }
}
