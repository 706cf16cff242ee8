package org.bmsdk.storage.backup.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a new (empty) file sparse: every aligned 4 KiB block of zeros is skipped, leaving a hole
 * that reads as zeros and takes no space, as the unused areas of a disk image should. The length
 * comes right at close, with one byte written at the end when the image ends in a hole.
 */
public final class SparseFileOutput extends ChannelOutput {

    private static final int BLOCK = 4096;

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

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int at = off;
        while (at < end) {
            // Up to the next block boundary of the file: a block is written, or skipped, in pieces
            // when a write boundary cuts it, and the file system allocates it when any piece is written.
            int n = (int) Math.min(end - at, BLOCK - position % BLOCK);
            if (!isZero(b, at, n)) {
                ByteBuffer buffer = ByteBuffer.wrap(b, at, n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, position + buffer.position() - at);
                }
            } else {
                skipped += n;
            }
            position += n;
            at += n;
        }
    }

    /** @return how many bytes were left as holes */
    public long skipped() {
        return skipped;
    }

    private static boolean isZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
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
