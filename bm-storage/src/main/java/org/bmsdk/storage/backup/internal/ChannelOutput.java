package org.bmsdk.storage.backup.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Writes everything to a file or device, in order; forces it to the medium on close. */
public class ChannelOutput extends OutputStream {

    /** The file or device, closed with this stream. */
    protected final FileChannel channel;

    /**
     * A stream.
     *
     * @param channel the file or device, at its start
     */
    public ChannelOutput(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            channel.force(true);
        }
    }
}
