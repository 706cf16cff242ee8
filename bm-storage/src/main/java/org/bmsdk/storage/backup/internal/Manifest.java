package org.bmsdk.storage.backup.internal;

import java.util.List;
import java.util.Objects;
import org.bmsdk.storage.backup.Snapshot;

/**
 * A snapshot and the chunks that make up its image, in order.
 *
 * @param snapshot what it is
 * @param chunks its chunks, in order; their lengths add up to the snapshot's size
 */
public record Manifest(Snapshot snapshot, List<ChunkRef> chunks) {

    /** Validates and copies the components. */
    public Manifest {
        Objects.requireNonNull(snapshot, "snapshot");
        chunks = List.copyOf(chunks);
        long sum = 0;
        for (ChunkRef c : chunks) {
            sum += c.length();
        }
        if (sum != snapshot.size() || chunks.size() != snapshot.chunkCount()) {
            throw new IllegalArgumentException("snapshot " + snapshot.id() + " says " + snapshot.size() + " bytes in "
                    + snapshot.chunkCount() + " chunks, but its chunks hold " + sum + " bytes in " + chunks.size());
        }
    }
}
