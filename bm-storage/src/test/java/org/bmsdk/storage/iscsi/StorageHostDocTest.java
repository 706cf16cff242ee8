package org.bmsdk.storage.iscsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.testkit.docs.DocSnippets;
import org.bmsdk.testkit.storage.SimulatedStorageHost;
import org.bmsdk.testkit.storage.StorageHostSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated storage host's example in docs/STORAGE.md, compiled and run. Regions between
 * {@code tag::NAME[]} and {@code end::NAME[]} must appear verbatim in that document.
 */
class StorageHostDocTest {

    private static final String DOC = "docs/STORAGE.md";

    @TempDir
    Path dir;

    @Test
    void theExampleRuns() {
        // tag::example[]
        try (SimulatedStorageHost host = SimulatedStorageHost.start(StorageHostSpec.builder().build());
             SshClient ssh = SshClient.create();
             TgtStorage storage = TgtStorage.builder(ssh.connect(SshOptions.builder()
                             .host(host.host()).port(host.sshPort())
                             .username(host.spec().username()).password(host.spec().password())
                             .knownHosts(host.writeKnownHosts(dir.resolve("known_hosts")))
                             .build()))
                     .directory("/srv/volumes").portal(host.portal())
                     .chapKey(Secret.of("a-long-enough-chap-key")).build()) {
            // Script: the next "target new" fails as a tgtd out of memory would.
            host.faults().failNext("tgtadm --lld iscsi --mode target --op new", "tgtadm: out of memory", 12);

            // Run: the real driver, over SSH.
            storage.create(new VolumeSpec("db-1", 64L << 20, false));
            DeviceException refused = assertThrows(DeviceException.class,
                    () -> storage.attach("db-1", VolumeConnector.iscsi("iqn.2024-01.org.example:node-1")));
            VolumeTarget target = storage.attach("db-1", VolumeConnector.iscsi("iqn.2024-01.org.example:node-1"));

            // Verify: what tgtadm shows on the host, what the host was sent (secrets masked).
            assertEquals("tgtadm: out of memory", refused.deviceCode());
            assertEquals(host.portal(), target.portal());
            assertTrue(host.tgtadmShow().contains("ACL information:\n        iqn.2024-01.org.example:node-1\n"));
            assertTrue(host.commands().stream().anyMatch(c -> c.endsWith("'--password' ****")));
        }
        // end::example[]
    }

    @Test
    void everyTaggedRegionAppearsVerbatimInTheDocument() {
        DocSnippets.assertShownIn(DOC, StorageHostDocTest.class);
    }
}
