package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.storage.iscsi.TgtStorage;
import org.junit.jupiter.api.Test;

/**
 * {@code bmctl lab}'s storage host: what the JSON names is enough for the tgt driver to log in
 * (host key verified from the named known_hosts file) and attach a volume to a machine's IQN, and
 * a real initiator (libiscsi's iscsi-ls) with that IQN sees it on the portal while another
 * machine's does not.
 */
class LabStorageTest {

    @Test
    void theLabsStorageHostTakesTheDriverAndItsPortalShowsTheVolumeToItsMachineOnly() throws Exception {
        try (LabProcess lab = LabProcess.start("--http", "--machines", "2")) {
            assertEquals(List.of(), LabSchema.violations(lab.json()), lab.line());
            JsonNode storage = lab.json().get("storage");
            assertTrue(storage != null && storage.isObject(), lab.line());
            String iqn0 = lab.json().get("machines").get(0).get("iqn").asText();
            String iqn1 = lab.json().get("machines").get(1).get("iqn").asText();
            assertFalse(iqn0.equals(iqn1), lab.line());
            Path knownHosts = Path.of(storage.get("known_hosts").asText());
            assertTrue(Files.readString(knownHosts, StandardCharsets.US_ASCII).startsWith("[127.0.0.1]:"), knownHosts.toString());

            URI ssh = URI.create(storage.get("ssh").asText());
            VolumeTarget t;
            try (SshClient client = SshClient.create();
                    TgtStorage volumes = TgtStorage.builder(client.connect(SshOptions.builder().host(ssh.getHost()).port(ssh.getPort())
                            .username(storage.get("username").asText()).password(Secret.of(storage.get("password").asText()))
                            .knownHosts(knownHosts).build()))
                            .directory("/srv/volumes").portal(storage.get("portal").asText())
                            .chapKey(Secret.of("lab-test-chap-key-0123")).build()) {
                volumes.create(new VolumeSpec("lab-vol", 8L << 20, false));
                t = volumes.attach("lab-vol", VolumeConnector.iscsi(iqn0));
                assertEquals(Set.of(VolumeConnector.iscsi(iqn0)), volumes.list().get(0).attachedTo());
            }
            if (onPath("iscsi-ls")) {
                String url = "iscsi://" + t.chap().orElseThrow().username() + "%" + t.chap().orElseThrow().password().reveal() + "@"
                        + t.portal();
                Proc seen = run("iscsi-ls", "-i", iqn0, "-s", url);
                assertTrue(seen.output().contains("Target:" + t.targetIqn()) && seen.output().contains("Lun:1"), seen.output());
                Proc other = run("iscsi-ls", "-i", iqn1, "-s", url);
                assertFalse(other.output().contains(t.targetIqn()), other.output());
            } else if ("true".equals(System.getenv("CI"))) {
                fail("iscsi-ls missing (Debian libiscsi-bin); run .ci/install-peers.sh iscsi");
            }

            List<InetSocketAddress> storageAddresses = List.of(new InetSocketAddress("127.0.0.1", ssh.getPort()),
                    new InetSocketAddress("127.0.0.1", Integer.parseInt(storage.get("portal").asText().split(":")[1])));
            assertTrue(lab.terminate(Duration.ofSeconds(10)), "ended within 10 s of SIGTERM; stderr: " + lab.stderr());
            for (InetSocketAddress a : storageAddresses) {
                assertFalse(LabProcess.listening(a), a + " closed");
            }
            assertFalse(Files.exists(knownHosts), "the known_hosts file goes with the lab");
        }
    }

    @Test
    void theSchemaCatchesABrokenStorageHost() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String good = "{\"ca\":null,\"machines\":[{\"name\":\"node-0\",\"redfish\":\"redfish+http://127.0.0.1:40000\","
                + "\"ipmi\":\"ipmi://127.0.0.1:40001\",\"username\":\"admin\",\"password\":\"abcdefghijklmnopqrst\","
                + "\"iqn\":\"iqn.2024-01.org.bmsdk.lab:node-0\"}],\"storage\":{\"ssh\":\"ssh://127.0.0.1:40002\",\"username\":\"root\","
                + "\"password\":\"abcdefghijklmnopqrst\",\"portal\":\"127.0.0.1:40003\",\"known_hosts\":\"/tmp/x/storage_known_hosts\"}}";
        assertEquals(List.of(), LabSchema.violations(json.readTree(good)));
        for (String bad : List.of(
                good.replace("ssh://127.0.0.1:40002", "ssh://root:pw@127.0.0.1:40002"),
                good.replace("ssh://127.0.0.1:40002", "127.0.0.1:40002"),
                good.replace("\"portal\":\"127.0.0.1:40003\",", ""),
                good.replace("127.0.0.1:40003", "iscsi://127.0.0.1:40003"),
                good.replace("/tmp/x/storage_known_hosts", "storage_known_hosts"),
                good.replace("\"password\":\"abcdefghijklmnopqrst\",\"portal\"", "\"password\":\"short\",\"portal\""),
                good.replace("iqn.2024-01.org.bmsdk.lab:node-0", "node-0"))) {
            assertFalse(LabSchema.violations(json.readTree(bad)).isEmpty(), "the schema refuses " + bad);
        }
        ObjectNode noStorage = (ObjectNode) json.readTree(good);
        noStorage.remove("storage");
        assertEquals(List.of(), LabSchema.violations(noStorage), "storage is optional: labs before it stay valid");
    }

    /** A finished initiator: its exit status and output. */
    private record Proc(int exit, String output) {
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    private static Proc run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return new Proc(p.exitValue(), out);
    }
}
