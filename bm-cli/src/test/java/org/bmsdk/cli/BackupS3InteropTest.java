package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.bmsdk.api.storage.ChunkId;
import org.bmsdk.storage.fixture.S3ProxyServer;
import org.bmsdk.storage.backup.S3Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmctl backup … --repo s3://bucket/prefix} against a real S3 server (S3Proxy on 127.0.0.1). */
class BackupS3InteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void createListVerifyRestorePruneIntoABucketConfiguredByTheAwsVariables() throws Exception {
        Optional<S3ProxyServer> started = S3ProxyServer.startIfInstalled();
        assumeTrue(started.isPresent(), "S3Proxy is not installed");
        try (S3ProxyServer server = started.get()) {
            String repo = "s3://bmctl-backups/nodes/node-3";
            server.repository(repo).build().close(); // bmctl expects the bucket to exist
            Map<String, String> env = server.environment();
            byte[] image = new byte[3 << 20];
            new Random(7).nextBytes(image);
            Path disk = Files.write(dir.resolve("disk.img"), image);

            Run first = Run.of(env, "backup", "create", "--repo", repo, "--source", disk.toString(), "--json");
            assertEquals(0, first.status(), first::toString);
            JsonNode one = JSON.readTree(first.out());
            assertEquals(image.length, one.get("bytesNew").asLong());

            image[image.length / 2] ^= 1;
            Files.write(disk, image);
            Run second = Run.of(env, "backup", "create", "--repo", repo, "--source", disk.toString(), "--json");
            assertEquals(0, second.status(), second::toString);
            JsonNode two = JSON.readTree(second.out());
            assertTrue(two.get("bytesReused").asLong() > image.length / 2, second.out());

            Run list = Run.of(env, "backup", "list", "--repo", repo, "--json");
            assertEquals(0, list.status(), list::toString);
            assertEquals(2, JSON.readTree(list.out()).size());

            Path restored = dir.resolve("restored.img");
            Run restore = Run.of(env, "backup", "restore", "--repo", repo, two.get("snapshot").asText(), "--target", restored.toString());
            assertEquals(0, restore.status(), restore::toString);
            assertArrayEquals(image, Files.readAllBytes(restored));

            Run prune = Run.of(env, "backup", "prune", "--repo", repo, "--keep-last", "1", "--json");
            assertEquals(0, prune.status(), prune::toString);
            assertEquals(one.get("snapshot").asText(), JSON.readTree(prune.out()).get("removed").get(0).asText());

            // Damage one chunk object of the kept snapshot: verify exits 1 and names it.
            try (S3Repository bucket = server.repository(repo).build()) {
                ChunkId any = bucket.chunks().iterator().next();
                byte[] stored = bucket.getChunk(any).orElseThrow();
                stored[stored.length - 1] ^= 1;
                bucket.deleteChunk(any);
                bucket.putChunk(any, stored);
            }
            Run verify = Run.of(env, "backup", "verify", "--repo", repo);
            assertEquals(1, verify.status(), verify::toString);
            assertTrue(verify.err().contains(two.get("snapshot").asText()), verify.err());

            Map<String, String> wrong = new HashMap<>(env);
            wrong.put("AWS_SECRET_ACCESS_KEY", "wrong-secret-key-0123");
            Run refused = Run.of(wrong, "backup", "list", "--repo", repo);
            assertEquals(1, refused.err().lines().count(), "one line on stderr: " + refused.err());
            assertTrue(refused.err().contains("bmctl-backups") && refused.err().contains("access key id"), refused.err());
            assertFalse(refused.err().contains("wrong-secret-key-0123") || refused.err().contains(env.get("AWS_SECRET_ACCESS_KEY")),
                    refused.err());
            assertEquals(1, refused.status(), refused::toString);

            Run noKeys = Run.of(Map.of("AWS_ENDPOINT_URL", env.get("AWS_ENDPOINT_URL")), "backup", "list", "--repo", repo);
            assertEquals(2, noKeys.status(), "missing keys are bad usage: " + noKeys);
            assertTrue(noKeys.err().contains("AWS_ACCESS_KEY_ID"), noKeys.err());
        }
    }
}
