package org.bmsdk.storage.backup.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.api.storage.ChunkId;
import org.bmsdk.storage.backup.VerifyReport;
import org.bmsdk.storage.backup.VerifyReport.Damage;

/**
 * Checks snapshots: each manifest is decoded, and each distinct chunk they name is read, decrypted,
 * decompressed and hashed again on the worker threads, once however many snapshots share it. A
 * damaged or missing chunk is reported with every snapshot that needs it.
 */
public final class VerifyRun {

    private final BackupRepository repository;
    private final ChunkCodec codec;
    private final ExecutorService workers;
    private final Semaphore permits;
    private final ProgressMeter meter;

    /**
     * A run.
     *
     * @param repository the repository
     * @param codec its codec
     * @param workers the threads that check chunks
     * @param inFlight how many chunks may be checked at once
     * @param meter the progress counters
     */
    public VerifyRun(BackupRepository repository, ChunkCodec codec, ExecutorService workers, int inFlight, ProgressMeter meter) {
        this.repository = repository;
        this.codec = codec;
        this.workers = workers;
        this.permits = new Semaphore(inFlight);
        this.meter = meter;
    }

    /**
     * Which chunks the snapshots need, and how long each is.
     *
     * @param repository the repository
     * @param codec its codec
     * @param names the snapshots to check
     * @param damage where damaged manifests are reported
     * @return the snapshots that need each chunk, with its length
     */
    public static Map<ChunkId, Need> needs(BackupRepository repository, ChunkCodec codec, Collection<String> names,
            Collection<Damage> damage) {
        ManifestStore manifests = new ManifestStore(repository, codec);
        Map<ChunkId, Need> needs = new LinkedHashMap<>();
        for (String name : names) {
            Optional<Manifest> manifest;
            try {
                manifest = manifests.find(name);
            } catch (IntegrityException e) {
                damage.add(new Damage("snapshot " + name, e.getMessage(), List.of(name)));
                continue;
            }
            if (manifest.isEmpty()) {
                damage.add(new Damage("snapshot " + name, "no such snapshot", List.of(name)));
                continue;
            }
            for (ChunkRef c : manifest.get().chunks()) {
                needs.computeIfAbsent(c.id(), id -> new Need(c.length(), new ArrayList<>())).snapshots().add(name);
            }
        }
        return needs;
    }

    /**
     * Checks snapshots.
     *
     * @param names the snapshots
     * @param needs what {@link #needs} found they need
     * @param manifestDamage the damaged manifests {@link #needs} found
     * @return what was found
     */
    public VerifyReport run(Set<String> names, Map<ChunkId, Need> needs, Collection<Damage> manifestDamage) {
        Collection<Damage> damage = new ConcurrentLinkedQueue<>(manifestDamage);
        AtomicInteger checked = new AtomicInteger();
        List<Future<?>> pending = new ArrayList<>();
        for (Map.Entry<ChunkId, Need> e : needs.entrySet()) {
            acquire();
            pending.add(workers.submit(() -> {
                try {
                    check(e.getKey(), e.getValue()).ifPresent(problem ->
                            damage.add(new Damage("chunk " + e.getKey(), problem, e.getValue().snapshots())));
                    checked.incrementAndGet();
                    meter.read.addAndGet(e.getValue().length());
                } finally {
                    permits.release();
                }
            }));
            meter.tick();
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new BareMetalException("verify interrupted");
            } catch (ExecutionException ex) {
                throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
            }
            meter.tick();
        }
        meter.finish();
        return new VerifyReport(names.size(), checked.get(), meter.read.get(), new ArrayList<>(damage));
    }

    private Optional<String> check(ChunkId id, Need need) {
        Optional<byte[]> stored = repository.getChunk(id);
        if (stored.isEmpty()) {
            return Optional.of("missing");
        }
        try {
            byte[] plain = codec.decode(id, stored.get());
            if (plain.length != need.length()) {
                return Optional.of("holds " + plain.length + " bytes, but its snapshots say " + need.length());
            }
            return Optional.empty();
        } catch (IntegrityException e) {
            return Optional.of(e.getMessage());
        }
    }

    private void acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BareMetalException("verify interrupted");
        }
    }

    /**
     * What the snapshots expect of one chunk.
     *
     * @param length its plain length
     * @param snapshots the snapshots that need it
     */
    public record Need(int length, List<String> snapshots) {
    }
}
