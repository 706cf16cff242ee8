package org.bmsdk.storage.backup.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.api.storage.ChunkId;
import org.bmsdk.storage.backup.PruneResult;
import org.bmsdk.storage.backup.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention and garbage collection, under the writer lock: drop the manifests of the snapshots past
 * the newest N, then delete every chunk that no remaining manifest names (including chunks a crashed
 * backup left behind).
 *
 * <p>Safe by construction: every manifest is read before anything is deleted, and one that cannot be
 * read stops the prune (its chunks are unknown, so none may go); manifests go before chunks, so a
 * crash half-way leaves only chunks nobody needs, which the next prune deletes.
 */
public final class Pruner {

    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private final BackupRepository repository;
    private final ChunkCodec codec;

    /**
     * A pruner.
     *
     * @param repository the repository, whose writer lock the caller holds
     * @param codec its codec
     */
    public Pruner(BackupRepository repository, ChunkCodec codec) {
        this.repository = repository;
        this.codec = codec;
    }

    /**
     * Keeps the newest snapshots and collects the garbage.
     *
     * @param keepLast how many to keep, at least 1
     * @return what was kept and removed
     * @throws org.bmsdk.api.IntegrityException when a manifest cannot be read (nothing is deleted)
     */
    public PruneResult keepLast(int keepLast) {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keep-last must be at least 1, but was " + keepLast);
        }
        List<Manifest> all = new ManifestStore(repository, codec).all();
        List<Manifest> kept = all.subList(0, Math.min(keepLast, all.size()));
        List<Manifest> removed = all.subList(kept.size(), all.size());
        Set<ChunkId> live = new HashSet<>();
        kept.forEach(m -> m.chunks().forEach(c -> live.add(c.id())));
        for (Manifest m : removed) {
            repository.deleteManifest(m.snapshot().id());
        }
        int deleted = 0;
        for (ChunkId id : repository.chunks()) {
            if (!live.contains(id)) {
                repository.deleteChunk(id);
                deleted++;
            }
        }
        LOG.debug("Pruned {}: kept {} snapshots, removed {}, deleted {} chunks", repository.describe(), kept.size(),
                removed.size(), deleted);
        return new PruneResult(snapshots(kept), snapshots(removed), deleted);
    }

    private static List<Snapshot> snapshots(List<Manifest> manifests) {
        return manifests.stream().map(Manifest::snapshot).toList();
    }
}
