package org.bmsdk.testkit.storage.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bmsdk.testkit.storage.HostCommandResult;
import org.bmsdk.testkit.storage.SimulatedStorageHost;
import org.bmsdk.testkit.storage.StorageHostSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated storage host's iSCSI portal against real initiators: libiscsi's iscsi-ls,
 * iscsi-inq and iscsi-readcapacity16, and qemu-img and qemu-io's iSCSI driver. The target is set
 * up with the same tgtadm lines the tgt driver sends.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IscsiInitiatorInteropTest {

    private static final String NODE_1 = "iqn.2024-01.org.example:node-1";
    private static final String NODE_2 = "iqn.2024-01.org.example:node-2";
    private static final String TARGET = "iqn.2024-01.org.bmsdk:vol-1";
    private static final String SECRET = "s3cret-chap-1234";

    @TempDir
    Path tmp;
    private SimulatedStorageHost host;

    @BeforeEach
    void start() {
        Initiators.require();
        host = SimulatedStorageHost.start(StorageHostSpec.builder().build());
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private void exportVolume(long size, boolean chap) {
        sh("mkdir -p /srv/volumes && set -C && : > /srv/volumes/vol-1.vol && truncate -s " + size + " /srv/volumes/vol-1.vol");
        sh("tgtadm --lld iscsi --mode target --op new --tid 1 --targetname " + TARGET);
        sh("tgtadm --lld iscsi --mode logicalunit --op new --tid 1 --lun 1 --backing-store /srv/volumes/vol-1.vol --bstype rdwr");
        if (chap) {
            sh("tgtadm --lld iscsi --mode account --op new --user bm-vol-1 --password " + SECRET);
            sh("tgtadm --lld iscsi --mode account --op bind --tid 1 --user bm-vol-1");
        }
        sh("tgtadm --lld iscsi --mode target --op bind --tid 1 --initiator-name " + NODE_1);
    }

    private void sh(String line) {
        HostCommandResult r = host.exec(line);
        assertEquals(0, r.exitStatus(), line + ": " + r.stderr());
    }

    private String url(String secret) {
        return "iscsi://bm-vol-1%" + secret + "@" + host.portal() + "/" + TARGET + "/1";
    }

    @Test
    void discoveryShowsTheTargetOnlyToItsInitiatorAndChapGuardsTheLogin() throws Exception {
        exportVolume(64L << 20, true);
        Initiators.Result seen = Initiators.run("iscsi-ls", "-i", NODE_1, "-s", "iscsi://bm-vol-1%" + SECRET + "@" + host.portal());
        assertTrue(seen.ok(), seen.output());
        assertTrue(seen.output().contains("Target:" + TARGET), seen.output());
        assertTrue(seen.output().contains("Lun:1") && seen.output().contains("Type:DIRECT_ACCESS"), seen.output());
        Initiators.Result other = Initiators.run("iscsi-ls", "-i", NODE_2, "-s", "iscsi://bm-vol-1%" + SECRET + "@" + host.portal());
        assertFalse(other.output().contains(TARGET), other.output());

        Initiators.Result inq = Initiators.run("iscsi-inq", "-i", NODE_1, url(SECRET));
        assertTrue(inq.ok(), inq.output());
        assertTrue(inq.output().contains("Vendor:IET") && inq.output().contains("Product:VIRTUAL-DISK"), inq.output());
        // iscsi-inq takes the page code in decimal
        Initiators.Result serial = Initiators.run("iscsi-inq", "-i", NODE_1, "-e", "1", "-c", "128", url(SECRET));
        assertTrue(serial.ok() && serial.output().contains("Unit Serial Number:[beaf11]"), serial.output());
        Initiators.Result pages = Initiators.run("iscsi-inq", "-i", NODE_1, "-e", "1", "-c", "0", url(SECRET));
        assertTrue(pages.ok() && pages.output().contains("Page:0x80 UNIT_SERIAL_NUMBER")
                && pages.output().contains("Page:0x83 DEVICE_IDENTIFICATION"), pages.output());
        Initiators.Result ids = Initiators.run("iscsi-inq", "-i", NODE_1, "-e", "1", "-c", "131", url(SECRET));
        assertTrue(ids.ok() && ids.output().contains("Designator:[IET     00010001]"), ids.output());
        Initiators.Result unknownPage = Initiators.run("iscsi-inq", "-i", NODE_1, "-e", "1", "-c", "176", url(SECRET));
        assertTrue(unknownPage.output().contains("INVALID_FIELD_IN_CDB"), unknownPage.output());
        Initiators.Result ls = Initiators.run("iscsi-ls", "-i", NODE_1, "-s", "iscsi://bm-vol-1%" + SECRET + "@" + host.portal());
        assertTrue(ls.output().contains("Lun:0    Type:STORAGE_ARRAY_CONTROLLER"), ls.output());

        Initiators.Result refused = Initiators.run("iscsi-inq", "-i", NODE_2, url(SECRET));
        assertNotEquals(0, refused.exit(), refused.output());
        assertTrue(refused.output().contains("Target not found"), refused.output());
        Initiators.Result wrong = Initiators.run("iscsi-inq", "-i", NODE_1, url("wrong-secret-1234"));
        assertNotEquals(0, wrong.exit(), wrong.output());
        assertTrue(wrong.output().contains("Authentication failure"), wrong.output());
        Initiators.Result none = Initiators.run("iscsi-inq", "-i", NODE_1, "iscsi://" + host.portal() + "/" + TARGET + "/1");
        assertTrue(none.output().contains("Authentication failure"), none.output());

        host.faults().refuseIscsiLogin();
        Initiators.Result busy = Initiators.run("iscsi-inq", "-i", NODE_1, url(SECRET));
        assertNotEquals(0, busy.exit(), busy.output());
        host.faults().acceptIscsiLogin();

        Initiators.Result cap = Initiators.run("iscsi-readcapacity16", "-i", NODE_1, url(SECRET));
        assertTrue(cap.ok() && cap.output().contains("Total size:" + (64L << 20)), cap.output());
    }

    @Test
    void qemuWritesAndReadsBackTheSameBytes() throws Exception {
        exportVolume(16L << 20, true);
        Path password = tmp.resolve("chap");
        Files.writeString(password, SECRET);
        String opts = "driver=iscsi,transport=tcp,portal=" + host.portal() + ",target=" + TARGET
                + ",lun=1,initiator-name=" + NODE_1 + ",user=bm-vol-1,password-secret=chap";
        String object = "secret,id=chap,file=" + password;
        byte[] image = new byte[3 << 20];
        new Random(6).nextBytes(image);
        Path in = tmp.resolve("image.raw");
        Files.write(in, image);
        Initiators.Result write = Initiators.run("qemu-img", "convert", "-n", "-f", "raw", in.toString(), "--object", object,
                "--target-image-opts", opts);
        assertTrue(write.ok(), write.output());
        assertArrayEquals(image, java.util.Arrays.copyOf(host.readFile("/srv/volumes/vol-1.vol").orElseThrow(), image.length));

        Path out = tmp.resolve("read-back.raw");
        Initiators.Result read = Initiators.run("qemu-img", "convert", "--object", object, "--image-opts", opts, "-O", "raw",
                out.toString());
        assertTrue(read.ok(), read.output());
        byte[] back = Files.readAllBytes(out);
        assertEquals(16L << 20, back.length);
        assertArrayEquals(image, java.util.Arrays.copyOf(back, image.length));

        // qemu-io: a write at an odd place, read back and compared by qemu itself (-P checks the pattern)
        Initiators.Result io = Initiators.run("qemu-io", "--object", object, "--image-opts", opts,
                "-c", "write -P 0xa5 5120 70000", "-c", "read -P 0xa5 5120 70000", "-c", "flush");
        assertTrue(io.ok() && !io.output().contains("Pattern verification failed"), io.output());
        byte[] file = host.readFile("/srv/volumes/vol-1.vol").orElseThrow();
        for (int i = 5120; i < 5120 + 70000; i++) {
            assertEquals((byte) 0xa5, file[i], "byte " + i);
        }
    }

    @Test
    void aTargetDeletedWithForceDropsItsSessionAndDisappears() throws Exception {
        exportVolume(4L << 20, false);
        Initiators.Result inq = Initiators.run("iscsi-inq", "-i", NODE_1, "iscsi://" + host.portal() + "/" + TARGET + "/1");
        assertTrue(inq.ok(), inq.output());
        sh("tgtadm --lld iscsi --mode target --op delete --force --tid 1");
        Initiators.Result gone = Initiators.run("iscsi-ls", "-i", NODE_1, "-s", "iscsi://" + host.portal());
        assertFalse(gone.output().contains(TARGET), gone.output());
    }
}
