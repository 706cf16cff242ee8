package org.bmsdk.testkit.machine.internal;

/**
 * A byte ring buffer addressed by absolute position: byte {@code p} is the p-th byte ever written.
 * Readers keep a position of their own, so any number of them can read at their own pace; one that
 * falls more than the capacity behind has lost the bytes in between. Not thread-safe: the owner
 * locks.
 */
public final class ByteRing {

    private final byte[] buf;
    private long end;
    private long start;

    /**
     * Creates an empty ring.
     *
     * @param capacity how many of the latest bytes it keeps, positive
     */
    public ByteRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, but was " + capacity);
        }
        this.buf = new byte[capacity];
    }

    /** @return how many bytes it keeps */
    public int capacity() {
        return buf.length;
    }

    /** @return the position of the oldest byte kept */
    public long start() {
        return start;
    }

    /** @return the position after the newest byte, which is the number of bytes ever written */
    public long end() {
        return end;
    }

    /**
     * Appends bytes, dropping the oldest beyond the capacity.
     *
     * @param data the bytes
     * @param off where they start in {@code data}
     * @param len how many
     */
    public void append(byte[] data, int off, int len) {
        int skip = Math.max(0, len - buf.length);
        for (int i = skip; i < len; ) {
            int at = (int) ((end + i) % buf.length);
            int n = Math.min(len - i, buf.length - at);
            System.arraycopy(data, off + i, buf, at, n);
            i += n;
        }
        end += len;
        start = Math.max(start, end - buf.length);
    }

    /** Forgets everything kept; positions go on counting. */
    public void clear() {
        start = end;
    }

    /**
     * Copies kept bytes from a position.
     *
     * @param pos the first position wanted; positions already dropped are skipped
     * @param dst where to copy to
     * @param off where to start in {@code dst}
     * @param len at most how many
     * @return how many bytes were copied, 0 when none are kept past {@code pos}
     */
    public int read(long pos, byte[] dst, int off, int len) {
        long from = Math.max(pos, start);
        int n = (int) Math.min(len, end - from);
        for (int i = 0; i < n; ) {
            int at = (int) ((from + i) % buf.length);
            int chunk = Math.min(n - i, buf.length - at);
            System.arraycopy(buf, at, dst, off + i, chunk);
            i += chunk;
        }
        return Math.max(n, 0);
    }

    /**
     * Copies every kept byte.
     *
     * @return the bytes from {@link #start()} to {@link #end()}
     */
    public byte[] toByteArray() {
        byte[] out = new byte[(int) (end - start)];
        read(start, out, 0, out.length);
        return out;
    }
}
