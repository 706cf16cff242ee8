package org.bmsdk.storage.backup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.bmsdk.storage.backup.ChunkSizes;

/**
 * FastCDC content-defined chunking (Xia et al., USENIX ATC 2016; IEEE TPDS 2020): a chunk ends
 * where a gear hash of the last bytes matches a mask, so an insertion or a change moves only the
 * boundaries near it and the chunks after it are found again, which is what deduplicates one
 * snapshot of a disk against the last.
 *
 * <p>The three ideas of the paper are all here: the gear hash ({@code fp = (fp << 1) + GEAR[b]}, one
 * shift and one add per byte); cut-point skipping (no boundary is looked for in the first
 * {@code min} bytes); and normalized chunking, level 2: before the average size the mask has two
 * bits more than log2(average), which makes a cut four times less likely, and after it two bits
 * fewer, four times more likely, so chunk sizes bunch around the average. The masks use the hash's
 * high bits, which depend on the last 64 bytes (a low bit depends only on the last few).
 *
 * <p>The gear table and the masks are part of the repository format: changing either moves every
 * boundary and ends deduplication against older snapshots.
 */
public final class FastCdc {

    private static final long[] GEAR = gearTable();

    private final ChunkSizes sizes;
    private final long maskSmall;
    private final long maskLarge;
    private final InputStream in;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean eof;

    /**
     * A chunker over a stream.
     *
     * @param in the stream, read in large blocks, not closed here
     * @param sizes the bounds
     */
    public FastCdc(InputStream in, ChunkSizes sizes) {
        this.in = in;
        this.sizes = sizes;
        int bits = Integer.numberOfTrailingZeros(sizes.average());
        this.maskSmall = highBits(bits + 2);
        this.maskLarge = highBits(Math.max(1, bits - 2));
        this.buffer = new byte[2 * sizes.max()];
    }

    /**
     * The next chunk of the stream.
     *
     * @return the chunk's bytes (a fresh array the caller owns), or null at the end of the stream
     * @throws IOException when the stream fails
     */
    public byte[] next() throws IOException {
        if (end - start < sizes.max() && !eof) {
            fill();
        }
        if (start == end) {
            return null;
        }
        int length = cut(buffer, start, end - start);
        byte[] chunk = Arrays.copyOfRange(buffer, start, start + length);
        start += length;
        return chunk;
    }

    /**
     * Where the chunk that starts at {@code offset} ends.
     *
     * @param data the bytes
     * @param offset where the chunk starts
     * @param available how many bytes follow (all of them when the stream ended)
     * @return the chunk's length, at least 1 when available is
     */
    int cut(byte[] data, int offset, int available) {
        if (available <= sizes.min()) {
            return available;
        }
        int limit = Math.min(available, sizes.max());
        int normal = Math.min(limit, sizes.average());
        long fp = 0;
        int i = sizes.min();
        for (; i < normal; i++) {
            fp = (fp << 1) + GEAR[data[offset + i] & 0xff];
            if ((fp & maskSmall) == 0) {
                return i + 1;
            }
        }
        for (; i < limit; i++) {
            fp = (fp << 1) + GEAR[data[offset + i] & 0xff];
            if ((fp & maskLarge) == 0) {
                return i + 1;
            }
        }
        return limit;
    }

    /** Moves what is left to the front of the buffer and reads until a whole max chunk is there. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end < buffer.length) {
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                eof = true;
                return;
            }
            end += n;
        }
    }

    private static long highBits(int count) {
        return -1L << (64 - count);
    }

    /** 256 fixed pseudo-random 64-bit values: SplitMix64 from a fixed seed, the same in every release. */
    private static long[] gearTable() {
        long[] table = new long[256];
        long state = 0x6a09e667f3bcc908L;
        for (int i = 0; i < table.length; i++) {
            state += 0x9e3779b97f4a7c15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            table[i] = z ^ (z >>> 31);
        }
        return table;
    }
}
