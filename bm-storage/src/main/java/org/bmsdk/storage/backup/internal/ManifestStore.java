package org.bmsdk.storage.backup.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.storage.BackupRepository;

/** Reads a repository's manifests through its codec (decrypting them when it is encrypted). */
public final class ManifestStore {

    /** Newest first; the id breaks ties, so the order is total. */
    public static final Comparator<Manifest> NEWEST_FIRST = Comparator
            .comparing((Manifest m) -> m.snapshot().time()).thenComparing(m -> m.snapshot().id()).reversed();

    private final BackupRepository repository;
    private final ChunkCodec codec;

    /**
     * A reader.
     *
     * @param repository the repository
     * @param codec its codec
     */
    public ManifestStore(BackupRepository repository, ChunkCodec codec) {
        this.repository = repository;
        this.codec = codec;
    }

    /**
     * Reads one manifest.
     *
     * @param name the snapshot
     * @return the manifest, empty when there is no such snapshot
     * @throws IntegrityException when it is damaged
     */
    public Optional<Manifest> find(String name) {
        return repository.getManifest(name).map(stored -> ManifestCodec.decode(name, codec.openManifest(name, stored)));
    }

    /**
     * Reads every manifest, newest first.
     *
     * @return the manifests
     * @throws IntegrityException naming the first damaged one
     */
    public List<Manifest> all() {
        List<Manifest> manifests = new ArrayList<>();
        for (String name : repository.manifests()) {
            find(name).ifPresent(manifests::add);
        }
        manifests.sort(NEWEST_FIRST);
        return manifests;
    }

    /**
     * The context of an error about this repository.
     *
     * @param operation the operation
     * @return the context
     */
    public ErrorContext context(String operation) {
        return ErrorContext.of(repository.describe(), "backup", operation);
    }
}
