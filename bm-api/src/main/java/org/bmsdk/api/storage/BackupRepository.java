package org.bmsdk.api.storage;

import java.util.Optional;
import java.util.Set;

/**
 * Where disk backups are kept: content-addressed chunks and one manifest per snapshot. A
 * filesystem directory and S3-compatible object storage are the two implementations.
 *
 * <p>Implementations must make each write atomic (a crash leaves either the whole object or
 * none, never a torn one: write to a temporary name, then rename or complete the upload), make
 * writing an existing chunk a no-op, and throw {@link org.bmsdk.api.TransportException} for
 * failures of the medium.
 */
public interface BackupRepository extends AutoCloseable {

    /**
     * Whether a chunk is stored.
     *
     * @param id the chunk
     * @return true when stored
     */
    boolean hasChunk(ChunkId id);

    /**
     * Stores a chunk, as the caller encoded it (compressed, perhaps encrypted); a no-op when stored.
     *
     * @param id the chunk's id
     * @param data its stored form
     */
    void putChunk(ChunkId id, byte[] data);

    /**
     * Reads a chunk's stored form.
     *
     * @param id the chunk
     * @return its stored form, empty when absent
     */
    Optional<byte[]> getChunk(ChunkId id);

    /**
     * Deletes a chunk; garbage collection alone calls this.
     *
     * @param id the chunk
     */
    void deleteChunk(ChunkId id);

    /** @return the ids of every stored chunk */
    Set<ChunkId> chunks();

    /**
     * Stores a snapshot's manifest, atomically.
     *
     * @param name the snapshot's name
     * @param data the manifest
     */
    void putManifest(String name, byte[] data);

    /**
     * Reads a manifest.
     *
     * @param name the snapshot's name
     * @return the manifest, empty when absent
     */
    Optional<byte[]> getManifest(String name);

    /**
     * Deletes a manifest.
     *
     * @param name the snapshot's name
     */
    void deleteManifest(String name);

    /** @return the names of every stored manifest */
    Set<String> manifests();

    /** Releases the connection to the medium. */
    @Override
    void close();
}
