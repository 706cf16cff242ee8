package org.bmsdk.storage.backup.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Writes a new (empty) file sparse: every aligned 4 KiB block of zeros is skipped, leaving a hole
 * that reads as zeros and takes no space, as the unused areas of a disk image should. The length
 * comes right at close, with one byte written at the end when the image ends in a hole.
 */
public final class SparseFileOutput extends ChannelOutput {

    private static final int BLOCK = 4096;
    private static final byte[] ZEROS = new byte[BLOCK];

    private long position;
    private long skipped;

    /**
     * A stream.
     *
     * @param channel a new or truncated file
     */
    public SparseFileOutput(FileChannel channel) {
        super(channel);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Consecutive blocks that are not zeros go to the file in one write: one system call per
     * 4 KiB block made a restore of a 512 MiB image 130,000 of them.
     */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int at = off;
        int run = -1; // where the bytes not written yet start, or -1
        long runPosition = 0;
        while (at < end) {
            // Up to the next block boundary of the file: a block is written, or skipped, in pieces
            // when a write boundary cuts it, and the file system allocates it when any piece is written.
            int n = (int) Math.min(end - at, BLOCK - position % BLOCK);
            if (!isZero(b, at, n)) {
                if (run < 0) {
                    run = at;
                    runPosition = position;
                }
            } else {
                if (run >= 0) {
                    writeFully(b, run, at - run, runPosition);
                    run = -1;
                }
                skipped += n;
            }
            position += n;
            at += n;
        }
        if (run >= 0) {
            writeFully(b, run, end - run, runPosition);
        }
    }

    private void writeFully(byte[] b, int off, int len, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
            channel.write(buffer, at + buffer.position() - off);
        }
    }

    /** @return how many bytes were left as holes */
    public long skipped() {
        return skipped;
    }

    private static boolean isZero(byte[] b, int off, int len) {
        // Arrays.mismatch compares many bytes at a time (a JDK intrinsic), a byte loop one.
        return Arrays.mismatch(b, off, off + len, ZEROS, 0, len) < 0;
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel.size() < position) {
                channel.write(ByteBuffer.wrap(new byte[1]), position - 1);
            }
        } finally {
            super.close();
        }
    }
}
