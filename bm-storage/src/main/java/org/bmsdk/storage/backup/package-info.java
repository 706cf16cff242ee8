/**
 * Disk backups: {@link org.bmsdk.storage.backup.BackupEngine} reads a disk as a stream
 * ({@link org.bmsdk.storage.backup.BackupSource}), cuts it into content-defined chunks (FastCDC),
 * names each chunk by its hash, compresses it with zstd, optionally encrypts it with AES-256-GCM
 * under a {@link org.bmsdk.storage.backup.BackupKey} the caller owns, and stores only the chunks the
 * repository lacks, then writes one manifest per snapshot. It verifies, restores byte for byte,
 * lists and prunes. {@link org.bmsdk.storage.backup.DirectoryRepository} is the default repository;
 * {@link org.bmsdk.storage.backup.SshDisk} reads and writes a node's disk over SSH.
 *
 * <p>The data path, in reading order: {@code BackupEngine.backup} → {@code internal.BackupRun}
 * (reads, chunks with {@code internal.FastCdc}, hands chunks to worker threads) →
 * {@code internal.ChunkCodec} (id, zstd, AES-GCM) → {@code BackupRepository.putChunk} → the
 * manifest ({@code internal.ManifestCodec}) last. Restore and verify walk it backwards
 * ({@code internal.RestoreRun}, {@code internal.VerifyRun}); prune is {@code internal.Pruner}.
 */
package org.bmsdk.storage.backup;
