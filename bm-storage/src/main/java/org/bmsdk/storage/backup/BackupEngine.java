package org.bmsdk.storage.backup;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.storage.backup.BackupProgress.Operation;
import org.bmsdk.storage.backup.internal.BackupRun;
import org.bmsdk.storage.backup.internal.Manifest;
import org.bmsdk.storage.backup.internal.ManifestStore;
import org.bmsdk.storage.backup.internal.ProgressMeter;
import org.bmsdk.storage.backup.internal.Pruner;
import org.bmsdk.storage.backup.internal.RepositoryFormat;
import org.bmsdk.storage.backup.internal.RestoreRun;
import org.bmsdk.storage.backup.internal.VerifyRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs disks up into a {@link BackupRepository}, and verifies, restores, lists and prunes its
 * snapshots.
 *
 * <pre>{@code
 * try (BackupRepository repository = DirectoryRepository.open(Path.of("/backups/node-7"));
 *      BackupEngine engine = BackupEngine.builder(repository).key(key).build()) {
 *     BackupResult first = engine.backup(BackupSource.path(Path.of("/dev/sda")));
 *     VerifyReport report = engine.verify();
 *     engine.restore(first.snapshot().id(), RestoreTarget.path(Path.of("/dev/sdb")));
 *     engine.prune(7);
 * }
 * }</pre>
 *
 * <p>Building an engine over an empty repository initialises it (with the chunk sizes and, when a
 * key is given, encryption); over an initialised one, it checks the key against the repository's.
 * Backup takes the repository's writer lock, so two backups never run at once; prune takes it
 * exclusively, keeping readers out too; restore, list and verify take a reader lock, so they run
 * beside each other and beside a backup (which only adds), never beside a prune (which deletes what
 * they read).
 *
 * <p>Thread-safe; the engine owns a pool of worker threads (closing it stops them) and not the
 * repository (the caller closes that).
 */
public final class BackupEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupEngine.class);

    private final BackupRepository repository;
    private final RepositoryFormat.Opened format;
    private final ExecutorService workers;
    private final int inFlight;
    private final BackupListener listener;
    private final Duration progressInterval;
    private final Clock clock;

    private BackupEngine(Builder b) {
        this.repository = b.repository;
        this.clock = b.clock;
        this.format = RepositoryFormat.openOrInit(repository, b.key, b.chunkSizes, clock);
        this.inFlight = 2 * b.threads;
        this.listener = b.listener;
        this.progressInterval = b.progressInterval;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "bm-backup-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(b.threads, threads);
    }

    /**
     * Starts building an engine.
     *
     * @param repository where the snapshots are
     * @return the builder
     */
    public static Builder builder(BackupRepository repository) {
        return new Builder(repository);
    }

    /**
     * Backs a disk up: only the chunks the repository lacks are stored, and the snapshot's manifest
     * is written last. A run that fails half-way (a read error, a cut connection, a crash) leaves no
     * snapshot and keeps the chunks it stored for the next run. When the source knows its size, a
     * stream that ends short of it fails the backup, however cleanly it ended.
     *
     * @param source the disk
     * @return the new snapshot and what it cost
     * @throws org.bmsdk.api.ConflictException when another backup or prune holds the repository
     * @throws org.bmsdk.api.TransportException when the source or the repository fails
     */
    public BackupResult backup(BackupSource source) {
        try (BackupRepository.Lock lock = repository.lock("backup of " + source.describe())) {
            long size = source.size().orElse(-1);
            BackupResult result = new BackupRun(repository, format, workers, inFlight, meter(Operation.BACKUP, size), clock)
                    .run(source, size);
            LOG.info("Backed up {} as {}: {} bytes read, {} new ({} stored), {} reused, in {}", source.describe(),
                    result.snapshot().id(), result.bytesRead(), result.bytesNew(), result.bytesStored(),
                    result.bytesReused(), result.elapsed());
            return result;
        }
    }

    /**
     * Lists the snapshots, newest first. A snapshot whose manifest is damaged is left out (and
     * logged); {@link #verify()} reports it.
     *
     * @return the snapshots
     */
    public List<Snapshot> list() {
        ManifestStore manifests = new ManifestStore(repository, format.codec());
        List<Manifest> found = new java.util.ArrayList<>();
        try (BackupRepository.Lock lock = repository.readLock("list")) {
            for (String name : repository.manifests()) {
                try {
                    manifests.find(name).ifPresent(found::add);
                } catch (IntegrityException e) {
                    LOG.warn("Snapshot {} in {} is left out of the list: {}", name, repository.describe(), e.getMessage());
                }
            }
        }
        found.sort(ManifestStore.NEWEST_FIRST);
        return found.stream().map(Manifest::snapshot).toList();
    }

    /**
     * Verifies every snapshot.
     *
     * @return what was found
     */
    public VerifyReport verify() {
        return verify(repository.manifests());
    }

    /**
     * Verifies some snapshots: their manifests, and every chunk they need read, decrypted,
     * decompressed and hashed again.
     *
     * @param snapshotIds the snapshots
     * @return what was found; a damaged chunk names every snapshot that needs it
     */
    public VerifyReport verify(Set<String> snapshotIds) {
        Set<String> names = new TreeSet<>(snapshotIds);
        try (BackupRepository.Lock lock = repository.readLock("verify")) {
            List<VerifyReport.Damage> damagedManifests = new java.util.ArrayList<>();
            var needs = VerifyRun.needs(repository, format.codec(), names, damagedManifests);
            long total = needs.values().stream().mapToLong(VerifyRun.Need::length).sum();
            VerifyReport report = new VerifyRun(repository, format.codec(), workers, inFlight,
                    meter(Operation.VERIFY, total)).run(names, needs, damagedManifests);
            if (!report.isClean()) {
                LOG.warn("Verify of {} found {} damaged objects; damaged snapshots: {}", repository.describe(),
                        report.damage().size(), report.damagedSnapshots());
            }
            return report;
        }
    }

    /**
     * Writes a snapshot back, byte for byte: every chunk is checked against its id and the chunk list
     * against the snapshot's digest (a format 1 snapshot: the written image's SHA-256 against its
     * digest; see {@link Snapshot}).
     *
     * @param snapshotId the snapshot
     * @param target where it goes
     * @return what was done
     * @throws IntegrityException when a chunk is missing or damaged, or the image does not match (the
     *     target then holds a partial image)
     */
    public RestoreResult restore(String snapshotId, RestoreTarget target) {
        try (BackupRepository.Lock lock = repository.readLock("restore of " + snapshotId)) {
            return new RestoreRun(repository, format.codec(), workers, inFlight, total -> meter(Operation.RESTORE, total))
                    .run(snapshotId, target);
        }
    }

    /**
     * Keeps the newest snapshots and deletes the others, then every chunk no kept snapshot needs.
     *
     * @param keepLast how many snapshots to keep, at least 1
     * @return what was kept and removed
     * @throws IntegrityException when a manifest cannot be read (then nothing is deleted)
     */
    public PruneResult prune(int keepLast) {
        try (BackupRepository.Lock lock = repository.exclusiveLock("prune")) {
            return new Pruner(repository, format.codec()).keepLast(keepLast);
        }
    }

    /** Stops the worker threads; the repository stays open. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    private ProgressMeter meter(Operation operation, long total) {
        return new ProgressMeter(operation, total, listener, progressInterval);
    }

    /** Builds a {@link BackupEngine}. */
    public static final class Builder {

        private final BackupRepository repository;
        private BackupKey key;
        private ChunkSizes chunkSizes = ChunkSizes.DEFAULT;
        private int threads = Runtime.getRuntime().availableProcessors();
        private BackupListener listener = BackupListener.NONE;
        private Duration progressInterval = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();

        private Builder(BackupRepository repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
        }

        /**
         * Encrypts a new repository with this key, or opens an encrypted one.
         *
         * @param key the owner's key
         * @return this builder
         */
        public Builder key(BackupKey key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * The chunk sizes a new repository is initialised with; an existing one keeps its own.
         *
         * @param chunkSizes the bounds, {@link ChunkSizes#DEFAULT} unless set
         * @return this builder
         */
        public Builder chunkSizes(ChunkSizes chunkSizes) {
            this.chunkSizes = Objects.requireNonNull(chunkSizes, "chunkSizes");
            return this;
        }

        /**
         * How many worker threads hash, compress, encrypt and store chunks; twice as many chunks may
         * be in memory at once.
         *
         * @param threads at least 1; the number of processors unless set
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Who hears of progress.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(BackupListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The least time between two progress reports.
         *
         * @param interval one second unless set
         * @return this builder
         */
        public Builder progressInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("progress interval must not be negative, but was " + interval);
            }
            this.progressInterval = interval;
            return this;
        }

        /**
         * The clock that dates snapshots.
         *
         * @param clock the system's UTC clock unless set
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Opens (or initialises) the repository and starts the worker threads.
         *
         * @return the engine
         * @throws org.bmsdk.api.ConfigurationException when the key is missing or not needed
         * @throws org.bmsdk.api.AuthenticationException when the key is not the repository's
         */
        public BackupEngine build() {
            return new BackupEngine(this);
        }
    }
}
