package org.bmsdk.testkit.ramdisk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.testkit.machine.DiskContents;
import org.bmsdk.testkit.machine.DiskSpec;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.NicSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ramdisk's commands, run through its shell as an SSH exec channel runs them, on a machine booted into the ramdisk. */
class RamdiskShellTest {

    static final long GIB = 1L << 30;

    ManualClock clock;
    SimulatedMachine machine;
    RamdiskShell shell;

    /** What a command line left behind. */
    record Run(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static MachineSpec spec() {
        return MachineSpec.builder("node-7")
                .postTime(Duration.ofSeconds(1))
                .bootTime(Duration.ofSeconds(2))
                .disk(DiskSpec.of("Disk.Bay.0", DiskMedia.HDD, DiskProtocol.SAS, 8_000_000_000_000L)
                        .withInitialContents(DiskContents.pattern(7)).withSerial("ZA1"))
                .disk(DiskSpec.of("nvme0n1", DiskMedia.NVME, DiskProtocol.NVME, 4 * GIB))
                .disk(DiskSpec.of("Disk.Bay.1", DiskMedia.SSD, DiskProtocol.SATA, 480_103_981_056L))
                .nic(NicSpec.of("eth0", MacAddress.of("02:00:00:00:07:01"), 25_000)
                        .withCable(LocalLinkConnection.of("tor-1", "Ethernet1/7")))
                .nic(NicSpec.of("NIC.Slot.1-1", MacAddress.of("02:00:00:00:07:02"), 25_000)
                        .withCable(new LocalLinkConnection("aa:bb:cc:00:00:01", "xe-0/0/7", "tor-2")))
                .nic(NicSpec.of("NIC.Slot.1-2", MacAddress.of("02:00:00:00:07:03"), 25_000))
                .build();
    }

    @BeforeEach
    void boot() {
        clock = ManualClock.create(Instant.parse("2026-01-01T00:00:00Z"));
        machine = SimulatedMachine.create(spec(), clock);
        machine.setBootOverride(BootOverride.once(BootDevice.PXE));
        machine.powerOn();
        clock.advance(Duration.ofSeconds(3 + 316));
        shell = new RamdiskShell(new RamdiskHost(machine));
    }

    @AfterEach
    void close() {
        machine.close();
    }

    Run run(String line) throws Exception {
        return run(line, new byte[0]);
    }

    Run run(String line, byte[] stdin) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = shell.run(line, new ByteArrayInputStream(stdin), out, err);
        return new Run(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void lsblkNamesTheDisksAsTheKernelDoes() throws Exception {
        Run r = run("lsblk --bytes --nodeps --noheadings --pairs --output NAME,SIZE,ROTA,TYPE");
        assertEquals(0, r.status(), r.stderr());
        assertEquals("NAME=\"sda\" SIZE=\"8000000000000\" ROTA=\"1\" TYPE=\"disk\"\n"
                + "NAME=\"nvme0n1\" SIZE=\"4294967296\" ROTA=\"0\" TYPE=\"disk\"\n"
                + "NAME=\"sdb\" SIZE=\"480103981056\" ROTA=\"0\" TYPE=\"disk\"\n", r.out());
        Run table = run("lsblk -d -o NAME,SIZE,ROTA,TYPE,SERIAL");
        assertEquals("NAME      SIZE ROTA TYPE SERIAL\n"
                + "sda       7.3T    1 disk ZA1\n"
                + "nvme0n1     4G    0 disk\n"
                + "sdb     447.1G    0 disk\n", table.out());
        assertEquals("lsblk: /dev/sdz: not a block device\n", run("lsblk /dev/sdz").stderr());
    }

    @Test
    void catStreamsADiskAndDdWritesItBack() throws Exception {
        machine.disk("nvme0n1").write(4 * GIB - 3, new byte[] {1, 2, 3});
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        long[] count = new long[1];
        java.io.OutputStream hashing = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                sha.update(b, off, len);
                count[0] += len;
            }
        };
        assertEquals(0, shell.run("cat /dev/nvme0n1", new ByteArrayInputStream(new byte[0]), hashing, new ByteArrayOutputStream()));
        assertEquals(4 * GIB, count[0]);
        assertEquals(machine.disk("nvme0n1").sha256(), java.util.HexFormat.of().formatHex(sha.digest()));
        byte[] image = new byte[3 << 20];
        Arrays.fill(image, (byte) 0x5a);
        image[17] = 1;
        Run dd = run("dd of=/dev/nvme0n1 bs=4M conv=fsync status=none", image);
        assertEquals(0, dd.status(), dd.stderr());
        assertEquals("", dd.stderr());
        assertArrayEquals(image, machine.disk("nvme0n1").read(0, image.length));
        Run size = run("blockdev --getsize64 /dev/sdb 2>/dev/null || stat -L -c %s /dev/sdb");
        assertEquals("480103981056\n", size.out());
        Run missing = run("blockdev --getsize64 /dev/sdq 2>/dev/null || stat -L -c %s /dev/sdq");
        assertEquals(1, missing.status());
        assertEquals("stat: cannot statx '/dev/sdq': No such file or directory\n", missing.stderr());
    }

    @Test
    void ddFromZeroErasesAHugeDiskAtOnceAndCmpProvesIt() throws Exception {
        long size = 8_000_000_000_000L;
        Run before = run("cmp -n " + size + " /dev/sda /dev/zero");
        assertEquals(1, before.status());
        assertTrue(before.out().startsWith("/dev/sda /dev/zero differ: byte "), before.out());
        Run erase = run("dd if=/dev/zero of=/dev/sda bs=4M count=" + size + " iflag=count_bytes conv=notrunc,fsync status=none");
        assertEquals(0, erase.status(), erase.stderr());
        assertTrue(machine.disk("Disk.Bay.0").isZeroed());
        assertEquals(0, run("cmp -n " + size + " /dev/sda /dev/zero").status());
        machine.disk("Disk.Bay.0").write(size - 1, new byte[] {9});
        Run after = run("cmp -n " + size + " /dev/sda /dev/zero");
        assertEquals("/dev/sda /dev/zero differ: byte " + size + ", line 1\n", after.out());
    }

    @Test
    void ddWithoutACountRunsOutOfSpaceAsOnAReadDevice() throws Exception {
        Run r = run("dd if=/dev/zero of=/dev/nvme0n1 bs=1M");
        assertEquals(1, r.status());
        assertTrue(r.stderr().startsWith("dd: error writing '/dev/nvme0n1': No space left on device\n4097+0 records in\n4096+0 records out\n"
                + "4294967296 bytes (4.3 GB, 4.0 GiB) copied, "), r.stderr());
        assertTrue(machine.disk("nvme0n1").isZeroed());
        Run tooFar = run("cmp -n 5000000000 /dev/nvme0n1 /dev/zero");
        assertEquals(1, tooFar.status());
        assertEquals("cmp: EOF on /dev/nvme0n1 after byte 4294967296, in line 1\n", tooFar.stderr());
    }

    @Test
    void blkdiscardZeroesAndRefusesPlainDiscardOnAnHdd() throws Exception {
        assertEquals(1, run("blkdiscard /dev/sda").status());
        assertFalse(machine.disk("Disk.Bay.0").isZeroed());
        assertEquals(0, run("blkdiscard -z /dev/sda").status());
        assertTrue(machine.disk("Disk.Bay.0").isZeroed());
    }

    @Test
    void lldpctlNamesTheSwitchAndPortOfEachCabledNic() throws Exception {
        Run r = run("lldpctl -f keyvalue");
        assertEquals(0, r.status(), r.stderr());
        assertEquals("lldp.eth0.via=LLDP\n"
                + "lldp.eth0.rid=1\n"
                + "lldp.eth0.age=0 day, 00:05:18\n"
                + "lldp.eth0.chassis.local=tor-1\n"
                + "lldp.eth0.chassis.name=tor-1\n"
                + "lldp.eth0.chassis.descr=bm-testkit simulated switch\n"
                + "lldp.eth0.chassis.Bridge.enabled=on\n"
                + "lldp.eth0.chassis.Router.enabled=off\n"
                + "lldp.eth0.port.ifname=Ethernet1/7\n"
                + "lldp.eth0.port.descr=Ethernet1/7\n"
                + "lldp.eth0.port.auto-negotiation.supported=no\n"
                + "lldp.eth1.via=LLDP\n"
                + "lldp.eth1.rid=2\n"
                + "lldp.eth1.age=0 day, 00:05:18\n"
                + "lldp.eth1.chassis.mac=aa:bb:cc:00:00:01\n"
                + "lldp.eth1.chassis.name=tor-2\n"
                + "lldp.eth1.chassis.descr=bm-testkit simulated switch\n"
                + "lldp.eth1.chassis.Bridge.enabled=on\n"
                + "lldp.eth1.chassis.Router.enabled=off\n"
                + "lldp.eth1.port.ifname=xe-0/0/7\n"
                + "lldp.eth1.port.descr=xe-0/0/7\n"
                + "lldp.eth1.port.auto-negotiation.supported=no\n", r.out());
        Run ip = run("ip -o link show");
        assertTrue(ip.out().contains("\n3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT "
                + "group default qlen 1000\\    link/ether 02:00:00:00:07:02 brd ff:ff:ff:ff:ff:ff\n"), ip.out());
        assertTrue(ip.out().contains("\n4: eth2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc mq state DOWN"), ip.out());
    }

    @Test
    void theShellRunsListsAndRefusesWhatItDoesNotKnow() throws Exception {
        assertEquals("node-7\n", run("hostname && echo yes || echo no").out().lines().findFirst().orElseThrow() + "\n");
        assertEquals("node-7\nyes\n", run("hostname && echo yes || echo no").out());
        assertEquals("no\n", run("false && echo yes || echo no").out());
        Run unknown = run("mkfs.ext4 /dev/sda");
        assertEquals(127, unknown.status());
        assertEquals("bash: line 1: mkfs.ext4: command not found\n", unknown.stderr());
        Run pipe = run("cat /dev/sda | sha256sum");
        assertEquals(2, pipe.status());
        assertTrue(pipe.stderr().startsWith("bash: -c: line 1: syntax error near unexpected token `|'"), pipe.stderr());
        assertEquals(3, run("exit 3; echo never").status());
        assertEquals("", run("cat /dev/sdq 2>/dev/null").stderr());
        assertEquals("cat: /dev/sdq: No such file or directory\n", run("cat /dev/sdq 2>&1").out());
    }
}
