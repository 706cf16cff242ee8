package org.bmsdk.storage.backup;

import java.util.List;

/**
 * What a prune did.
 *
 * @param kept the snapshots kept, newest first
 * @param removed the snapshots removed
 * @param chunksDeleted the chunks no kept snapshot needed any more (including those a crashed backup
 *     left behind)
 */
public record PruneResult(List<Snapshot> kept, List<Snapshot> removed, int chunksDeleted) {

    /** Copies the lists. */
    public PruneResult {
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
    }
}
