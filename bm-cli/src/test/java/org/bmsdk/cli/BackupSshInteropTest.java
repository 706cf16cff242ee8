package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmctl backup} from and to a disk on a node over SSH: the real OpenSSH server on 127.0.0.1. */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackupSshInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final OpenSsh server = new OpenSsh();

    @TempDir
    Path dir;

    @Test
    void aNodesDiskIsBackedUpAndRestoredToAnotherOverSsh() throws Exception {
        byte[] image = new byte[2 << 20];
        new Random(3).nextBytes(image);
        Path disk = Files.write(dir.resolve("node-disk"), image);
        Path spare = dir.resolve("spare-disk");
        String ssh = "ssh://127.0.0.1:" + server.port();
        Map<String, String> env = Map.of("BMCTL_USERNAME", server.keyUser());
        String[] login = {"--identity", server.clientKey().toString(), "--known-hosts", server.knownHosts().toString()};

        Run create = Run.of(env, concat(login, "backup", "create", "--repo", dir.resolve("repo").toString(), "--source", ssh + disk,
                "--json"));
        assertEquals(0, create.status(), create::toString);
        JsonNode created = JSON.readTree(create.out());
        assertEquals(ssh + disk, created.get("source").asText());
        assertEquals(image.length, created.get("bytesRead").asLong());

        Run restore = Run.of(env, concat(login, "backup", "restore", "--repo", dir.resolve("repo").toString(),
                created.get("snapshot").asText(), "--target", ssh + spare));
        assertEquals(0, restore.status(), restore::toString);
        assertArrayEquals(image, Files.readAllBytes(spare));

        Run unknownHost = Run.of(env, "--identity", server.clientKey().toString(), "--known-hosts",
                server.knownHostsWithOtherKey().toString(), "backup", "create", "--repo", dir.resolve("repo").toString(),
                "--source", ssh + disk);
        assertEquals(1, unknownHost.status(), unknownHost::toString);
        assertTrue(unknownHost.err().toLowerCase(java.util.Locale.ROOT).contains("host key"), unknownHost.err());
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
