package org.bmsdk.storage.backup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.api.storage.ChunkId;
import org.bmsdk.storage.backup.BackupResult;
import org.bmsdk.storage.backup.BackupSource;
import org.bmsdk.storage.backup.Snapshot;

/**
 * One backup: the caller's thread reads the source and cuts it into chunks (FastCDC is serial by
 * nature), the worker threads name (hash), compress and encrypt each chunk, and I/O threads store
 * the new ones. Each byte is hashed once, for its chunk's id: the snapshot's digest is the
 * {@link ChunkListDigest} of the ids (manifest format 2), not a second pass over the image. A semaphore bounds the
 * chunks in flight and a byte budget the encoded chunks waiting to be stored, so memory stays near
 * {@code (inFlight + 2) × max chunk size} whatever the disk's size.
 *
 * <p>Why the I/O threads: storing a chunk durably waits for the disk (a directory repository forces
 * each chunk file to disk, about 6-8 ms on the benchmark's virtual disk; an S3 PUT waits for the
 * network), and on the worker threads those waits kept the CPUs idle. Many stores at once also cost
 * less each: the file system commits concurrent fsyncs together (100 files of 400 KiB forced from 16
 * threads took 0.6 ms each, from one thread 7.9 ms). Each chunk is still stored atomically and
 * durably by {@link BackupRepository#putChunk} before the manifest, which waits for all of them.
 *
 * <p>The manifest is written last, after every chunk it names is stored. A run that fails or is
 * killed half-way leaves the chunks it stored (whole: the repository writes atomically) and no
 * manifest; the next run finds those chunks and does not store them again.
 */
public final class BackupRun {

    /** Concurrent chunk stores: enough for the file system to commit many fsyncs together. */
    static final int IO_THREADS = 16;

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final BackupRepository repository;
    private final RepositoryFormat.Opened format;
    private final ExecutorService workers;
    private final int inFlight;
    private final ProgressMeter meter;
    private final Clock clock;
    private final Semaphore permits;
    /** The encoded bytes that may wait for or be in the I/O threads, in KiB: two maximal chunks. */
    private final int ioBudgetKib;
    private final Semaphore ioBudget;
    private final Queue<Future<?>> stores = new ConcurrentLinkedQueue<>();
    private volatile RuntimeException storeFailure;
    private ExecutorService io;
    private final Map<ChunkId, Boolean> seen = new ConcurrentHashMap<>();
    private final AtomicInteger newChunks = new AtomicInteger();
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong peakBuffered = new AtomicLong();
    private final ErrorContext context;

    /**
     * A run.
     *
     * @param repository where chunks go
     * @param format the repository's sizes and codec
     * @param workers the threads that encode and store chunks
     * @param inFlight how many chunks may wait or be worked on at once
     * @param meter the progress counters
     * @param clock the snapshot's time
     */
    public BackupRun(BackupRepository repository, RepositoryFormat.Opened format, ExecutorService workers, int inFlight,
            ProgressMeter meter, Clock clock) {
        this.repository = repository;
        this.format = format;
        this.workers = workers;
        this.inFlight = inFlight;
        this.meter = meter;
        this.clock = clock;
        this.permits = new Semaphore(inFlight);
        this.ioBudgetKib = 2 * Math.max(1, format.sizes().max() >> 10);
        this.ioBudget = new Semaphore(ioBudgetKib);
        this.context = ErrorContext.of(repository.describe(), "backup", "backup.create");
    }

    /**
     * Backs a source up.
     *
     * @param source the disk
     * @param expectedSize its length when known, else -1: a stream that ends before (or goes on
     *     after) it is an error, however cleanly it ended, since a connection cut at the wrong moment
     *     can look like a clean end
     * @return what was done
     */
    public BackupResult run(BackupSource source, long expectedSize) {
        Instant time = clock.instant();
        String id = ID_TIME.format(time) + "-" + String.format("%08x", ThreadLocalRandom.current().nextInt());
        List<Future<ChunkRef>> pending = new ArrayList<>();
        io = ioThreads();
        try (InputStream in = source.open()) {
            FastCdc chunker = new FastCdc(in, format.sizes());
            for (byte[] chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
                meter.read.addAndGet(chunk.length);
                acquire(pending);
                long now = buffered.addAndGet(chunk.length);
                peakBuffered.accumulateAndGet(now, Math::max);
                byte[] data = chunk;
                pending.add(workers.submit(() -> store(data)));
                meter.tick();
            }
            if (expectedSize >= 0 && meter.read.get() != expectedSize) {
                throw new IOException("the stream ended after " + meter.read.get() + " bytes of " + expectedSize);
            }
            List<ChunkRef> refs = new ArrayList<>(pending.size());
            for (Future<ChunkRef> f : pending) {
                refs.add(await(f));
                meter.tick();
            }
            // Every chunk the manifest names is stored (durably) before it is written.
            for (Future<?> f = stores.poll(); f != null; f = stores.poll()) {
                await(f);
                meter.tick();
            }
            Snapshot snapshot = new Snapshot(id, time, source.describe(), meter.read.get(),
                    ManifestCodec.FORMAT, ChunkListDigest.of(refs), refs.size());
            byte[] manifest = ManifestCodec.encode(new Manifest(snapshot, refs));
            repository.putManifest(id, format.codec().sealManifest(id, manifest));
            meter.finish();
            return new BackupResult(snapshot, meter.read.get(), meter.fresh.get(), meter.stored.get(), meter.reused.get(),
                    newChunks.get(), meter.elapsed(), peakBuffered.get());
        } catch (IOException e) {
            drain(pending);
            throw new TransportException("reading " + source.describe() + " failed after " + meter.read.get()
                    + " bytes: " + e.getMessage() + "; the " + newChunks.get()
                    + " chunks stored so far stay, and the next backup reuses them", context, e);
        } catch (RuntimeException e) {
            drain(pending);
            throw e;
        } finally {
            io.shutdown();
        }
    }

    private static ExecutorService ioThreads() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 1, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "bm-backup-io-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Names, encodes and stores one chunk; runs on a worker thread. */
    private ChunkRef store(byte[] chunk) {
        try {
            ChunkId id = format.codec().id(chunk);
            // Within a run, the first worker to meet an id stores it (zeroed disk areas repeat one chunk
            // thousands of times); across runs, the repository says what it has.
            if (seen.putIfAbsent(id, Boolean.TRUE) == null && !repository.hasChunk(id)) {
                byte[] encoded = format.codec().encode(id, chunk);
                submitStore(id, chunk.length, encoded);
            } else {
                meter.reused.addAndGet(chunk.length);
            }
            return new ChunkRef(id, chunk.length);
        } finally {
            buffered.addAndGet(-chunk.length);
            permits.release();
        }
    }

    /**
     * Hands an encoded chunk to the I/O threads, waiting while the bytes already waiting for them use
     * up the budget.
     */
    private void submitStore(ChunkId id, int plainLength, byte[] encoded) {
        RuntimeException failed = storeFailure;
        if (failed != null) {
            throw failed;
        }
        int kib = Math.min(ioBudgetKib, (encoded.length >> 10) + 1);
        try {
            ioBudget.acquire(kib);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BareMetalException("backup interrupted", context, true, e);
        }
        long now = buffered.addAndGet(encoded.length);
        peakBuffered.accumulateAndGet(now, Math::max);
        try {
            stores.add(io.submit(() -> {
                try {
                    repository.putChunk(id, encoded);
                    newChunks.incrementAndGet();
                    meter.fresh.addAndGet(plainLength);
                    meter.stored.addAndGet(encoded.length);
                } catch (RuntimeException e) {
                    storeFailure = e;
                    throw e;
                } finally {
                    buffered.addAndGet(-encoded.length);
                    ioBudget.release(kib);
                }
            }));
        } catch (RuntimeException e) {
            buffered.addAndGet(-encoded.length);
            ioBudget.release(kib);
            throw e;
        }
    }

    /** Waits for room in the pipeline, failing early when a worker has failed. */
    private void acquire(List<Future<ChunkRef>> pending) {
        try {
            while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                meter.tick();
                for (int i = Math.max(0, pending.size() - inFlight); i < pending.size(); i++) {
                    Future<ChunkRef> f = pending.get(i);
                    if (f.isDone()) {
                        await(f);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BareMetalException("backup interrupted", context, true, e);
        }
    }

    private <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BareMetalException("backup interrupted", context, true, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new BareMetalException("a backup worker failed: " + e.getCause(), context, false, e.getCause());
        }
    }

    /**
     * Lets every submitted chunk finish (at most {@code inFlight} of them are left), then every
     * store, so that nothing writes to the repository after the run returns and its lock is released.
     */
    private void drain(List<Future<ChunkRef>> pending) {
        for (Future<ChunkRef> f : pending) {
            try {
                f.get();
            } catch (Exception ignored) {
                // The first failure is the one reported.
            }
        }
        for (Future<?> f = stores.poll(); f != null; f = stores.poll()) {
            try {
                f.get();
            } catch (Exception ignored) {
                // The first failure is the one reported.
            }
        }
    }
}
