package org.bmsdk.hardware.console.internal;

/**
 * The last {@code capacity} bytes of an unbounded stream, addressed by absolute position: byte
 * {@code p} of the stream is kept while {@code p >= written() - capacity}. Readers keep their own
 * position, so any number of them read at their own pace and none holds the writer up: a reader that
 * fell behind the oldest kept byte skips to it and is told how many it missed.
 *
 * <p>Not thread-safe: the owner synchronises.
 */
public final class ByteRing {

    private final byte[] ring;
    private long written;

    /**
     * Creates an empty ring.
     *
     * @param capacity how many bytes are kept, at least 1
     */
    public ByteRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.ring = new byte[capacity];
    }

    /** @return how many bytes are kept at most */
    public int capacity() {
        return ring.length;
    }

    /** @return every byte ever written, kept or not */
    public long written() {
        return written;
    }

    /** @return the absolute position of the oldest byte still kept */
    public long start() {
        return Math.max(0, written - ring.length);
    }

    /** @return the bytes dropped so far to stay within the capacity */
    public long dropped() {
        return start();
    }

    /** @return how many bytes are kept now */
    public int size() {
        return (int) (written - start());
    }

    /**
     * Appends bytes, dropping the oldest past the capacity.
     *
     * @param b the bytes
     * @param off where they start
     * @param len how many
     */
    public void write(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int skip = Math.max(0, len - ring.length);
        // only the last capacity bytes of a long write can be kept; the rest still counts as written
        written += skip;
        for (int i = off + skip; i < off + len; ) {
            int at = (int) (written % ring.length);
            int n = Math.min(off + len - i, ring.length - at);
            System.arraycopy(b, i, ring, at, n);
            i += n;
            written += n;
        }
    }

    /**
     * Copies kept bytes from a position on.
     *
     * @param position the absolute position to read from; below {@link #start()} it reads from there
     * @param b where to copy to
     * @param off where in {@code b}
     * @param len at most how many
     * @return how many were copied (0 when nothing is kept past {@code position})
     */
    public int read(long position, byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long from = Math.max(position, start());
        int n = (int) Math.max(0, Math.min(len, written - from));
        for (int done = 0; done < n; ) {
            int at = (int) ((from + done) % ring.length);
            int chunk = Math.min(n - done, ring.length - at);
            System.arraycopy(ring, at, b, off + done, chunk);
            done += chunk;
        }
        return n;
    }

    /** @return a copy of every byte kept, oldest first */
    public byte[] snapshot() {
        byte[] out = new byte[size()];
        read(start(), out, 0, out.length);
        return out;
    }
}
