package org.bmsdk.storage.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.api.storage.ChunkId;
import org.bmsdk.storage.fixture.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups into a real S3 server (S3Proxy in its own process on 127.0.0.1), end to end. */
class S3RepositoryTest {

    private static S3ProxyServer server;
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    Path dir;

    private String location;

    @BeforeAll
    static void startServer() throws IOException {
        server = S3ProxyServer.startIfInstalled().orElse(null);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void bucket() {
        assumeTrue(server != null, "S3Proxy is not installed");
        location = "s3://bucket-" + BUCKETS.incrementAndGet() + "/nodes/node-7";
    }

    @Test
    void anIncrementalBackupOfAOnePercentChangeStoresLittleAndBothRestoreByteForByte() throws IOException {
        byte[] first = Images.random(21, 32 << 20);
        byte[] second = Images.change(first, 0.01, 4, 22);
        try (S3Repository repository = server.repository(location).build();
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL).threads(2).build()) {
            BackupResult one = engine.backup(BackupSource.path(Images.write(dir.resolve("disk-1"), first)));
            int afterFirst = repository.chunks().size();
            BackupResult two = engine.backup(BackupSource.path(Images.write(dir.resolve("disk-2"), second)));

            assertEquals(first.length, one.bytesNew(), "the first backup stores everything");
            assertEquals(second.length, two.bytesNew() + two.bytesReused());
            double fresh = (double) two.bytesNew() / second.length;
            System.out.printf("S3: 1%% changed in 4 places: the second backup stored %.2f%% new data (%d chunks of %d)%n",
                    fresh * 100, two.newChunks(), repository.chunks().size());
            assertTrue(fresh >= 0.01 && fresh < 0.05, "new data was " + fresh * 100 + "% of the image");
            assertEquals(afterFirst + two.newChunks(), repository.chunks().size(), "only the new chunks were stored");

            restoreAndCompare(engine, one.snapshot().id(), first, "restored-1");
            restoreAndCompare(engine, two.snapshot().id(), second, "restored-2");
            assertEquals(List.of(two.snapshot(), one.snapshot()), engine.list());
            assertTrue(engine.verify().isClean());
            assertEquals(Set.of(one.snapshot().id(), two.snapshot().id()), repository.manifests());
        }
        // A second client on the same bucket and prefix sees the same repository.
        try (S3Repository again = server.repository(location).build();
                BackupEngine engine = BackupEngine.builder(again).build()) {
            assertEquals(2, engine.list().size());
        }
    }

    @Test
    void verifyNamesTheSnapshotsOfACorruptedChunkObject() throws IOException {
        byte[] image = Images.random(23, 2 << 20);
        try (S3Repository repository = server.repository(location).build();
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL).build()) {
            String a = engine.backup(BackupSource.path(Images.write(dir.resolve("a"), image))).snapshot().id();
            byte[] other = image.clone();
            other[other.length - 10] ^= 1;
            String b = engine.backup(BackupSource.path(Images.write(dir.resolve("b"), other))).snapshot().id();
            assertTrue(engine.verify().isClean());

            // Replace the object of a chunk both snapshots need by a copy with one bit flipped.
            ChunkId shared = firstChunk(repository, a);
            byte[] stored = repository.getChunk(shared).orElseThrow();
            stored[stored.length / 2] ^= 0x40;
            repository.deleteChunk(shared);
            repository.putChunk(shared, stored);

            VerifyReport report = engine.verify();
            assertFalse(report.isClean());
            assertEquals(Set.of(a, b), report.damagedSnapshots());
            assertEquals("chunk " + shared, report.damage().get(0).object());
            assertThrows(IntegrityException.class, () -> engine.restore(a, RestoreTarget.path(dir.resolve("out"))));
        }
    }

    @Test
    void pruneKeepsTheNewestAndDeletesOnlyChunksNoKeptSnapshotNeeds() throws IOException {
        byte[] image = Images.random(24, 2 << 20);
        try (S3Repository repository = server.repository(location).build();
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL).build()) {
            BackupResult old = engine.backup(BackupSource.path(Images.write(dir.resolve("d0"), image)));
            byte[] changed = Images.change(image, 0.05, 2, 25);
            BackupResult mid = engine.backup(BackupSource.path(Images.write(dir.resolve("d1"), changed)));
            byte[] last = Images.change(changed, 0.05, 2, 26);
            BackupResult newest = engine.backup(BackupSource.path(Images.write(dir.resolve("d2"), last)));
            int before = repository.chunks().size();

            PruneResult pruned = engine.prune(2);
            assertEquals(List.of(newest.snapshot(), mid.snapshot()), pruned.kept());
            assertEquals(List.of(old.snapshot()), pruned.removed());
            assertTrue(pruned.chunksDeleted() > 0, "the old snapshot's own chunks went: " + pruned);
            assertEquals(before - pruned.chunksDeleted(), repository.chunks().size());
            assertEquals(Set.of(newest.snapshot().id(), mid.snapshot().id()), repository.manifests());
            assertTrue(engine.verify().isClean(), "no chunk a kept snapshot needs was deleted");
            restoreAndCompare(engine, mid.snapshot().id(), changed, "r1");
            restoreAndCompare(engine, newest.snapshot().id(), last, "r2");
        }
    }

    @Test
    void aWrongSecretKeyIsAnAuthenticationErrorThatNamesTheBucketAndNotTheSecret() {
        String wrong = "not-the-secret-" + Long.toHexString(System.nanoTime());
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> server.repository(location)
                .credentials(server.accessKey(), Secret.of(wrong)).build());
        assertTrue(e.getMessage().contains(location.substring(5, location.indexOf('/', 5))), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(e.toString().contains(server.secretKey().reveal()), e.toString());
        assertFalse(e.isRetryable());
    }

    @Test
    void aMissingBucketOrUnreachableServerIsTyped() {
        assertThrows(ConfigurationException.class, () -> server.repository("s3://no-such-bucket/x").createBucket(false).build());
        assertThrows(ConfigurationException.class,
                () -> S3Repository.builder().location("s3://b-1/x").endpoint(server.endpoint()).build(),
                "no credentials is a configuration error, not a call to an instance metadata service");
        TransportException e = assertThrows(TransportException.class, () -> server.repository(location)
                .endpoint(java.net.URI.create("http://127.0.0.1:1")).timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .build());
        assertTrue(e.isRetryable());
    }

    @Test
    void theWriterLockIsExclusiveNamesItsHolderAndIsFreeAfterRelease() {
        try (S3Repository one = server.repository(location).build(); S3Repository two = server.repository(location).build()) {
            try (BackupRepository.Lock held = one.lock("backup of /dev/sda")) {
                ConflictException e = assertThrows(ConflictException.class, () -> two.lock("prune"));
                assertTrue(e.getMessage().contains("backup of /dev/sda") && e.getMessage().contains("pid "), e.getMessage());
            }
            two.lock("prune").close();
        }
    }

    @Test
    void readersRunBesideEachOtherAndBesideABackupButNeverBesideAPrune() {
        try (S3Repository one = server.repository(location).build(); S3Repository two = server.repository(location).build()) {
            LockModes.check(one, two);
        }
    }

    @Test
    void aHolderRenewsItsLeaseInTheBackgroundSoItOutlivesTheLeaseTime() throws InterruptedException {
        Duration lease = Duration.ofSeconds(3);
        try (S3Repository holder = server.repository(location).lockLease(lease).build();
                S3Repository other = server.repository(location).lockLease(lease).build()) {
            try (BackupRepository.Lock held = holder.lock("backup")) {
                Thread.sleep(lease.toMillis() * 2);
                assertThrows(ConflictException.class, () -> other.lock("prune"), "renewed every second, so still live");
                holder.putManifest("20260101T000000Z-00000002", new byte[] {2});
            }
            other.lock("prune").close();
        }
    }

    @Test
    void aLapsedLeaseIsTakenOverAndItsFormerHolderCannotWriteAManifest() {
        MutableClock later = new MutableClock(Instant.now());
        try (S3Repository stalled = server.repository(location).lockLease(Duration.ofMinutes(1)).build();
                S3Repository other = server.repository(location).clock(later).build()) {
            BackupRepository.Lock lost = stalled.lock("backup");
            assertThrows(ConflictException.class, () -> other.lock("prune"), "a live lease is respected");
            later.advance(Duration.ofMinutes(2));
            try (BackupRepository.Lock taken = other.lock("prune")) {
                // The stalled holder wakes up: its next manifest would name chunks the prune may delete.
                ConflictException e = assertThrows(ConflictException.class,
                        () -> stalled.putManifest("20260101T000000Z-00000001", new byte[] {1}));
                assertTrue(e.getMessage().contains("lost the lock"), e.getMessage());
                assertTrue(stalled.getManifest("20260101T000000Z-00000001").isEmpty());
                lost.close();
                assertThrows(ConflictException.class, () -> stalled.lock("backup"), "closing a lost lease frees nothing");
            }
        }
    }

    /** The first chunk of an unencrypted snapshot, read from its manifest: the two snapshots share it. */
    private static ChunkId firstChunk(S3Repository repository, String snapshot) {
        String json = new String(repository.getManifest(snapshot).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        int at = json.indexOf("{\"id\":\"") + 7;
        return new ChunkId(json.substring(at, at + 64));
    }

    private void restoreAndCompare(BackupEngine engine, String id, byte[] expected, String name) throws IOException {
        Path out = dir.resolve(name);
        engine.restore(id, RestoreTarget.path(out));
        assertArrayEquals(expected, Files.readAllBytes(out), "restore of " + id + " is byte-identical");
    }

    /** A clock that tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
