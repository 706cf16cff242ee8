package org.bmsdk.storage.iscsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.ssh.ExecResult;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.testkit.storage.SimulatedStorageHost;
import org.bmsdk.testkit.storage.StorageHostSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tgt driver, unchanged, against bm-testkit's simulated storage host over real SSH: the same
 * behaviours as {@link TgtStorageInteropTest} checks against a real tgtd, read back through the
 * simulated host's {@code tgtadm} state instead of an initiator, plus the host's faults.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TgtStorageSimulatorTest {

    private static final VolumeConnector NODE_1 = VolumeConnector.iscsi("iqn.2024-01.org.example:node-1");
    private static final VolumeConnector NODE_2 = VolumeConnector.iscsi("iqn.2024-01.org.example:node-2");
    private static final Secret CHAP_KEY = Secret.of("a-test-chap-key-0123456789");
    private static final String DIR = "/srv/volumes";

    private static SshClient client;
    @TempDir
    Path tmp;
    private SimulatedStorageHost host;
    private Path knownHosts;
    private TgtStorage storage;

    @BeforeAll
    static void client() {
        client = SshClient.create();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @BeforeEach
    void start() {
        host = SimulatedStorageHost.start(StorageHostSpec.builder().controlPort(4242).build());
        knownHosts = host.writeKnownHosts(tmp.resolve("known_hosts"));
        storage = driver();
    }

    @AfterEach
    void stop() {
        if (storage != null) {
            storage.close();
        }
        host.close();
    }

    private SshOptions.Builder login() {
        return SshOptions.builder().host(host.host()).port(host.sshPort()).username(host.spec().username())
                .password(host.spec().password()).knownHosts(knownHosts);
    }

    private TgtStorage driver() {
        return TgtStorage.builder(client.connect(login().build())).directory(DIR).portal("127.0.0.1:3260")
                .controlPort(4242).chapKey(CHAP_KEY).build();
    }

    @Test
    void aVolumeIsExportedToItsNodeOnlyAndDetachRemovesIt() {
        Volume v = storage.create(new VolumeSpec("data-1", 64L << 20, false));
        assertEquals(Set.of(), v.attachedTo());
        assertEquals(64L << 20, host.fileSize(DIR + "/data-1.vol").orElseThrow());

        VolumeTarget t = storage.attach("data-1", NODE_1);
        assertEquals("iqn.2024-01.org.bmsdk:data-1", t.targetIqn());
        assertEquals(1, t.lun());
        String show = host.tgtadmShow();
        assertTrue(show.startsWith("Target 1: iqn.2024-01.org.bmsdk:data-1\n"), show);
        assertTrue(show.contains("            Backing store path: " + DIR + "/data-1.vol\n"), show);
        assertTrue(show.contains("            Size: 67 MB, Block size: 512\n"), show);
        assertTrue(show.contains("    Account information:\n        bm-data-1\n    ACL information:\n        "
                + NODE_1.initiator() + "\n"), show);

        // attaching again changes nothing; a second node is refused, and so is a delete
        assertEquals(t, storage.attach("data-1", NODE_1));
        assertEquals(show, host.tgtadmShow());
        ConflictException busy = assertThrows(ConflictException.class, () -> storage.attach("data-1", NODE_2));
        assertTrue(busy.getMessage().contains(NODE_1.initiator()), busy.getMessage());
        assertThrows(ConflictException.class, () -> storage.delete("data-1"));
        assertEquals(List.of(new Volume("data-1", new VolumeSpec("data-1", 64L << 20, false), Set.of(NODE_1))), storage.list());

        // a fresh driver (another SSH connection) reads the same state back from the host
        try (TgtStorage again = driver()) {
            assertEquals(storage.list(), again.list());
            assertEquals(t, again.attach("data-1", NODE_1));
        }

        storage.detach("data-1", NODE_1);
        assertEquals("", host.tgtadmShow());
        assertEquals("", host.tgtadmShowAccounts());
        storage.detach("data-1", NODE_1);
        assertEquals(Set.of(), storage.list().get(0).attachedTo());

        storage.delete("data-1");
        assertTrue(host.fileSize(DIR + "/data-1.vol").isEmpty());
        assertEquals(List.of(), storage.list());
        storage.delete("data-1");
        // the CHAP secret went to the host but is in none of the commands it records
        String secret = t.chap().orElseThrow().password().reveal();
        assertTrue(host.commands().stream().anyMatch(c -> c.contains("'--password' ****")), host.commands().toString());
        assertTrue(host.commands().stream().noneMatch(c -> c.contains(secret)));
    }

    @Test
    void aShareableVolumeTakesSeveralNodesAndStaysExportedUntilTheLastDetach() {
        storage.create(new VolumeSpec("shared", 8L << 20, true));
        assertTrue(host.fileSize(DIR + "/shared.shared-vol").isPresent());
        VolumeTarget one = storage.attach("shared", NODE_1);
        assertEquals(one, storage.attach("shared", NODE_2));
        assertEquals(Set.of(NODE_1, NODE_2), storage.list().get(0).attachedTo());
        storage.detach("shared", NODE_1);
        assertEquals(Set.of(NODE_2), storage.list().get(0).attachedTo());
        storage.detach("shared", NODE_2);
        assertEquals(Set.of(), storage.list().get(0).attachedTo());
        assertEquals("", host.tgtadmShow());
        storage.delete("shared");
    }

    @Test
    void anAttachCutShortIsRepairedAndAStaleAccountReplaced() {
        storage.create(new VolumeSpec("half", 4L << 20, false));
        String iqn = storage.targetIqn("half");
        try (SshConnection admin = client.connect(login().build())) {
            // as if a driver died right after "target new", and an account of that name left with another secret
            ExecResult made = admin.exec("tgtadm -C 4242 --lld iscsi --mode target --op new --tid 7 --targetname " + iqn,
                    java.time.Duration.ofSeconds(10));
            assertEquals(0, made.exitStatus(), made.stderr());
            ExecResult again = admin.exec("tgtadm -C 4242 --lld iscsi --mode target --op new --tid 7 --targetname " + iqn,
                    java.time.Duration.ofSeconds(10));
            assertEquals(22, again.exitStatus());
            assertEquals("tgtadm: this target already exists\n", again.stderr());
            assertEquals(0, admin.exec("tgtadm -C 4242 --lld iscsi --mode account --op new --user bm-half --password stale-secret-123",
                    java.time.Duration.ofSeconds(10)).exitStatus());
        }
        assertEquals(Set.of(), storage.list().get(0).attachedTo());
        storage.attach("half", NODE_1);
        String show = host.tgtadmShow();
        assertTrue(show.startsWith("Target 7: " + iqn), show);
        assertTrue(show.contains("LUN: 1") && show.contains(NODE_1.initiator()) && show.contains("bm-half"), show);
        assertTrue(host.commands().stream().anyMatch(c -> c.contains("'account' '--op' 'delete' '--user' 'bm-half'")));
        storage.detach("half", NODE_1);
        storage.delete("half");
    }

    @Test
    void createIsIdempotentForTheSameSpecAndErrorsAreTyped() {
        storage.create(new VolumeSpec("v", 2L << 20, false));
        assertEquals("v", storage.create(new VolumeSpec("v", 2L << 20, false)).id());
        assertThrows(ConflictException.class, () -> storage.create(new VolumeSpec("v", 4L << 20, false)));
        assertThrows(ConflictException.class, () -> storage.create(new VolumeSpec("v", 2L << 20, true)));
        assertThrows(ConfigurationException.class, () -> storage.attach("nope", NODE_1));
        assertThrows(IllegalArgumentException.class, () -> storage.attach("a;rm -rf /", NODE_1));
        storage.delete("v");
    }

    @Test
    void aFailedTgtadmIsADeviceExceptionWithTgtsLineAndLeavesNothingBound() {
        storage.create(new VolumeSpec("f", 2L << 20, false));
        host.faults().failNext("tgtadm --lld iscsi --mode logicalunit --op new", "tgtadm: out of memory", 12);
        DeviceException e = assertThrows(DeviceException.class, () -> storage.attach("f", NODE_1));
        assertEquals("tgtadm: out of memory", e.deviceCode());
        assertFalse(host.tgtadmShow().contains(NODE_1.initiator()));
        // the next attach repairs the half-made target
        storage.attach("f", NODE_1);
        assertTrue(host.tgtadmShow().contains("LUN: 1"));
        storage.detach("f", NODE_1);
        storage.delete("f");
    }

    @Test
    void aDroppedSessionIsATransportErrorAndARefusedLoginAnAuthenticationError() {
        host.faults().dropSessionOn("truncate");
        assertThrows(TransportException.class, () -> storage.create(new VolumeSpec("d", 2L << 20, false)));
        host.faults().refuseLogin();
        assertThrows(AuthenticationException.class, this::driver);
        host.faults().acceptLogin();
        try (TgtStorage fresh = driver()) {
            // the file was made but the session died before its size was set: it shows as 0 bytes, rounded up
            assertEquals(0L, host.fileSize(DIR + "/d.vol").orElseThrow());
            assertThrows(ConflictException.class, () -> fresh.create(new VolumeSpec("d", 2L << 20, false)));
            fresh.delete("d");
            assertEquals(List.of(), fresh.list());
        }
    }

    @Test
    void anUnknownHostKeyIsRefused() throws Exception {
        try (SimulatedStorageHost other = SimulatedStorageHost.start(StorageHostSpec.builder().build())) {
            Path otherKey = other.writeKnownHosts(tmp.resolve("other_known_hosts"));
            String line = Files.readString(otherKey).replace(":" + other.sshPort() + "]", ":" + host.sshPort() + "]");
            Files.writeString(otherKey, line);
            assertThrows(AuthenticationException.class,
                    () -> client.connect(login().knownHosts(otherKey).build()));
        }
    }

    @Test
    void filesUnderARootDirectoryAreRealSparseFiles() throws Exception {
        Path root = tmp.resolve("root");
        try (SimulatedStorageHost disk = SimulatedStorageHost.start(StorageHostSpec.builder().rootDirectory(root).build());
                TgtStorage s = TgtStorage.builder(client.connect(SshOptions.builder().host("127.0.0.1").port(disk.sshPort())
                        .username("root").password(Secret.of("storage"))
                        .knownHosts(disk.writeKnownHosts(tmp.resolve("kh2"))).build()))
                        .directory(DIR).portal("127.0.0.1:3260").chapKey(CHAP_KEY).build()) {
            s.create(new VolumeSpec("on-disk", 32L << 20, false));
            Path file = root.resolve("srv/volumes/on-disk.vol");
            assertEquals(32L << 20, Files.size(file));
            Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.WRITE);
            assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(disk.readFile(DIR + "/on-disk.vol").orElseThrow(), 3));
            assertEquals(List.of("on-disk"), s.list().stream().map(Volume::id).toList());
            s.delete("on-disk");
            assertFalse(Files.exists(file));
        }
    }
}
