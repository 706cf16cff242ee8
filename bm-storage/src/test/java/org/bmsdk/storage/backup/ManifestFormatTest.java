package org.bmsdk.storage.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.storage.backup.internal.ChunkRef;
import org.bmsdk.storage.backup.internal.Manifest;
import org.bmsdk.storage.backup.internal.ManifestCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifest formats end to end: backups write format 2 (the chunk list's digest, no second pass over
 * the image), and format 1 manifests (the image's SHA-256) of older repositories still restore and
 * verify, their SHA-256 still checked against what a restore writes.
 */
class ManifestFormatTest {

    @TempDir
    Path dir;

    @Test
    void aBackupWritesFormat2WithTheChunkListDigestAndNoImageSha256() throws IOException {
        byte[] image = Images.random(11, 2 << 20);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL).build()) {
            Snapshot s = engine.backup(BackupSource.path(Images.write(dir.resolve("disk"), image))).snapshot();
            String json = new String(Files.readAllBytes(manifestFile(s.id())), StandardCharsets.UTF_8);
            assertTrue(json.startsWith("{\"format\":2,"), json);
            assertTrue(json.contains("\"chunkListSha256\":\"" + s.digest() + "\""), json);
            assertFalse(json.contains("\"sha256\""), json);
            assertEquals(2, s.format());
            assertEquals(Optional.empty(), s.imageSha256());
            assertFalse(s.digest().equals(sha256(image)), "a format 2 digest is not the image's SHA-256");
            assertEquals(s, engine.list().get(0));
        }
    }

    @Test
    void aFormat1SnapshotOfAnOlderRepositoryRestoresByteForByteAndVerifies() throws IOException {
        byte[] image = Images.random(12, 3 << 20);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL).build()) {
            String id = engine.backup(BackupSource.path(Images.write(dir.resolve("disk"), image))).snapshot().id();
            rewriteAsFormat1(id, sha256(image));

            Snapshot old = engine.list().get(0);
            assertEquals(1, old.format());
            assertEquals(Optional.of(sha256(image)), old.imageSha256());
            Path out = dir.resolve("restored");
            engine.restore(id, RestoreTarget.path(out));
            assertArrayEquals(image, Files.readAllBytes(out));
            assertTrue(engine.verify().isClean());
        }
    }

    @Test
    void aFormat1RestoreStillChecksTheImageSha256() throws IOException {
        byte[] image = Images.random(13, 1 << 20);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL).build()) {
            String id = engine.backup(BackupSource.path(Images.write(dir.resolve("disk"), image))).snapshot().id();
            String wrong = sha256(new byte[] {1});
            rewriteAsFormat1(id, wrong);
            IntegrityException e = assertThrows(IntegrityException.class,
                    () -> engine.restore(id, RestoreTarget.path(dir.resolve("restored"))));
            assertTrue(e.getMessage().contains("SHA-256 is " + sha256(image)) && e.getMessage().contains(wrong), e.getMessage());
        }
    }

    @Test
    void aFormat2ManifestWithTwoChunksSwappedFailsVerifyNamingItAndDoesNotRestore() throws IOException {
        byte[] image = Images.random(14, 3 << 20);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL).build()) {
            String id = engine.backup(BackupSource.path(Images.write(dir.resolve("disk"), image))).snapshot().id();
            Manifest m = ManifestCodec.decode(id, Files.readAllBytes(manifestFile(id)));
            assertTrue(m.chunks().size() >= 2, "the image has several chunks");
            // Every chunk is intact and the size adds up: only the list's digest can tell.
            List<ChunkRef> swapped = new ArrayList<>(m.chunks());
            swapped.set(0, m.chunks().get(1));
            swapped.set(1, m.chunks().get(0));
            Files.write(manifestFile(id), ManifestCodec.encode(new Manifest(m.snapshot(), swapped)));

            VerifyReport report = engine.verify();
            assertEquals(Set.of(id), report.damagedSnapshots());
            assertTrue(report.damage().get(0).problem().contains("chunkListSha256"), report.toString());
            assertThrows(IntegrityException.class, () -> engine.restore(id, RestoreTarget.path(dir.resolve("restored"))));
        }
    }

    /** Rewrites a snapshot's manifest as format 1 wrote it, holding the given image SHA-256. */
    private void rewriteAsFormat1(String id, String imageSha256) throws IOException {
        Path file = manifestFile(id);
        Manifest m = ManifestCodec.decode(id, Files.readAllBytes(file));
        Snapshot s = m.snapshot();
        Snapshot v1 = new Snapshot(s.id(), s.time(), s.source(), s.size(), 1, imageSha256, s.chunkCount());
        byte[] json = ManifestCodec.encode(new Manifest(v1, m.chunks()));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"format\":1,") && new String(json,
                StandardCharsets.UTF_8).contains("\"sha256\":\"" + imageSha256 + "\""));
        Files.write(file, json);
    }

    private Path manifestFile(String id) {
        return dir.resolve("repo/snapshots/" + id + ".json");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
