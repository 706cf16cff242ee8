package org.bmsdk.storage.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.storage.ChunkId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups of seeded disk images into a directory repository, end to end. */
class BackupEngineTest {

    /** Small chunks, so that a 32 MiB image behaves like a disk of many chunks. */
    static final ChunkSizes SMALL = ChunkSizes.of(16 << 10, 64 << 10, 256 << 10);

    @TempDir
    Path dir;

    @Test
    void anIncrementalBackupOfAOnePercentChangeStoresLittleAndBothRestoreByteForByte() throws IOException {
        byte[] first = Images.random(1, 32 << 20);
        byte[] second = Images.change(first, 0.01, 8, 2);
        List<BackupProgress> reports = new CopyOnWriteArrayList<>();
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(SMALL).threads(2)
                        .listener(reports::add).progressInterval(Duration.ZERO).build()) {
            BackupResult one = engine.backup(BackupSource.path(Images.write(dir.resolve("disk-1"), first)));
            BackupResult two = engine.backup(BackupSource.path(Images.write(dir.resolve("disk-2"), second)));

            assertEquals(first.length, one.bytesRead());
            assertEquals(first.length, one.bytesNew(), "the first backup stores everything");
            assertEquals(0, one.bytesReused());
            assertEquals(second.length, two.bytesRead());
            assertEquals(second.length, two.bytesNew() + two.bytesReused());
            double fresh = (double) two.bytesNew() / second.length;
            System.out.printf("1%% changed in 8 places: the second backup stored %.2f%% new data (%d of %d bytes, %d chunks)%n",
                    fresh * 100, two.bytesNew(), second.length, two.newChunks());
            assertTrue(fresh >= 0.01 && fresh < 0.05, "new data was " + fresh * 100 + "% of the image");
            assertTrue(one.bytesStored() > first.length * 0.99, "random data hardly compresses, and nothing may be lost");

            restoreAndCompare(engine, one.snapshot().id(), first, "restored-1");
            restoreAndCompare(engine, two.snapshot().id(), second, "restored-2");
            assertEquals(List.of(two.snapshot(), one.snapshot()), engine.list());
            assertTrue(engine.verify().isClean());
        }
        BackupProgress last = reports.stream().filter(p -> p.operation() == BackupProgress.Operation.BACKUP)
                .reduce((a, b) -> b).orElseThrow();
        assertTrue(last.done());
        assertEquals(second.length, last.bytesRead());
        assertEquals(second.length, last.totalBytes());
        assertTrue(reports.stream().anyMatch(p -> !p.done() && p.bytesRead() > 0 && p.bytesRead() < p.totalBytes()),
                "progress is reported during a backup, not only at its end");
        assertTrue(reports.stream().anyMatch(p -> p.operation() == BackupProgress.Operation.RESTORE && p.done()));
        assertTrue(reports.stream().anyMatch(p -> p.operation() == BackupProgress.Operation.VERIFY && p.done()));
    }

    @Test
    void corruptingOneChunkFailsVerifyAndNamesTheSnapshotsThatNeedIt() throws IOException {
        byte[] image = Images.random(3, 4 << 20);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(SMALL).build()) {
            String a = engine.backup(BackupSource.path(Images.write(dir.resolve("a"), image))).snapshot().id();
            byte[] other = image.clone();
            other[other.length - 10] ^= 1;
            String b = engine.backup(BackupSource.path(Images.write(dir.resolve("b"), other))).snapshot().id();
            // The first chunk is in both snapshots; flip one byte of its file.
            ChunkId shared = engine.list().get(0).chunkCount() > 0 ? firstChunk(repository, engine, a) : null;
            Path file = repository.chunkPath(shared);
            byte[] stored = Files.readAllBytes(file);
            stored[stored.length / 2] ^= 0x40;
            Files.write(file, stored);

            VerifyReport report = engine.verify();
            assertFalse(report.isClean());
            assertEquals(Set.of(a, b), report.damagedSnapshots());
            assertEquals(1, report.damage().size(), report.toString());
            assertEquals("chunk " + shared, report.damage().get(0).object());
            assertThrows(IntegrityException.class,
                    () -> engine.restore(a, RestoreTarget.path(dir.resolve("out"))));
            assertTrue(engine.verify(Set.of(a)).damagedSnapshots().contains(a));
        }
    }

    @Test
    void anEncryptedRepositoryRoundTripsAndRefusesAWrongOrMissingKey() throws IOException {
        byte[] image = Images.random(4, 3 << 20);
        BackupKey key = BackupKey.generate();
        Path repo = dir.resolve("repo");
        String id;
        try (DirectoryRepository repository = DirectoryRepository.open(repo);
                BackupEngine engine = BackupEngine.builder(repository).key(key).chunkSizes(SMALL).build()) {
            id = engine.backup(BackupSource.path(Images.write(dir.resolve("disk"), image))).snapshot().id();
            restoreAndCompare(engine, id, image, "restored");
            // Ids are keyed: no chunk file is named by the SHA-256 of any chunk of the image.
            for (ChunkId stored : repository.chunks()) {
                assertFalse(Files.readString(repository.chunkPath(stored), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("\"chunks\""));
            }
            byte[] manifest = repository.getManifest(id).orElseThrow();
            assertFalse(new String(manifest, java.nio.charset.StandardCharsets.ISO_8859_1).contains(dir.toString()),
                    "an encrypted manifest does not show its source");
        }
        try (DirectoryRepository repository = DirectoryRepository.open(repo)) {
            assertThrows(AuthenticationException.class,
                    () -> BackupEngine.builder(repository).key(BackupKey.generate()).build());
            assertThrows(ConfigurationException.class, () -> BackupEngine.builder(repository).build());
        }
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("plain"));
                BackupEngine ignored = BackupEngine.builder(repository).build()) {
            assertThrows(ConfigurationException.class, () -> BackupEngine.builder(repository).key(key).build());
        }
        assertEquals("BackupKey[****]", key.toString());
    }

    @Test
    void aCutConnectionLeavesNoSnapshotAndTheNextRunReusesWhatWasStored() throws IOException {
        byte[] image = Images.random(5, 8 << 20);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(SMALL).build()) {
            BackupSource cut = BackupSource.of("ssh://node-7/dev/sda", image.length, () -> new CutStream(image, 5 << 20));
            TransportException e = assertThrows(TransportException.class, () -> engine.backup(cut));
            assertTrue(e.getMessage().contains("ssh://node-7/dev/sda"), e.getMessage());
            assertTrue(engine.list().isEmpty(), "no snapshot from a run that failed");
            int kept = repository.chunks().size();
            assertTrue(kept > 40, "the chunks stored before the cut stay: " + kept);

            BackupResult again = engine.backup(BackupSource.of("ssh://node-7/dev/sda", image.length,
                    () -> new ByteArrayInputStream(image)));
            assertTrue(again.bytesReused() > 4 << 20, "the second run reuses the chunks of the first: " + again);
            assertTrue(engine.verify().isClean());
            restoreAndCompare(engine, again.snapshot().id(), image, "restored");
        }
    }

    @Test
    void aSecondWriterIsRefusedWhileTheLockIsHeld() {
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).build();
                DirectoryRepository other = DirectoryRepository.open(dir.resolve("repo"))) {
            try (var lock = other.lock("backup of /dev/sdz")) {
                ConflictException e = assertThrows(ConflictException.class, () -> engine.prune(1));
                assertTrue(e.getMessage().contains("backup of /dev/sdz"), e.getMessage());
                assertThrows(ConflictException.class,
                        () -> engine.backup(BackupSource.of("x", 1, () -> new ByteArrayInputStream(new byte[1]))));
            }
            assertEquals(0, engine.prune(1).chunksDeleted());
        }
    }

    @Test
    void readersRunBesideEachOtherAndBesideABackupButNeverBesideAPrune() {
        try (DirectoryRepository one = DirectoryRepository.open(dir.resolve("repo"));
                DirectoryRepository two = DirectoryRepository.open(dir.resolve("repo"))) {
            LockModes.check(one, two);
        }
    }

    @Test
    void pruneKeepsTheNewestSnapshotsAndEveryChunkTheyNeed() throws IOException {
        byte[] image = Images.random(6, 2 << 20);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(SMALL).build()) {
            byte[][] images = new byte[4][];
            for (int i = 0; i < images.length; i++) {
                images[i] = Images.change(image, 0.05 * i, 2, 10 + i);
                engine.backup(BackupSource.path(Images.write(dir.resolve("d" + i), images[i])));
            }
            List<Snapshot> before = engine.list();
            PruneResult result = engine.prune(2);
            assertEquals(before.subList(0, 2), result.kept());
            assertEquals(before.subList(2, 4), result.removed());
            assertTrue(result.chunksDeleted() > 0);
            assertEquals(result.kept(), engine.list());
            assertTrue(engine.verify().isClean());
            restoreAndCompare(engine, before.get(0).id(), images[3], "r3");
            restoreAndCompare(engine, before.get(1).id(), images[2], "r2");
        }
    }

    @Test
    void aDamagedManifestStopsPruneBeforeItDeletesAnythingAndVerifyNamesIt() throws IOException {
        byte[] image = Images.random(8, 1 << 20);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(SMALL).build()) {
            String old = engine.backup(BackupSource.path(Images.write(dir.resolve("a"), image))).snapshot().id();
            engine.backup(BackupSource.path(Images.write(dir.resolve("b"), Images.random(9, 1 << 20))));
            int chunks = repository.chunks().size();
            Path manifest = dir.resolve("repo/snapshots/" + old + ".json");
            Files.writeString(manifest, Files.readString(manifest).replace("\"chunks\"", "\"chunkz\""));

            // The old snapshot's chunks are unknown now: prune must not guess that nobody needs them.
            assertThrows(IntegrityException.class, () -> engine.prune(1));
            assertEquals(chunks, repository.chunks().size());
            assertEquals(2, repository.manifests().size());
            VerifyReport report = engine.verify();
            assertEquals(Set.of(old), report.damagedSnapshots());
            assertEquals("snapshot " + old, report.damage().get(0).object());
        }
    }

    @Test
    void memoryStaysBoundedByTheChunksInFlight() throws IOException {
        byte[] image = Images.random(7, 48 << 20);
        Path disk = Images.write(dir.resolve("disk"), image);
        image = null;
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(SMALL).threads(2).build()) {
            BackupResult result = engine.backup(BackupSource.path(disk));
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("48 MiB backup: %d chunk bytes in flight at most; heap peak %d MiB (%d MiB before)%n",
                    result.peakBufferedBytes(), peak >> 20, before >> 20);
            // 2 threads -> 4 chunks in flight, each at most 256 KiB, and encoded chunks of at most
            // 2 x 256 KiB (plus up to 1 KiB each, the budget counting whole KiB) waiting to be stored.
            assertTrue(result.peakBufferedBytes() <= 6 * SMALL.max(), "in flight: " + result.peakBufferedBytes());
            assertTrue(result.peakBufferedBytes() > 0);
        }
    }

    private static ChunkId firstChunk(DirectoryRepository repository, BackupEngine engine, String snapshot) {
        // The first chunk of an image: the one whose plain bytes start the image, found through the manifest.
        String json = new String(repository.getManifest(snapshot).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        int at = json.indexOf("{\"id\":\"") + 7;
        return new ChunkId(json.substring(at, at + 64));
    }

    private void restoreAndCompare(BackupEngine engine, String id, byte[] expected, String name) throws IOException {
        Path out = dir.resolve(name);
        RestoreResult r = engine.restore(id, RestoreTarget.path(out));
        assertEquals(expected.length, r.bytesWritten());
        assertArrayEquals(expected, Files.readAllBytes(out), "restore of " + id);
        assertNotEquals(0, expected.length);
    }

    /** A stream whose connection is cut after a number of bytes. */
    private static final class CutStream extends InputStream {
        private final ByteArrayInputStream in;
        private int left;

        CutStream(byte[] data, int cutAfter) {
            this.in = new ByteArrayInputStream(data);
            this.left = cutAfter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("connection reset by peer");
            }
            int n = in.read(b, off, Math.min(len, left));
            left -= n;
            return n;
        }
    }
}
