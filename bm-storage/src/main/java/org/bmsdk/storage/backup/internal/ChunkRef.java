package org.bmsdk.storage.backup.internal;

import java.util.Objects;
import org.bmsdk.api.storage.ChunkId;

/**
 * One entry of a manifest's ordered chunk list.
 *
 * @param id the chunk
 * @param length its plain length
 */
public record ChunkRef(ChunkId id, int length) {

    /** Validates the components. */
    public ChunkRef {
        Objects.requireNonNull(id, "id");
        if (length <= 0) {
            throw new IllegalArgumentException("chunk length must be positive, but was " + length);
        }
    }
}
