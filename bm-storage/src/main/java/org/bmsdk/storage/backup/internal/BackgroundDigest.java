package org.bmsdk.storage.backup.internal;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The whole image's SHA-256, computed on a thread of its own from the chunks in the order they were
 * cut.
 *
 * <p>Why: the backup's reading thread is its bottleneck once the chunks are stored by the workers
 * (FastCDC is serial), and hashing every byte a second time there made an incremental backup of a
 * 2 GiB image wait for it (bench/backup.sh). The queue is bounded, so a slow digest slows the reader
 * rather than holding the image in memory.
 */
final class BackgroundDigest implements AutoCloseable {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks;
    private final MessageDigest sha256 = ChunkCodec.newSha256();
    private final Thread thread;
    private volatile String hex;

    BackgroundDigest(int capacity) {
        this.chunks = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "bm-backup-digest");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a chunk (its bytes must not change afterwards); blocks while the queue is full. */
    void update(byte[] chunk) throws InterruptedException {
        if (chunk.length > 0) {
            chunks.put(chunk);
        }
    }

    /** @return the hex SHA-256 of every chunk queued, once they are all hashed */
    String digest() throws InterruptedException {
        chunks.put(END);
        thread.join();
        return hex;
    }

    private void run() {
        try {
            for (byte[] c = chunks.take(); c != END; c = chunks.take()) {
                Sha256Slices.update(sha256, c, 0, c.length);
            }
            hex = HexFormat.of().formatHex(sha256.digest());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread when the run ends early; a no-op after {@link #digest()}. */
    @Override
    public void close() {
        thread.interrupt();
    }
}
