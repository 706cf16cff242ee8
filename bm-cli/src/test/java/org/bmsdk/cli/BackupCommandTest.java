package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmctl backup}: create, list, verify, restore and prune against a directory repository. */
class BackupCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void createListVerifyRestoreAndPruneAnEncryptedRepository() throws Exception {
        byte[] image = new byte[3 << 20];
        new Random(1).nextBytes(image);
        Path disk = Files.write(dir.resolve("disk.img"), image);
        Path key = Files.writeString(dir.resolve("key"), "00".repeat(31) + "01\n");
        String repo = dir.resolve("repo").toString();

        Run first = Run.of("backup", "create", "--repo", repo, "--key-file", key.toString(), "--source", disk.toString(), "--json");
        assertEquals(0, first.status(), first::toString);
        JsonNode one = JSON.readTree(first.out());
        assertEquals(image.length, one.get("bytesRead").asLong());
        assertEquals(image.length, one.get("bytesNew").asLong());
        assertEquals(0, one.get("bytesReused").asLong());

        image[1000] ^= 1;
        Files.write(disk, image);
        Run second = Run.of("backup", "create", "--repo", repo, "--key-file", key.toString(), "--source", disk.toString(), "--json");
        assertEquals(0, second.status(), second::toString);
        JsonNode two = JSON.readTree(second.out());
        assertTrue(two.get("bytesReused").asLong() > image.length / 2, second.out());

        Run list = Run.of("backup", "list", "--repo", repo, "--key-file", key.toString(), "--json");
        assertEquals(0, list.status(), list::toString);
        JsonNode snapshots = JSON.readTree(list.out());
        assertEquals(2, snapshots.size());
        assertEquals(two.get("snapshot").asText(), snapshots.get(0).get("id").asText());
        // New snapshots are manifest format 2: a chunk-list digest and no image SHA-256 (no second pass to compute it).
        assertEquals(2, snapshots.get(0).get("format").asInt(), list.out());
        assertTrue(snapshots.get(0).get("digest").asText().matches("[0-9a-f]{64}"), list.out());
        assertFalse(snapshots.get(0).has("sha256"), list.out());

        Run verify = Run.of("backup", "verify", "--repo", repo, "--key-file", key.toString());
        assertEquals(0, verify.status(), verify::toString);

        Path restored = dir.resolve("restored.img");
        Run restore = Run.of("backup", "restore", "--repo", repo, "--key-file", key.toString(), two.get("snapshot").asText(),
                "--target", restored.toString(), "--json");
        assertEquals(0, restore.status(), restore::toString);
        assertEquals(snapshots.get(0).get("digest").asText(), JSON.readTree(restore.out()).get("digest").asText(), restore.out());
        assertArrayEquals(image, Files.readAllBytes(restored));

        Run noKey = Run.of("backup", "list", "--repo", repo);
        assertEquals(2, noKey.status(), noKey::toString);
        assertTrue(noKey.err().contains("encrypted"), noKey.err());

        Run prune = Run.of("backup", "prune", "--repo", repo, "--key-file", key.toString(), "--keep-last", "1", "--json");
        assertEquals(0, prune.status(), prune::toString);
        assertEquals(one.get("snapshot").asText(), JSON.readTree(prune.out()).get("removed").get(0).asText());
    }

    @Test
    void verifyExitsOneAndNamesTheSnapshotWhenAChunkIsDamaged() throws Exception {
        byte[] image = new byte[1 << 20];
        new Random(2).nextBytes(image);
        Path disk = Files.write(dir.resolve("disk.img"), image);
        String repo = dir.resolve("repo").toString();
        Run create = Run.of("backup", "create", "--repo", repo, "--source", disk.toString(), "--json");
        assertEquals(0, create.status(), create::toString);
        String id = JSON.readTree(create.out()).get("snapshot").asText();
        try (Stream<Path> chunks = Files.walk(dir.resolve("repo/chunks"))) {
            Path chunk = chunks.filter(Files::isRegularFile).findFirst().orElseThrow();
            byte[] stored = Files.readAllBytes(chunk);
            stored[stored.length - 1] ^= 1;
            Files.write(chunk, stored);
        }
        Run verify = Run.of("backup", "verify", "--repo", repo);
        assertEquals(1, verify.status(), verify::toString);
        assertTrue(verify.out().contains("DAMAGED chunk"), verify.out());
        assertTrue(verify.err().contains(id), verify.err());
        assertEquals(1, verify.err().lines().count(), "one line on stderr: " + verify.err());
    }
}
