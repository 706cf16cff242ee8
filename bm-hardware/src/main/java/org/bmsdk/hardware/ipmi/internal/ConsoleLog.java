package org.bmsdk.hardware.ipmi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console log kept to a bounded size: what the console shows is appended to FILE; when the next
 * write would take FILE past the cap, FILE becomes FILE.1 (replacing the one before) and a new FILE
 * starts. So the disk holds at most twice the cap, and at least the last cap's worth of output.
 *
 * <p>Rotation rather than keeping the tail of one file: every write stays an append (no rewriting
 * a file on the I/O path, nothing lost on a crash mid-write), and readers such as {@code tail -F}
 * follow it as they follow any rotated log.
 *
 * <p>A log that cannot be written is reported once at WARN and then left alone: the console itself
 * carries on.
 */
final class ConsoleLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLog.class);

    private final Path file;
    private final Path rotated;
    private final long maxBytes;
    private FileChannel channel;
    private long size;
    private boolean failed;

    /**
     * Opens (creating when needed) the log.
     *
     * @param file the log file
     * @param maxBytes the cap of the file, at least 1
     */
    ConsoleLog(Path file, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, but was " + maxBytes);
        }
        this.file = file;
        this.rotated = file.resolveSibling(file.getFileName() + ".1");
        this.maxBytes = maxBytes;
    }

    /** @return the log file */
    Path file() {
        return file;
    }

    /**
     * Appends what the console showed.
     *
     * @param b the bytes
     */
    synchronized void append(byte[] b) {
        if (failed || b.length == 0) {
            return;
        }
        try {
            if (channel == null) {
                open();
            }
            int from = 0;
            if (b.length >= maxBytes) {
                // more than a whole file: only its last maxBytes can be kept
                from = (int) (b.length - maxBytes);
            }
            if (size + (b.length - from) > maxBytes && size > 0) {
                rotate();
            }
            ByteBuffer buf = ByteBuffer.wrap(b, from, b.length - from);
            while (buf.hasRemaining()) {
                size += channel.write(buf);
            }
        } catch (IOException e) {
            failed = true;
            LOG.warn("cannot write the console log {}: {}; the console carries on without it", file, e.toString());
            closeQuietly();
        }
    }

    private void open() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = channel.size();
    }

    private void rotate() throws IOException {
        channel.close();
        channel = null;
        Files.move(file, rotated, StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing the console log {}: {}", file, e.toString());
            }
            channel = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
