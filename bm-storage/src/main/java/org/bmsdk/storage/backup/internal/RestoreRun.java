package org.bmsdk.storage.backup.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.storage.backup.RestoreResult;
import org.bmsdk.storage.backup.RestoreTarget;
import org.bmsdk.storage.backup.Snapshot;

/**
 * Writes a snapshot back: worker threads fetch and decode the next chunks ahead (a window of
 * {@code inFlight} chunks, so memory stays bounded), the caller's thread writes them in order.
 *
 * <p>What makes the image verified byte for byte: each chunk is checked against its id (its GCM tag
 * over an AAD naming the id in an encrypted repository, its SHA-256 id in a plain one), and the
 * chunk list against the snapshot's digest ({@link ManifestCodec} checks a format 2 manifest's
 * {@code chunkListSha256} when it reads it). A format 1 snapshot's digest is the whole image's
 * SHA-256, so for those the written image is hashed and compared, as before.
 */
public final class RestoreRun {

    private final BackupRepository repository;
    private final ChunkCodec codec;
    private final ExecutorService workers;
    private final int inFlight;
    private final MeterFactory meters;

    /** Makes the meter once the snapshot's size is known. */
    @FunctionalInterface
    public interface MeterFactory {
        /**
         * Makes a meter.
         *
         * @param total the image's length
         * @return the meter
         */
        ProgressMeter meter(long total);
    }

    /**
     * A run.
     *
     * @param repository the repository
     * @param codec its codec
     * @param workers the threads that fetch and decode chunks
     * @param inFlight how many chunks are fetched ahead
     * @param meters makes the progress counters
     */
    public RestoreRun(BackupRepository repository, ChunkCodec codec, ExecutorService workers, int inFlight,
            MeterFactory meters) {
        this.repository = repository;
        this.codec = codec;
        this.workers = workers;
        this.inFlight = inFlight;
        this.meters = meters;
    }

    /**
     * Restores a snapshot.
     *
     * @param name the snapshot
     * @param target where it goes
     * @return what was done
     */
    public RestoreResult run(String name, RestoreTarget target) {
        ManifestStore manifests = new ManifestStore(repository, codec);
        ErrorContext context = manifests.context("backup.restore");
        Manifest manifest = manifests.find(name)
                .orElseThrow(() -> new org.bmsdk.api.ConfigurationException("no snapshot " + name + " in the repository", context));
        ProgressMeter meter = meters.meter(manifest.snapshot().size());
        List<ChunkRef> chunks = manifest.chunks();
        // Only a format 1 digest is the image's SHA-256; a format 2 one was checked with the manifest.
        MessageDigest whole = manifest.snapshot().format() == Snapshot.FORMAT_IMAGE_SHA256 ? ChunkCodec.newSha256() : null;
        Deque<Future<byte[]>> ahead = new ArrayDeque<>();
        int next = 0;
        try (OutputStream out = target.open(manifest.snapshot().size())) {
            for (int i = 0; i < chunks.size(); i++) {
                while (next < chunks.size() && ahead.size() < inFlight) {
                    ChunkRef c = chunks.get(next++);
                    ahead.add(workers.submit(() -> fetch(name, c)));
                }
                byte[] plain = await(ahead.poll(), context);
                out.write(plain);
                if (whole != null) {
                    Sha256Slices.update(whole, plain, 0, plain.length);
                }
                meter.read.addAndGet(plain.length);
                meter.tick();
            }
            String sha = whole == null ? null : HexFormat.of().formatHex(whole.digest());
            if (sha != null && !sha.equals(manifest.snapshot().digest())) {
                throw new IntegrityException("snapshot " + name + " restored to an image whose SHA-256 is " + sha
                        + ", not " + manifest.snapshot().digest(), context);
            }
        } catch (IOException e) {
            throw new TransportException("writing snapshot " + name + " to " + target.describe() + " failed after "
                    + meter.read.get() + " bytes: " + e.getMessage(), context, e);
        } finally {
            for (Future<byte[]> f : ahead) {
                f.cancel(false);
            }
        }
        meter.finish();
        return new RestoreResult(manifest.snapshot(), target.describe(), meter.read.get(), meter.elapsed());
    }

    private byte[] fetch(String name, ChunkRef c) {
        byte[] stored = repository.getChunk(c.id())
                .orElseThrow(() -> new IntegrityException("chunk " + c.id() + " of snapshot " + name + " is missing"));
        byte[] plain;
        try {
            // Not decode: the tag already binds the bytes to the id (see decodeForRestore).
            plain = codec.decodeForRestore(c.id(), stored);
        } catch (IntegrityException e) {
            throw new IntegrityException("snapshot " + name + " cannot be restored: " + e.getMessage());
        }
        if (plain.length != c.length()) {
            throw new IntegrityException("chunk " + c.id() + " of snapshot " + name + " holds " + plain.length
                    + " bytes, not " + c.length());
        }
        return plain;
    }

    private static byte[] await(Future<byte[]> f, ErrorContext context) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BareMetalException("restore interrupted", context, true, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IntegrityException i) {
                throw new IntegrityException(i.getMessage(), context, i);
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
