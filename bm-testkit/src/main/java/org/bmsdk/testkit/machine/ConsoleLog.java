package org.bmsdk.testkit.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bmsdk.testkit.machine.internal.ByteRing;
import org.bmsdk.testkit.machine.internal.SerialDispatcher;

/**
 * A machine's serial console: what the host writes (banners, login prompts, panics) kept in a
 * bounded ring, and what is typed into it, recorded the same way.
 *
 * <p>Readers read the whole kept log ({@link #text()}), subscribe to new output
 * ({@link #subscribe(ConsoleListener)}), or each open a stream of their own ({@link #follow()}):
 * several at once, each seeing every byte written after it started, unless it falls more than the
 * capacity behind, in which case it skips what was dropped. Input ({@link #type(String)}) is what a
 * serial-over-LAN or SSH console session sends to the host; it is recorded and passed to input
 * subscribers, so that a simulated OS can answer it later.
 *
 * <p>Thread-safe. The machine closes its log when it closes: streams then end.
 */
public final class ConsoleLog implements AutoCloseable {

    private final Object lock = new Object();
    private final ByteRing output;
    private final ByteRing input;
    private final List<ConsoleListener> outputListeners = new CopyOnWriteArrayList<>();
    private final List<ConsoleListener> inputListeners = new CopyOnWriteArrayList<>();
    private final SerialDispatcher dispatcher = new SerialDispatcher();
    private boolean closed;

    private ConsoleLog(int capacity) {
        this.output = new ByteRing(capacity);
        this.input = new ByteRing(capacity);
    }

    /**
     * Creates an empty log; simulators other than machines (a switch's CLI) may keep one too.
     *
     * @param capacity how many bytes of output, and of input, are kept
     * @return the log
     */
    public static ConsoleLog create(int capacity) {
        return new ConsoleLog(capacity);
    }

    /** @return how many bytes of output are kept */
    public int capacity() {
        return output.capacity();
    }

    /**
     * Writes output, as the host does.
     *
     * @param text the text, encoded as UTF-8
     */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes output, as the host does.
     *
     * @param data the bytes
     */
    public void write(byte[] data) {
        append(output, outputListeners, data);
    }

    /**
     * Records input, as a console session typing into the host does.
     *
     * @param text the text, encoded as UTF-8
     */
    public void type(String text) {
        type(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Records input, as a console session typing into the host does.
     *
     * @param data the bytes
     */
    public void type(byte[] data) {
        append(input, inputListeners, data);
    }

    /** @return the kept output */
    public byte[] bytes() {
        synchronized (lock) {
            return output.toByteArray();
        }
    }

    /** @return the kept output, decoded as UTF-8 */
    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** @return the kept input */
    public byte[] inputBytes() {
        synchronized (lock) {
            return input.toByteArray();
        }
    }

    /** @return the kept input, decoded as UTF-8 */
    public String inputText() {
        return new String(inputBytes(), StandardCharsets.UTF_8);
    }

    /** @return how many bytes of output were ever written, kept or not */
    public long totalWritten() {
        synchronized (lock) {
            return output.end();
        }
    }

    /** Forgets the kept output, as a BMC's "clear console log" does; open streams carry on. */
    public void clear() {
        synchronized (lock) {
            output.clear();
        }
    }

    /**
     * Calls a listener with each output written from now on.
     *
     * @param listener the listener
     * @return closing it stops the calls
     */
    public Subscription subscribe(ConsoleListener listener) {
        return register(outputListeners, listener);
    }

    /**
     * Calls a listener with each input typed from now on.
     *
     * @param listener the listener
     * @return closing it stops the calls
     */
    public Subscription subscribeInput(ConsoleListener listener) {
        return register(inputListeners, listener);
    }

    /**
     * Opens a stream of the output written from now on. Reads block until there is output; the
     * stream ends when it or the log is closed.
     *
     * @return the stream, for one reader
     */
    public InputStream follow() {
        synchronized (lock) {
            return new Reader(output.end());
        }
    }

    /**
     * Opens a stream of the kept output and then of new output, as {@link #follow()} does.
     *
     * @return the stream, for one reader
     */
    public InputStream followFromStart() {
        synchronized (lock) {
            return new Reader(output.start());
        }
    }

    /** Ends every stream once it has read what was kept; later writes are still kept. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    private void append(ByteRing ring, List<ConsoleListener> listeners, byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) {
            return;
        }
        byte[] copy = data.clone();
        synchronized (lock) {
            ring.append(copy, 0, copy.length);
            lock.notifyAll();
            // Queued under the lock so listeners get chunks in the order they entered the ring.
            if (!listeners.isEmpty()) {
                dispatcher.enqueue(() -> listeners.forEach(l -> l.onBytes(copy.clone())));
            }
        }
        dispatcher.drain();
    }

    private static Subscription register(List<ConsoleListener> listeners, ConsoleListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** One reader's stream, with its own position in the output ring. */
    private final class Reader extends InputStream {
        private long position;
        private boolean readerClosed;

        Reader(long position) {
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            synchronized (lock) {
                while (!readerClosed && position >= output.end() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for console output");
                    }
                }
                position = Math.max(position, output.start());
                if (readerClosed || position >= output.end()) {
                    return -1;
                }
                int n = output.read(position, b, off, len);
                position += n;
                return n;
            }
        }

        @Override
        public int available() {
            synchronized (lock) {
                return readerClosed ? 0 : (int) Math.min(Integer.MAX_VALUE, output.end() - Math.max(position, output.start()));
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                readerClosed = true;
                lock.notifyAll();
            }
        }
    }
}
