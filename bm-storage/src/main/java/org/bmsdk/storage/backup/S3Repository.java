package org.bmsdk.storage.backup;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.regex.Pattern;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.api.storage.ChunkId;
import org.bmsdk.storage.backup.internal.LeaseLock;
import org.bmsdk.storage.backup.internal.LockRecord;
import org.bmsdk.storage.backup.internal.ObjectStore;
import org.bmsdk.storage.backup.internal.S3Clients;

/**
 * A backup repository in an S3 bucket (Amazon S3 or a compatible server: MinIO, Ceph, S3Proxy…),
 * under a key prefix, laid out as {@link DirectoryRepository} lays out its directory:
 *
 * <pre>
 * PREFIX/config                 format version, chunk sizes, key check (created once)
 * PREFIX/locks/writer           the writer lock: a lease object (see below)
 * PREFIX/locks/read-RANDOM      one reader lease per restore, list or verify
 * PREFIX/chunks/ab/abcdef0123…  one object per chunk
 * PREFIX/snapshots/ID.json      one manifest per snapshot
 * </pre>
 *
 * <pre>{@code
 * try (S3Repository repository = S3Repository.builder()
 *         .location("s3://backups/node-7")
 *         .environment(System.getenv())          // AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ...
 *         .build();
 *      BackupEngine engine = BackupEngine.builder(repository).build()) {
 *     engine.backup(BackupSource.path(Path.of("/dev/sda")));
 * }
 * }</pre>
 *
 * <p>A PUT is atomic in S3 (a reader sees the whole object or none) and durable once answered, so a
 * backup cut half-way leaves whole chunks and no manifest, as in a directory. Chunks and the config
 * are written with {@code If-None-Match: *}: a chunk already stored is not sent twice, and a second
 * config is refused. The server must honour conditional writes (Amazon S3 since 2024, MinIO,
 * S3Proxy 3); the lock relies on them.
 *
 * <p>The writer lock is a lease: an object holding its owner (host, process, purpose) and an expiry,
 * created with {@code If-None-Match: *}, renewed in the background every third of the lease time
 * with {@code If-Match}, and deleted on release. A lease whose expiry has passed, or whose holder ran
 * on this host and is gone (a killed backup), is taken over with {@code If-Match} on the version
 * read, so of two racing processes one wins. A holder that lost its lease (it stalled past the expiry
 * and someone else took over) fails before its next write: manifests are written only after a
 * successful renewal, so a prune run by the new holder can never have deleted a chunk a manifest
 * names. That holds while the clocks of the hosts differ by less than half the lease time (10
 * minutes unless set).
 *
 * <p>Thread-safe. Closing it closes the HTTP connections; no AWS SDK type appears in its API.
 */
public final class S3Repository implements BackupRepository {

    private static final Pattern CHUNK = Pattern.compile("[0-9a-f]{64}");
    private static final String JSON = ".json";

    private final ObjectStore store;
    private final String bucket;
    private final String prefix;
    private final String description;
    private final LeaseLock lockObject;
    private final ScheduledExecutorService timer;
    private final Duration lease;
    private final Clock clock;
    private final ErrorContext context;
    /** The chunks stored, listed when the writer lock was taken and kept up to date; null without it. */
    private volatile Set<ChunkId> known;
    /** The writer leases this repository holds now: the engine takes one at a time. */
    private final Set<LeaseLock.Held> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private S3Repository(Builder b, ObjectStore store, String description) {
        this.store = store;
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.description = description;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "bm-backup-s3-lease");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.lease = b.lockLease;
        this.clock = b.clock;
        this.context = ErrorContext.of(description, "backup-s3", "");
        this.lockObject = new LeaseLock(store, prefix + "locks/writer", lease, clock, timer, context);
    }

    /**
     * Starts building a repository.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a repository location is an S3 one.
     *
     * @param location such as {@code s3://bucket/prefix} or a directory path
     * @return true for {@code s3://…}
     */
    public static boolean isS3Location(String location) {
        return location.startsWith("s3://");
    }

    /** @return the bucket */
    public String bucket() {
        return bucket;
    }

    /** @return the key prefix, empty or ending in {@code /} */
    public String prefix() {
        return prefix;
    }

    /**
     * The object key of a chunk, for tools and tests that look at the bucket directly.
     *
     * @param id the chunk
     * @return its key, whether stored or not
     */
    public String chunkKey(ChunkId id) {
        return prefix + "chunks/" + id.hex().substring(0, 2) + "/" + id.hex();
    }

    @Override
    public Optional<byte[]> getConfig() {
        return store.get(prefix + "config").map(ObjectStore.Stored::data);
    }

    @Override
    public void createConfig(byte[] data) {
        if (store.putIfAbsent(prefix + "config", data).isEmpty()) {
            throw new ConflictException("repository already has a config",
                    ErrorContext.of(description, "backup-s3", "config.create"));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Once the lease is held, the chunk objects are listed once (a LIST per thousand chunks), and
     * {@link #hasChunk} answers from that set rather than with a HEAD per chunk: under the writer
     * lock no other process adds chunks, and none deletes them (a prune needs this lock too), so
     * the set stays true. Were it ever wrong, the conditional put of a chunk would still store it
     * once.
     */
    @Override
    public Lock lock(String purpose) {
        LeaseLock.Held lease = lockObject.acquire(purpose);
        held.add(lease);
        try {
            Set<ChunkId> listed = java.util.concurrent.ConcurrentHashMap.newKeySet();
            listed.addAll(chunks());
            known = listed;
        } catch (RuntimeException e) {
            held.remove(lease);
            lease.close();
            throw e;
        }
        return () -> {
            known = null;
            held.remove(lease);
            lease.close();
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>A reader's lease is an object of its own, {@code locks/read-RANDOM}, renewed like the
     * writer's. The reader writes it first and then looks at the writer lock, and a prune takes the
     * writer lock first and then lists the readers: of a reader and a prune that start together,
     * at least one sees the other and backs off.
     */
    @Override
    public Lock readLock(String purpose) {
        LeaseLock reader = new LeaseLock(store, prefix + "locks/read-" + UUID.randomUUID(), lease, clock, timer, context);
        LeaseLock.Held mine = reader.acquire(purpose);
        try {
            Optional<LockRecord> writer = store.get(prefix + "locks/writer").flatMap(o -> LockRecord.decode(o.data()));
            if (writer.isPresent() && writer.get().exclusive() && !lockObject.isLapsed(writer.get())) {
                throw new ConflictException("repository is being pruned (" + writer.get() + ")", context.withOperation("lock.read"));
            }
        } catch (RuntimeException e) {
            mine.close();
            throw e;
        }
        return mine;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Takes the writer lease marked exclusive, then lists the readers' leases: a live one gives
     * the writer lease back and fails; lapsed ones (their reader died or stalled past its lease)
     * are deleted.
     */
    @Override
    public Lock exclusiveLock(String purpose) {
        LeaseLock.Held writer = lockObject.acquire(purpose, true);
        held.add(writer);
        try {
            for (String key : store.list(prefix + "locks/read-")) {
                Optional<ObjectStore.Stored> found = store.get(key);
                Optional<LockRecord> reader = found.flatMap(o -> LockRecord.decode(o.data()));
                if (reader.isPresent() && !lockObject.isLapsed(reader.get())) {
                    throw new ConflictException("repository is being read (" + reader.get() + ")",
                            context.withOperation("lock.exclusive"));
                }
                if (found.isPresent()) {
                    store.deleteIfMatch(key, found.get().etag());
                }
            }
        } catch (RuntimeException e) {
            held.remove(writer);
            writer.close();
            throw e;
        }
        return () -> {
            held.remove(writer);
            writer.close();
        };
    }

    @Override
    public boolean hasChunk(ChunkId id) {
        Set<ChunkId> listed = known;
        return listed != null ? listed.contains(id) : store.head(chunkKey(id)).isPresent();
    }

    @Override
    public void putChunk(ChunkId id, byte[] data) {
        ensureHeld();
        // If-None-Match: a chunk another run stored meanwhile is left as it is, and not sent again
        // by a retry either.
        store.putIfAbsent(chunkKey(id), data);
        Set<ChunkId> listed = known;
        if (listed != null) {
            listed.add(id);
        }
    }

    @Override
    public Optional<byte[]> getChunk(ChunkId id) {
        return store.get(chunkKey(id)).map(ObjectStore.Stored::data);
    }

    @Override
    public void deleteChunk(ChunkId id) {
        ensureHeld();
        Set<ChunkId> listed = known;
        if (listed != null) {
            listed.remove(id);
        }
        store.delete(chunkKey(id));
    }

    @Override
    public Set<ChunkId> chunks() {
        Set<ChunkId> ids = new HashSet<>();
        for (String key : store.list(prefix + "chunks/")) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            if (CHUNK.matcher(name).matches() && key.equals(chunkKey(new ChunkId(name)))) {
                ids.add(new ChunkId(name));
            }
        }
        return ids;
    }

    @Override
    public void putManifest(String name, byte[] data) {
        checkName(name);
        // A renewal that succeeds proves no other process took the lease over, so no prune of
        // theirs deleted a chunk this manifest names.
        held.forEach(LeaseLock.Held::confirm);
        store.put(manifestKey(name), data);
    }

    @Override
    public Optional<byte[]> getManifest(String name) {
        checkName(name);
        return store.get(manifestKey(name)).map(ObjectStore.Stored::data);
    }

    @Override
    public void deleteManifest(String name) {
        checkName(name);
        ensureHeld();
        store.delete(manifestKey(name));
    }

    @Override
    public Set<String> manifests() {
        Set<String> names = new HashSet<>();
        String dir = prefix + "snapshots/";
        for (String key : store.list(dir)) {
            if (key.endsWith(JSON)) {
                String name = key.substring(dir.length(), key.length() - JSON.length());
                if (Snapshot.isValidId(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Releases held leases and closes the HTTP connections. */
    @Override
    public void close() {
        for (LeaseLock.Held lease : Set.copyOf(held)) {
            lease.close();
        }
        held.clear();
        timer.shutdownNow();
        store.close();
    }

    @Override
    public String toString() {
        return "S3Repository[" + description + "]";
    }

    private void ensureHeld() {
        held.forEach(LeaseLock.Held::ensureHeld);
    }

    private String manifestKey(String name) {
        return prefix + "snapshots/" + name + JSON;
    }

    private static void checkName(String name) {
        if (!Snapshot.isValidId(name)) {
            throw new IllegalArgumentException("snapshot name must be a snapshot id, but was '" + name + "'");
        }
    }

    /**
     * Builds an {@link S3Repository}. Nothing is read from the environment unless
     * {@link #environment(Map)} is called; nothing is guessed either (no instance metadata service
     * is asked for credentials): the keys are given or the build fails.
     */
    public static final class Builder {

        private String bucket;
        private String prefix = "";
        private URI endpoint;
        private String region = "us-east-1";
        private String accessKeyId;
        private Secret secretAccessKey;
        private Secret sessionToken;
        private Boolean pathStyle;
        private boolean createBucket;
        private Duration lockLease = Duration.ofMinutes(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(2);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The bucket and prefix from a location.
         *
         * @param location {@code s3://bucket} or {@code s3://bucket/prefix}
         * @return this builder
         */
        public Builder location(String location) {
            if (!isS3Location(location)) {
                throw new IllegalArgumentException("an S3 location is s3://bucket/prefix, but was '" + location + "'");
            }
            String rest = location.substring("s3://".length());
            int slash = rest.indexOf('/');
            bucket(slash < 0 ? rest : rest.substring(0, slash));
            return prefix(slash < 0 ? "" : rest.substring(slash + 1));
        }

        /**
         * The bucket.
         *
         * @param bucket its name
         * @return this builder
         */
        public Builder bucket(String bucket) {
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("bucket must be 3-63 lower-case letters, digits, '.' and '-', but was '"
                        + bucket + "'");
            }
            this.bucket = bucket;
            return this;
        }

        /**
         * The key prefix under which the repository lives; slashes at either end do not matter.
         *
         * @param prefix such as {@code node-7} or {@code backups/node-7}, empty for the bucket's root
         * @return this builder
         */
        public Builder prefix(String prefix) {
            String p = Objects.requireNonNull(prefix, "prefix").replaceAll("^/+|/+$", "");
            this.prefix = p.isEmpty() ? "" : p + "/";
            return this;
        }

        /**
         * The server, for S3-compatible storage; Amazon S3 of the region unless set.
         *
         * @param endpoint such as {@code http://127.0.0.1:9000}
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            String scheme = Objects.requireNonNull(endpoint, "endpoint").getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("endpoint must be an http or https URL, but was " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * The region requests are signed for.
         *
         * @param region {@code us-east-1} unless set
         * @return this builder
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * The access key.
         *
         * @param accessKeyId the key id (named in error messages)
         * @param secretAccessKey the secret key (never printed)
         * @return this builder
         */
        public Builder credentials(String accessKeyId, Secret secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return this;
        }

        /**
         * A session token, for temporary credentials.
         *
         * @param token the token
         * @return this builder
         */
        public Builder sessionToken(Secret token) {
            this.sessionToken = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * Path-style addressing ({@code http://host/bucket/key}) rather than virtual-hosted
         * ({@code http://bucket.host/key}). Unless set: on with an {@link #endpoint(URI)}, as most
         * S3-compatible servers and any address without DNS need, off for Amazon S3.
         *
         * @param pathStyle whether to address buckets by path
         * @return this builder
         */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /**
         * Creates the bucket when it does not exist; otherwise a missing bucket fails the build.
         *
         * @param create whether to create it; false unless set
         * @return this builder
         */
        public Builder createBucket(boolean create) {
            this.createBucket = create;
            return this;
        }

        /**
         * How long a writer lock lasts without renewal; a holder renews every third of it. A crashed
         * holder on another host blocks the repository this long.
         *
         * @param lease at least 3 s; 10 minutes unless set
         * @return this builder
         */
        public Builder lockLease(Duration lease) {
            if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
                throw new IllegalArgumentException("lock lease must be at least 3 s, but was " + lease);
            }
            this.lockLease = lease;
            return this;
        }

        /**
         * Timeouts.
         *
         * @param connect to open a connection; 10 s unless set
         * @param request for one request, retries included; 2 minutes unless set
         * @return this builder
         */
        public Builder timeouts(Duration connect, Duration request) {
            this.connectTimeout = Objects.requireNonNull(connect, "connect");
            this.requestTimeout = Objects.requireNonNull(request, "request");
            return this;
        }

        /**
         * The clock leases are dated by.
         *
         * @param clock the system's UTC clock unless set
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Reads the standard AWS variables: {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL},
         * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN},
         * {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}. Variables that are unset change nothing.
         *
         * @param env the environment, such as {@code System.getenv()}
         * @return this builder
         */
        public Builder environment(Map<String, String> env) {
            String url = first(env, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
            if (url != null) {
                endpoint(URI.create(url));
            }
            String r = first(env, "AWS_REGION", "AWS_DEFAULT_REGION");
            if (r != null) {
                region(r);
            }
            String id = first(env, "AWS_ACCESS_KEY_ID");
            String secret = first(env, "AWS_SECRET_ACCESS_KEY");
            if (id != null && secret != null) {
                credentials(id, Secret.of(secret));
            }
            String token = first(env, "AWS_SESSION_TOKEN");
            if (token != null) {
                sessionToken(Secret.of(token));
            }
            return this;
        }

        private static String first(Map<String, String> env, String... names) {
            for (String n : names) {
                String v = env.get(n);
                if (v != null && !v.isBlank()) {
                    return v.strip();
                }
            }
            return null;
        }

        /**
         * Connects and checks the bucket and the credentials (one HEAD request).
         *
         * @return the repository
         * @throws ConfigurationException when the bucket or the credentials are missing
         * @throws org.bmsdk.api.AuthenticationException when the server refuses the credentials
         * @throws org.bmsdk.api.TransportException when the server cannot be reached
         */
        public S3Repository build() {
            String description = "s3://" + bucket + "/" + prefix + (endpoint == null ? "" : " at " + endpoint);
            ErrorContext context = ErrorContext.of(description, "backup-s3", "open");
            if (bucket == null) {
                throw new ConfigurationException("no bucket: give the location as s3://bucket/prefix", context);
            }
            if (accessKeyId == null) {
                throw new ConfigurationException("no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", context);
            }
            boolean path = pathStyle != null ? pathStyle : endpoint != null;
            S3Clients.Settings settings = new S3Clients.Settings(endpoint, region, accessKeyId, secretAccessKey,
                    sessionToken, path, connectTimeout, requestTimeout);
            var s3 = S3Clients.open(settings, bucket, context);
            try {
                s3.checkBucket(createBucket);
            } catch (RuntimeException e) {
                s3.close();
                throw e;
            }
            return new S3Repository(this, s3, description);
        }
    }
}
