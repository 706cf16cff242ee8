package org.bmsdk.api.storage;

import java.util.Optional;
import java.util.Set;

/**
 * Where disk backups are kept: a configuration object, content-addressed chunks and one manifest per
 * snapshot. A filesystem directory and S3-compatible object storage are the two implementations;
 * the backup engine in bm-storage decides what the bytes mean, a repository only keeps them.
 *
 * <p>Implementations must make each write atomic (a crash leaves either the whole object or none,
 * never a torn one: write to a temporary name, then rename or complete the upload), make writing an
 * existing chunk a no-op, be safe to call from several threads at once, and throw
 * {@link org.bmsdk.api.TransportException} for failures of the medium. They must never log or
 * print the objects' content.
 */
public interface BackupRepository extends AutoCloseable {

    /**
     * Reads the repository's configuration object (format version, chunking, key check), written
     * once when the repository was initialised.
     *
     * @return the configuration, empty when the repository was never initialised
     */
    Optional<byte[]> getConfig();

    /**
     * Writes the configuration object once, atomically.
     *
     * @param data the configuration
     * @throws org.bmsdk.api.ConflictException when a configuration is already stored
     */
    void createConfig(byte[] data);

    /**
     * Takes the repository's writer lock, so that two processes never back up into or prune the
     * same repository at once. A lock whose holder died is free again (the directory repository
     * uses an operating system file lock, which dies with its process).
     *
     * @param purpose what the lock is for (such as {@code backup}), shown to whoever finds it taken
     * @return the lock; closing it releases it
     * @throws org.bmsdk.api.ConflictException when another holder has it, naming that holder
     */
    Lock lock(String purpose);

    /**
     * Takes a reader lock: readers (restore, list, verify) run beside each other and beside a
     * backup, but never beside a prune, which deletes what they read. The default takes none, for
     * repositories that cannot share a lock; such a repository's prune may run beside a restore.
     *
     * @param purpose what the lock is for, shown to whoever finds the repository busy
     * @return the lock; closing it releases it
     * @throws org.bmsdk.api.ConflictException when a prune holds the repository, naming it
     */
    default Lock readLock(String purpose) {
        return () -> { };
    }

    /**
     * Takes the writer lock and, in addition, keeps every reader out: what a prune needs before it
     * deletes. The default is {@link #lock(String)}, for repositories without reader locks.
     *
     * @param purpose what the lock is for
     * @return the lock; closing it releases it
     * @throws org.bmsdk.api.ConflictException when a writer or a reader holds the repository,
     *     naming it
     */
    default Lock exclusiveLock(String purpose) {
        return lock(purpose);
    }

    /**
     * Whether a chunk is stored.
     *
     * @param id the chunk
     * @return true when stored
     */
    boolean hasChunk(ChunkId id);

    /**
     * Stores a chunk, as the caller encoded it (compressed, perhaps encrypted), atomically and
     * durably (on disk before this returns); a no-op when stored.
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
     * Deletes a chunk; garbage collection alone calls this, under the writer lock.
     *
     * @param id the chunk
     */
    void deleteChunk(ChunkId id);

    /** @return the ids of every stored chunk (objects being written are not listed) */
    Set<ChunkId> chunks();

    /**
     * Stores a snapshot's manifest, atomically and durably, after every chunk it names.
     *
     * @param name the snapshot's name: letters, digits, {@code .}, {@code _} and {@code -}
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

    /** @return where the repository is, for messages (never with credentials) */
    String describe();

    /** Releases the connection to the medium. */
    @Override
    void close();

    /** A held writer lock of a repository. */
    interface Lock extends AutoCloseable {
        /** Releases the lock. */
        @Override
        void close();
    }
}
