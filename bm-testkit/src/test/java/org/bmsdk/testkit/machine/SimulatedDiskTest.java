package org.bmsdk.testkit.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.junit.jupiter.api.Test;

class SimulatedDiskTest {

    private static final long TERABYTE = 1L << 40;

    @Test
    void aTerabyteDiskCostsOnlyWhatIsWritten() {
        SimulatedDisk disk = new SimulatedDisk(DiskSpec.of("nvme0", DiskMedia.NVME, DiskProtocol.NVME, TERABYTE));
        byte[] data = "the tenant's data".getBytes(StandardCharsets.UTF_8);
        long nearEnd = TERABYTE - 10;
        long acrossBlocks = 5L * SimulatedDisk.BLOCK_SIZE - 3;

        disk.write(0, data, 0, 8);
        disk.write(acrossBlocks, data);
        byte[] tail = new byte[10];
        disk.write(nearEnd, tail);

        assertArrayEquals(new byte[] {'t', 'h', 'e', ' ', 't', 'e', 'n', 'a', 0}, disk.read(0, 9));
        assertArrayEquals(data, disk.read(acrossBlocks, data.length));
        assertArrayEquals(new byte[100], disk.read(TERABYTE / 2, 100), "unwritten reads as zeros");
        assertEquals(4L * SimulatedDisk.BLOCK_SIZE, disk.allocatedBytes());
        assertFalse(disk.isZeroed());
    }

    @Test
    void secureEraseZeroesEverythingAndFreesMemory() {
        SimulatedDisk disk = new SimulatedDisk(DiskSpec.of("sda", DiskMedia.HDD, DiskProtocol.SAS, TERABYTE)
                .withInitialContents(DiskContents.pattern(42)));
        assertFalse(disk.isZeroed(), "the previous tenant's data");
        disk.write(123_456_789L, new byte[] {1, 2, 3});

        disk.secureErase();

        assertTrue(disk.isZeroed());
        assertEquals(0, disk.allocatedBytes());
        assertArrayEquals(new byte[4096], disk.read(123_456_000L, 4096));
    }

    @Test
    void writingZerosOverAPatternLeavesAZeroedDisk() {
        SimulatedDisk disk = new SimulatedDisk(DiskSpec.of("sda", DiskMedia.SSD, DiskProtocol.SATA, 100)
                .withInitialContents(DiskContents.pattern(7)));
        disk.write(0, new byte[100]);
        assertFalse(disk.isZeroed(), "the pattern is still the base, though overwritten; a wipe is an erase");
        assertArrayEquals(new byte[100], disk.read(0, 100));
    }

    @Test
    void aPatternDiskReadsTheSameBytesAsItsContents() {
        DiskContents pattern = DiskContents.pattern(99);
        SimulatedDisk disk = new SimulatedDisk(DiskSpec.of("sda", DiskMedia.SSD, DiskProtocol.SATA, TERABYTE)
                .withInitialContents(pattern));
        long offset = TERABYTE - 1000 - 3;

        byte[] read = disk.read(offset, 1000);

        for (int i = 0; i < read.length; i++) {
            assertEquals(pattern.byteAt(offset + i), read[i]);
        }
        assertNotEquals(new String(new byte[1000], StandardCharsets.ISO_8859_1),
                new String(read, StandardCharsets.ISO_8859_1));
        assertArrayEquals(read, new SimulatedDisk(disk.spec()).read(offset, 1000), "same seed, same bytes");
    }

    @Test
    void sha256MatchesTheJdkOverWrittenAndUnwrittenBytes() throws Exception {
        SimulatedDisk disk = new SimulatedDisk(DiskSpec.of("sda", DiskMedia.SSD, DiskProtocol.SATA,
                3L * SimulatedDisk.BLOCK_SIZE + 17).withInitialContents(DiskContents.pattern(1)));
        disk.write(SimulatedDisk.BLOCK_SIZE - 2, new byte[] {9, 9, 9, 9});
        byte[] all = disk.read(0, (int) disk.sizeBytes());

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all));

        assertEquals(expected, disk.sha256());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[0])),
                disk.sha256(5, 0));
    }

    @Test
    void refusesRangesOutsideTheDisk() {
        SimulatedDisk disk = new SimulatedDisk(DiskSpec.of("sda", DiskMedia.SSD, DiskProtocol.SATA, 1000));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> disk.write(999, new byte[2]));
        assertEquals("disk sda has 1000 bytes, but the range was offset 999, length 2", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> disk.read(-1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> disk.read(Long.MAX_VALUE, 1));
        assertEquals(0, disk.read(1000, 0).length);
    }

    @Test
    void machinesExposeTheirDisksByName() {
        try (SimulatedMachine machine = SimulatedMachine.create(Machines.spec()
                .disk(DiskSpec.of("a", DiskMedia.SSD, DiskProtocol.SATA, 1000))
                .disk(DiskSpec.of("b", DiskMedia.HDD, DiskProtocol.SAS, 2000)).build(),
                org.bmsdk.testkit.time.ManualClock.create())) {
            assertEquals(2000, machine.disk("b").sizeBytes());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> machine.disk("c"));
            assertEquals("machine node-1 has no disk 'c'; it has [a, b]", e.getMessage());
        }
    }
}
