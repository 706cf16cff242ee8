package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bmsdk.storage.fixture.TgtServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmctl volume} against a real tgtd on 127.0.0.1 driven through a real OpenSSH server (as a
 * storage host is), checked with a real initiator: libiscsi's {@code iscsi-ls}, logging in with the
 * CHAP credentials {@code attach --json} printed.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VolumeCommandInteropTest {

    private static final String NODE_1 = "iqn.2024-01.org.example:node-1";
    private static final String NODE_2 = "iqn.2024-01.org.example:node-2";
    private static final String CHAP_KEY = "a-cli-test-chap-key-0123456789";

    @RegisterExtension
    static final OpenSsh ssh = new OpenSsh();

    private static TgtServer tgt;

    @TempDir
    Path dir;

    private Path volumes;

    @BeforeAll
    static void start() throws Exception {
        tgt = TgtServer.startIfInstalled(false).orElse(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (tgt != null) {
            tgt.close();
        }
    }

    @BeforeEach
    void needsPeers() throws Exception {
        assumeTrue(tgt != null, () -> TgtServer.missing(false));
        volumes = Files.createDirectories(dir.resolve("volumes"));
    }

    private Map<String, String> env(boolean withKey) {
        Map<String, String> env = new HashMap<>(Map.of("BMCTL_USERNAME", ssh.keyUser()));
        if (withKey) {
            env.put("BMCTL_CHAP_KEY", CHAP_KEY);
        }
        return env;
    }

    /** bmctl volume ARGS against the storage host, logged in by key, with the CHAP key in the environment. */
    private Run volume(String... args) {
        return volume(true, args);
    }

    private Run volume(boolean withKey, String... args) {
        return Run.of(env(withKey), Stream.concat(Stream.concat(Stream.of("volume"), Stream.of(args)), Stream.of("--endpoint", ssh.endpoint(),
                "--identity", ssh.clientKey().toString(), "--known-hosts", ssh.knownHosts().toString(), "--directory", volumes.toString(),
                "--portal", tgt.portal(), "--control-port", String.valueOf(tgt.control()))).toArray(String[]::new));
    }

    private static Run ok(Run r) {
        assertEquals(0, r.status(), r::toString);
        assertEquals("", r.err(), r::toString);
        return r;
    }

    private static Run failed(int status, Run r) {
        assertEquals(status, r.status(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertTrue(r.err().startsWith("bmctl: ") || r.err().contains("Usage:"), r::toString);
        return r;
    }

    @Test
    void aVolumeIsCreatedAttachedToOneNodeWithChapDetachedAndDeleted() throws Exception {
        assertEquals("no volumes\n", ok(volume("list")).out());

        assertEquals("volume data-1: 67108864 bytes\n", ok(volume(false, "create", "data-1", "--size", "64MiB")).out());
        assertEquals(64L << 20, Files.size(volumes.resolve("data-1.vol")));
        ok(volume(false, "create", "data-1", "--size", "64MiB")); // the same again is fine
        assertTrue(failed(1, volume("create", "data-1", "--size", "32MiB")).err().contains("exists already"));

        Run text = ok(volume("attach", "data-1", "--initiator", NODE_1));
        JsonNode attached = JsonDocs.one(ok(volume("--json", "attach", "data-1", "--initiator", NODE_1)).out());
        assertEquals(List.of("volume", "initiator", "portal", "targetIqn", "lun", "chap"), JsonDocs.keys(attached));
        assertEquals(tgt.portal(), attached.get("portal").asText());
        assertEquals("iqn.2024-01.org.bmsdk:data-1", attached.get("targetIqn").asText());
        assertEquals(1, attached.get("lun").asInt());
        String user = attached.get("chap").get("username").asText();
        String secret = attached.get("chap").get("secret").asText();
        assertEquals("bm-data-1", user);
        assertFalse(text.out().contains(secret), "text output leaves the secret out: " + text.out());
        assertEquals("volume data-1 exported to " + NODE_1 + ": portal " + tgt.portal() + ", target iqn.2024-01.org.bmsdk:data-1, lun 1,"
                + " CHAP user bm-data-1 (--json prints the secret)\n", text.out());

        // the node sees it with the printed credentials; another node does not, nor a wrong secret
        TgtServer.Result seen = iscsiLs(NODE_1, user, secret);
        assertTrue(seen.ok() && seen.output().contains("Target:iqn.2024-01.org.bmsdk:data-1"), seen::toString);
        assertFalse(iscsiLs(NODE_2, user, secret).output().contains("Target:iqn.2024-01.org.bmsdk:data-1"));
        assertTrue(iscsiInq(NODE_1, user, secret, "iqn.2024-01.org.bmsdk:data-1").ok());
        TgtServer.Result wrong = iscsiInq(NODE_1, user, "wrong-secret-1234", "iqn.2024-01.org.bmsdk:data-1");
        assertTrue(wrong.output().contains("Authentication failure"), wrong::toString);

        Run busy = failed(1, volume("attach", "data-1", "--initiator", NODE_2));
        assertTrue(busy.err().contains(NODE_1), busy::toString);
        assertTrue(failed(1, volume("delete", "data-1")).err().contains("still attached"));

        JsonNode list = JsonDocs.one(ok(volume("--json", "list")).out());
        assertEquals("[{\"name\":\"data-1\",\"sizeBytes\":67108864,\"shareable\":false,\"attachedTo\":[\"" + NODE_1 + "\"]}]",
                list.get("volumes").toString());
        assertEquals(List.of("NAME                                BYTES  SHAREABLE  ATTACHED TO",
                "data-1                           67108864  no         " + NODE_1), ok(volume(false, "list")).outLines());

        assertEquals("volume data-1 detached from " + NODE_1 + "\n", ok(volume(false, "detach", "data-1", "--initiator", NODE_1)).out());
        assertFalse(iscsiLs(NODE_1, user, secret).output().contains("Target:iqn.2024-01.org.bmsdk:data-1"));
        assertFalse(tgt.tgtadm("--mode", "target", "--op", "show").output().contains("iqn.2024-01.org.bmsdk:data-1"));
        ok(volume(false, "detach", "data-1", "--initiator", NODE_1)); // nothing to do

        assertEquals("deleted volume data-1\n", ok(volume(false, "delete", "data-1")).out());
        assertFalse(Files.exists(volumes.resolve("data-1.vol")));
        assertEquals("no volumes\n", ok(volume(false, "list")).out());
    }

    @Test
    void aShareableVolumeGoesToTwoNodes() throws Exception {
        ok(volume("create", "shared-1", "--size", "1MiB", "--shareable"));
        JsonNode one = JsonDocs.one(ok(volume("--json", "attach", "shared-1", "--initiator", NODE_1)).out());
        ok(volume("attach", "shared-1", "--initiator", NODE_2));
        String user = one.get("chap").get("username").asText();
        String secret = one.get("chap").get("secret").asText();
        assertTrue(iscsiLs(NODE_2, user, secret).output().contains("Target:iqn.2024-01.org.bmsdk:shared-1"));
        JsonNode list = JsonDocs.one(ok(volume("--json", "list")).out());
        assertEquals(List.of(NODE_1, NODE_2), JsonDocs.texts(list.get("volumes").get(0).get("attachedTo")));
        ok(volume("detach", "shared-1", "--initiator", NODE_1));
        ok(volume("detach", "shared-1", "--initiator", NODE_2));
        ok(volume("delete", "shared-1"));
    }

    @Test
    void mistakesAreBadUsageAndTheHostsRefusalsOperationErrors() throws Exception {
        assertTrue(failed(2, volume(false, "attach", "nothing", "--initiator", NODE_1)).err().contains("BMCTL_CHAP_KEY"));
        assertTrue(failed(1, volume("attach", "nothing", "--initiator", NODE_1)).err().contains("no volume nothing"));
        assertTrue(failed(2, volume("create", "v", "--size", "64")).err().contains("unit"));
        failed(2, volume("create", "v", "--size", "512KiB"));
        failed(2, volume("create", "bad/name", "--size", "1MiB"));
        failed(2, volume("attach", "v", "--initiator", "node-1"));
        Path shortKey = Files.writeString(dir.resolve("short.key"), "too-short\n");
        failed(2, Run.of(env(false), "volume", "list", "--chap-key-file", shortKey.toString(), "--endpoint", ssh.endpoint()));
        failed(2, Run.of(env(false), "volume", "list", "--endpoint", "ssh://127.0.0.1:" + ssh.port() + "/dev/sda"));
        Run unknownHost = failed(1, Run.of(env(false), "volume", "list", "--endpoint", ssh.endpoint(), "--identity",
                ssh.clientKey().toString(), "--known-hosts", ssh.knownHostsWithOtherKey().toString()));
        assertTrue(unknownHost.err().toLowerCase(java.util.Locale.ROOT).contains("host key"), unknownHost::toString);
    }

    /** What {@code iscsi-ls -s} lists for an initiator logging in with CHAP. */
    private static TgtServer.Result iscsiLs(String initiator, String chapUser, String secret) throws Exception {
        return TgtServer.run(List.of("iscsi-ls", "-i", initiator, "-s", "iscsi://" + chapUser + "%" + secret + "@" + tgt.portal()));
    }

    /** What {@code iscsi-inq} says when an initiator logs in to LUN 1 of a target with CHAP. */
    private static TgtServer.Result iscsiInq(String initiator, String chapUser, String secret, String target) throws Exception {
        return TgtServer.run(List.of("iscsi-inq", "-i", initiator, "iscsi://" + chapUser + "%" + secret + "@" + tgt.portal() + "/" + target + "/1"));
    }
}
