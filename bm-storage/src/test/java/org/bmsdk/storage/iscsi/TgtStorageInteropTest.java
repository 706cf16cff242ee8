package org.bmsdk.storage.iscsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.ssh.fixture.OpenSshExtension;
import org.bmsdk.storage.fixture.TgtServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tgt driver against a real tgtd on 127.0.0.1, driven through a real OpenSSH server, checked
 * with real initiators: libiscsi's iscsi-ls, iscsi-inq and iscsi-readcapacity16, and qemu-img's
 * iSCSI driver for the boot path.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TgtStorageInteropTest {

    private static final VolumeConnector NODE_1 = VolumeConnector.iscsi("iqn.2024-01.org.example:node-1");
    private static final VolumeConnector NODE_2 = VolumeConnector.iscsi("iqn.2024-01.org.example:node-2");
    private static final Secret CHAP_KEY = Secret.of("a-test-chap-key-0123456789");

    @RegisterExtension
    static final OpenSshExtension openSsh = new OpenSshExtension();

    private static TgtServer tgt;
    private TgtStorage storage;
    private Path volumes;

    @BeforeAll
    static void start() throws Exception {
        tgt = TgtServer.startIfInstalled().orElse(null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (tgt != null) {
            tgt.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        assumeTrue(tgt != null, TgtServer::missing);
        volumes = Files.createTempDirectory(tgt.dir(), "volumes-");
        storage = driver();
    }

    @AfterEach
    void disconnect() {
        if (storage != null) {
            storage.close();
        }
    }

    private TgtStorage driver() {
        return TgtStorage.builder(openSsh.client().connect(openSsh.server().keyLogin().build())).directory(volumes.toString())
                .portal(tgt.portal()).controlPort(tgt.control()).chapKey(CHAP_KEY).build();
    }

    @Test
    void aVolumeIsExportedToItsNodeOnlyWithChapAndDetachRemovesIt() throws Exception {
        Volume v = storage.create(new VolumeSpec("data-1", 64L << 20, false));
        assertEquals(Set.of(), v.attachedTo());
        Path file = volumes.resolve("data-1.vol");
        assertEquals(64L << 20, Files.size(file));
        assertTrue(allocatedBlocks(file) < 1024, "the file is sparse");

        VolumeTarget t = storage.attach("data-1", NODE_1);
        assertEquals(tgt.portal(), t.portal());
        assertEquals("iqn.2024-01.org.bmsdk:data-1", t.targetIqn());
        assertEquals(1, t.lun());
        String secret = t.chap().orElseThrow().password().reveal();
        assertFalse(t.toString().contains(secret));

        // node 1 with its CHAP credentials sees the target and its LUN; node 2 sees nothing
        TgtServer.Result seen = iscsiLs(NODE_1, t, secret);
        assertTrue(seen.ok() && seen.output().contains("Target:" + t.targetIqn()), seen.output());
        assertTrue(seen.output().contains("Lun:1"), seen.output());
        TgtServer.Result other = iscsiLs(NODE_2, t, secret);
        assertFalse(other.output().contains(t.targetIqn()), other.output());
        TgtServer.Result refused = TgtServer.run(List.of("iscsi-inq", "-i", NODE_2.initiator(), url(t, secret)));
        assertNotEquals(0, refused.exit(), refused.output());

        // a wrong secret fails CHAP
        TgtServer.Result wrong = TgtServer.run(List.of("iscsi-inq", "-i", NODE_1.initiator(), url(t, "wrong-secret-1234")));
        assertNotEquals(0, wrong.exit());
        assertTrue(wrong.output().contains("Authentication failure"), wrong.output());

        // the size a node reads is the volume's
        TgtServer.Result cap = TgtServer.run(List.of("iscsi-readcapacity16", "-i", NODE_1.initiator(), url(t, secret)));
        assertTrue(cap.ok(), cap.output());
        assertTrue(cap.output().contains("Total size:" + (64L << 20)), cap.output());

        // attaching again changes nothing; a second node is refused
        String before = tgt.tgtadm("--mode", "target", "--op", "show").output();
        assertEquals(t, storage.attach("data-1", NODE_1));
        assertEquals(before, tgt.tgtadm("--mode", "target", "--op", "show").output());
        ConflictException busy = assertThrows(ConflictException.class, () -> storage.attach("data-1", NODE_2));
        assertTrue(busy.getMessage().contains(NODE_1.initiator()), busy.getMessage());
        assertThrows(ConflictException.class, () -> storage.delete("data-1"));
        assertEquals(List.of(new Volume("data-1", new VolumeSpec("data-1", 64L << 20, false), Set.of(NODE_1))), storage.list());

        // a fresh driver (another connection) reads the same state back from the host
        try (TgtStorage again = driver()) {
            assertEquals(storage.list(), again.list());
            assertEquals(t, again.attach("data-1", NODE_1));
        }

        storage.detach("data-1", NODE_1);
        assertFalse(iscsiLs(NODE_1, t, secret).output().contains(t.targetIqn()));
        assertFalse(tgt.tgtadm("--mode", "target", "--op", "show").output().contains(t.targetIqn()));
        assertFalse(tgt.tgtadm("--mode", "account", "--op", "show").output().contains("bm-data-1"));
        storage.detach("data-1", NODE_1);
        assertEquals(Set.of(), storage.list().get(0).attachedTo());

        storage.delete("data-1");
        assertFalse(Files.exists(file));
        assertEquals(List.of(), storage.list());
        storage.delete("data-1");
    }

    @Test
    void aShareableVolumeTakesSeveralNodesAndStaysExportedUntilTheLastDetach() throws Exception {
        storage.create(new VolumeSpec("shared", 8L << 20, true));
        VolumeTarget one = storage.attach("shared", NODE_1);
        VolumeTarget two = storage.attach("shared", NODE_2);
        assertEquals(one, two);
        String secret = one.chap().orElseThrow().password().reveal();
        assertTrue(iscsiLs(NODE_2, one, secret).output().contains(one.targetIqn()));
        assertEquals(Set.of(NODE_1, NODE_2), storage.list().get(0).attachedTo());
        storage.detach("shared", NODE_1);
        assertFalse(iscsiLs(NODE_1, one, secret).output().contains(one.targetIqn()));
        assertTrue(iscsiLs(NODE_2, one, secret).output().contains(one.targetIqn()));
        storage.detach("shared", NODE_2);
        assertEquals(Set.of(), storage.list().get(0).attachedTo());
        storage.delete("shared");
    }

    @Test
    void anAttachCutShortIsRepairedAndAStaleAccountReplaced() throws Exception {
        storage.create(new VolumeSpec("half", 4L << 20, false));
        String iqn = storage.targetIqn("half");
        // as if a driver died right after "target new": a target with no LUN, no account and no ACL
        assertTrue(tgt.tgtadm("--mode", "target", "--op", "new", "--tid", "7", "--targetname", iqn).ok());
        // and an account of that name left with another secret
        assertTrue(tgt.tgtadm("--mode", "account", "--op", "new", "--user", "bm-half", "--password", "stale-secret-123").ok());
        assertEquals(Set.of(), storage.list().get(0).attachedTo());

        VolumeTarget t = storage.attach("half", NODE_1);
        String secret = t.chap().orElseThrow().password().reveal();
        TgtServer.Result cap = TgtServer.run(List.of("iscsi-readcapacity16", "-i", NODE_1.initiator(), url(t, secret)));
        assertTrue(cap.ok() && cap.output().contains("Total size:" + (4L << 20)), cap.output());
        TgtServer.Result stale = TgtServer.run(List.of("iscsi-inq", "-i", NODE_1.initiator(), url(t, "stale-secret-123")));
        assertTrue(stale.output().contains("Authentication failure"), stale.output());
        assertTrue(tgt.tgtadm("--mode", "target", "--op", "show").output().startsWith("Target 7: " + iqn));

        storage.detach("half", NODE_1);
        storage.delete("half");
    }

    @Test
    void theChapSecretIsInNoLogLineMessageOrToString() {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        VolumeTarget t;
        String conflict;
        System.setErr(new java.io.PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            storage.create(new VolumeSpec("quiet", 2L << 20, false));
            t = storage.attach("quiet", NODE_1);
            conflict = assertThrows(ConflictException.class, () -> storage.attach("quiet", NODE_2)).getMessage();
            storage.detach("quiet", NODE_1);
            storage.delete("quiet");
        } finally {
            System.setErr(original);
        }
        String secret = t.chap().orElseThrow().password().reveal();
        String logs = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(logs.contains("attached volume quiet"), "the log was captured: " + logs);
        for (String text : List.of(logs, conflict, t.toString(), storage.toString(), IpxeSanboot.of(t, NODE_1).toString())) {
            assertFalse(text.contains(secret), text);
            assertFalse(text.contains(CHAP_KEY.reveal()), text);
        }
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
    void aNodeBootingFromTheVolumeReadsWhatWasWrittenByteForByte() throws Exception {
        storage.create(new VolumeSpec("boot", 16L << 20, false));
        VolumeTarget t = storage.attach("boot", NODE_1);
        IpxeSanboot script = IpxeSanboot.of(t, NODE_1);
        String secret = t.chap().orElseThrow().password().reveal();
        assertFalse(script.toString().contains(secret));

        // what the node would use is what the script says: take every value from it
        Matcher m = Pattern.compile("(?s).*set initiator-iqn (\\S+)\nset username (\\S+)\nset password (\\S+)\n"
                + "sanboot iscsi:([0-9.]+)::(\\d+):(\\d+):(\\S+)\n").matcher(script.text());
        assertTrue(m.matches(), script.toString());
        Path password = tgt.dir().resolve("chap-secret");
        Files.writeString(password, m.group(3));
        String opts = "driver=iscsi,transport=tcp,portal=" + m.group(4) + ":" + m.group(5) + ",target=" + m.group(7)
                + ",lun=" + m.group(6) + ",initiator-name=" + m.group(1) + ",user=" + m.group(2) + ",password-secret=chap";
        String object = "secret,id=chap,file=" + password;

        byte[] image = new byte[3 << 20];
        new Random(6).nextBytes(image);
        Path in = tgt.dir().resolve("image.raw");
        Files.write(in, image);
        TgtServer.Result write = TgtServer.run(List.of("qemu-img", "convert", "-n", "-f", "raw", in.toString(),
                "--object", object, "--target-image-opts", opts));
        assertTrue(write.ok(), write.output());
        Path out = tgt.dir().resolve("read-back.raw");
        TgtServer.Result read = TgtServer.run(List.of("qemu-img", "convert", "--object", object, "--image-opts", opts,
                "-O", "raw", out.toString()));
        assertTrue(read.ok(), read.output());
        byte[] back = Files.readAllBytes(out);
        assertEquals(16L << 20, back.length);
        assertArrayEquals(image, java.util.Arrays.copyOf(back, image.length));
        assertArrayEquals(image, java.util.Arrays.copyOf(Files.readAllBytes(volumes.resolve("boot.vol")), image.length));

        storage.detach("boot", NODE_1);
        TgtServer.Result gone = TgtServer.run(List.of("qemu-img", "info", "--object", object, "--image-opts", opts));
        assertNotEquals(0, gone.exit(), gone.output());
        storage.delete("boot");
    }

    private static TgtServer.Result iscsiLs(VolumeConnector node, VolumeTarget t, String secret) throws Exception {
        String user = t.chap().orElseThrow().username();
        return TgtServer.run(List.of("iscsi-ls", "-i", node.initiator(), "-s",
                "iscsi://" + user + "%" + secret + "@" + t.portal()));
    }

    private static String url(VolumeTarget t, String secret) {
        return "iscsi://" + t.chap().orElseThrow().username() + "%" + secret + "@" + t.portal() + "/" + t.targetIqn()
                + "/" + t.lun();
    }

    private static long allocatedBlocks(Path file) throws Exception {
        return Long.parseLong(TgtServer.run(List.of("stat", "-c", "%b", file.toString())).output().strip());
    }
}
