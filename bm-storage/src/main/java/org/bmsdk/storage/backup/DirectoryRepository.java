package org.bmsdk.storage.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.api.storage.ChunkId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backup repository in a local directory (or a mounted file system):
 *
 * <pre>
 * config                       format version, chunk sizes, key check
 * lock                         the writer lock (an operating system lock on this file)
 * readers                      reader locks (shared operating system locks; a prune holds it exclusively)
 * chunks/ab/abcdef0123…        one file per chunk, under the first two hex digits of its id
 * snapshots/ID.json            one manifest per snapshot
 * </pre>
 *
 * <p>Every file is written under a temporary name ({@code NAME.tmp-RANDOM}), forced to disk and
 * renamed into place, so a crash leaves whole files or none. A chunk's directory entry is forced to
 * disk before the next manifest is written, so a manifest never survives a power cut that its chunks
 * did not. Temporary files left by a crashed writer are deleted by the next one to take the lock.
 */
public final class DirectoryRepository implements BackupRepository {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryRepository.class);
    private static final Pattern CHUNK = Pattern.compile("[0-9a-f]{64}");
    private static final String TEMP = ".tmp-";
    private static final String JSON = ".json";
    private static final int SYNC_THREADS = 16;

    /** The reader locks this process holds, by file: one shared OS lock per file, counted. */
    private static final Map<Path, SharedHold> SHARED = new HashMap<>();

    private final Path root;
    private final Path chunks;
    private final Path snapshots;
    private final ErrorContext context;
    /** Chunk directories with renames not yet forced to disk. */
    private final Set<Path> unsyncedDirectories = ConcurrentHashMap.newKeySet();

    private DirectoryRepository(Path root) {
        this.root = root.toAbsolutePath();
        this.chunks = this.root.resolve("chunks");
        this.snapshots = this.root.resolve("snapshots");
        this.context = ErrorContext.of(this.root.toString(), "backup-dir", "");
    }

    /**
     * Opens a repository directory, creating it (and its layout) when absent. The backup engine
     * initialises its configuration on first use.
     *
     * @param directory the directory
     * @return the repository
     * @throws TransportException when it cannot be created or read
     */
    public static DirectoryRepository open(Path directory) {
        DirectoryRepository repository = new DirectoryRepository(directory);
        try {
            Files.createDirectories(repository.chunks);
            Files.createDirectories(repository.snapshots);
        } catch (IOException e) {
            throw repository.failure("open", e);
        }
        return repository;
    }

    @Override
    public Optional<byte[]> getConfig() {
        return read(root.resolve("config"), "config.read");
    }

    @Override
    public void createConfig(byte[] data) {
        Path target = root.resolve("config");
        Path temp = writeTemp(target, data, "config.create");
        try {
            // link() fails when the name exists, where rename() would replace it: create-once, atomically.
            Files.createLink(target, temp);
            sync(root);
        } catch (FileAlreadyExistsException e) {
            throw new ConflictException("repository already has a config", context.withOperation("config.create"));
        } catch (IOException e) {
            throw failure("config.create", e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Lock lock(String purpose) {
        ErrorContext ctx = context.withOperation("lock");
        Path file = root.resolve("lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new ConflictException("repository is locked by another backup or prune ("
                        + (holder.isEmpty() ? "holder unknown" : holder) + ")", ctx);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((purpose + " by pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)));
            deleteTemporaryFiles();
            FileChannel held = channel;
            FileLock heldLock = lock;
            return () -> {
                try (held) {
                    held.truncate(0);
                    heldLock.release();
                } catch (IOException e) {
                    LOG.warn("Could not release the lock of {}: {}", root, e.toString());
                }
            };
        } catch (IOException e) {
            closeQuietly(channel);
            throw failure("lock", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A shared operating system lock on {@code readers}. Java refuses two locks on one file
     * within a process, so the readers of a process share one lock, counted.
     */
    @Override
    public Lock readLock(String purpose) {
        Path file = root.resolve("readers");
        synchronized (SHARED) {
            SharedHold hold = SHARED.get(file);
            if (hold == null) {
                FileChannel channel = null;
                try {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    FileLock lock = tryLock(channel, true);
                    if (lock == null) {
                        channel.close();
                        throw new ConflictException("repository is being pruned (" + holder() + ")",
                                context.withOperation("lock.read"));
                    }
                    hold = new SharedHold(channel, lock);
                    SHARED.put(file, hold);
                } catch (IOException e) {
                    closeQuietly(channel);
                    throw failure("lock.read", e);
                }
            }
            hold.count++;
            SharedHold held = hold;
            return () -> release(file, held);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The writer lock, then an exclusive operating system lock on {@code readers}.
     */
    @Override
    public Lock exclusiveLock(String purpose) {
        Lock writer = lock(purpose);
        Path file = root.resolve("readers");
        FileChannel channel = null;
        try {
            synchronized (SHARED) {
                FileLock lock = null;
                if (!SHARED.containsKey(file)) {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    lock = tryLock(channel, false);
                }
                if (lock == null) {
                    throw new ConflictException("repository is being read (a restore, list or verify runs)",
                            context.withOperation("lock.exclusive"));
                }
                FileChannel held = channel;
                FileLock heldLock = lock;
                return () -> {
                    try (held) {
                        heldLock.release();
                    } catch (IOException e) {
                        LOG.warn("Could not release the reader lock of {}: {}", root, e.toString());
                    } finally {
                        writer.close();
                    }
                };
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            writer.close();
            if (e instanceof IOException io) {
                throw failure("lock.exclusive", io);
            }
            throw (RuntimeException) e;
        }
    }

    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private void release(Path file, SharedHold hold) {
        synchronized (SHARED) {
            if (hold.count == 0) {
                return;
            }
            if (--hold.count == 0) {
                SHARED.remove(file);
                try (FileChannel c = hold.channel) {
                    hold.lock.release();
                } catch (IOException e) {
                    LOG.warn("Could not release the reader lock of {}: {}", root, e.toString());
                }
            }
        }
    }

    private String holder() {
        try {
            String text = new String(Files.readAllBytes(root.resolve("lock")), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    /** A process's shared lock on one repository's {@code readers} file, and how many readers use it. */
    private static final class SharedHold {
        final FileChannel channel;
        final FileLock lock;
        int count;

        SharedHold(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    @Override
    public boolean hasChunk(ChunkId id) {
        return Files.exists(chunkPath(id));
    }

    @Override
    public void putChunk(ChunkId id, byte[] data) {
        Path target = chunkPath(id);
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw failure("chunk.put", e);
        }
        replace(target, data, "chunk.put");
        unsyncedDirectories.add(target.getParent());
    }

    @Override
    public Optional<byte[]> getChunk(ChunkId id) {
        return read(chunkPath(id), "chunk.get");
    }

    @Override
    public void deleteChunk(ChunkId id) {
        delete(chunkPath(id), "chunk.delete");
    }

    @Override
    public Set<ChunkId> chunks() {
        Set<ChunkId> ids = new HashSet<>();
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(chunks)) {
            for (Path prefix : prefixes) {
                if (!Files.isDirectory(prefix)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(prefix)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        if (CHUNK.matcher(name).matches()) {
                            ids.add(new ChunkId(name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw failure("chunk.list", e);
        }
        return ids;
    }

    @Override
    public void putManifest(String name, byte[] data) {
        checkName(name);
        syncAll(Set.copyOf(unsyncedDirectories));
        sync(chunks);
        replace(snapshots.resolve(name + JSON), data, "manifest.put");
        sync(snapshots);
    }

    @Override
    public Optional<byte[]> getManifest(String name) {
        checkName(name);
        return read(snapshots.resolve(name + JSON), "manifest.get");
    }

    @Override
    public void deleteManifest(String name) {
        checkName(name);
        delete(snapshots.resolve(name + JSON), "manifest.delete");
        sync(snapshots);
    }

    @Override
    public Set<String> manifests() {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(snapshots, "*" + JSON)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                name = name.substring(0, name.length() - JSON.length());
                if (Snapshot.isValidId(name)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw failure("manifest.list", e);
        }
        return names;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    /** Nothing to release: every file is closed after each call. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "DirectoryRepository[" + root + "]";
    }

    /**
     * Where a chunk's file is.
     *
     * @param id the chunk
     * @return its path, whether stored or not
     */
    public Path chunkPath(ChunkId id) {
        return chunks.resolve(id.hex().substring(0, 2)).resolve(id.hex());
    }

    private void replace(Path target, byte[] data, String operation) {
        Path temp = writeTemp(target, data, operation);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure(operation, e);
        }
    }

    private Path writeTemp(Path target, byte[] data, String operation) {
        Path temp = target.resolveSibling(target.getFileName() + TEMP + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure(operation, e);
        }
    }

    private Optional<byte[]> read(Path file, String operation) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure(operation, e);
        }
    }

    private void delete(Path file, String operation) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw failure(operation, e);
        }
    }

    private void sync(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw failure("sync", e);
        }
    }

    /**
     * Forces directories to disk, many at once: a first backup touches all 256 chunk directories, and
     * one after the other their fsyncs took about 7 ms each on the benchmark's virtual disk, where
     * the file system commits concurrent ones together.
     */
    private void syncAll(Set<Path> directories) {
        if (directories.size() <= 1) {
            directories.forEach(this::syncDirectory);
            return;
        }
        int threads = Math.min(SYNC_THREADS, directories.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bm-backup-dirsync");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path dir : directories) {
                done.add(pool.submit(() -> syncDirectory(dir)));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportException("interrupted while forcing chunk directories to disk",
                            context.withOperation("sync"), e);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private void syncDirectory(Path directory) {
        sync(directory);
        unsyncedDirectories.remove(directory);
    }

    private void deleteTemporaryFiles() throws IOException {
        try (var paths = Files.walk(root, 3)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (p.getFileName().toString().contains(TEMP)) {
                    LOG.debug("Deleting {}, left by a writer that did not finish", p);
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void checkName(String name) {
        if (!Snapshot.isValidId(name)) {
            throw new IllegalArgumentException("snapshot name must be a snapshot id, but was '" + name + "'");
        }
    }

    private TransportException failure(String operation, IOException e) {
        return new TransportException(operation + " failed: " + e, context.withOperation(operation), e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The next writer to take the lock deletes temporary files.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing more to do with it.
            }
        }
    }
}
