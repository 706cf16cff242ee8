package org.bmsdk.testkit.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;
import org.junit.jupiter.api.Test;

class MachineSpecTest {

    @Test
    void aNameIsEnoughForAWorkingMachine() {
        MachineSpec spec = MachineSpec.builder("node-7").build();

        HardwareInventory inventory = spec.toInventory();
        assertEquals(8, inventory.totalCores());
        assertEquals(16_384, inventory.memoryMib());
        assertEquals(100L << 30, inventory.totalDiskBytes());
        assertEquals(1, inventory.nics().size());
        assertEquals(MachineSpec.derivedMac("node-7", 0), inventory.nics().get(0).mac());
        assertNotEquals(MachineSpec.derivedMac("node-8", 0), MachineSpec.derivedMac("node-7", 0));
        assertTrue(spec.honoursAcpi());
        assertEquals(MachineSpec.DEFAULT_CONSOLE_CAPACITY, spec.consoleCapacity());
    }

    @Test
    void inventoryReportsTheHardwareAsSpecified() {
        MacAddress mac = MacAddress.of("aa:bb:cc:dd:ee:01");
        NicSpec roce = NicSpec.of("NIC.Slot.1-1", mac, 100_000).withLink(LinkType.ETHERNET, true)
                .withCable(LocalLinkConnection.of("tor-1", "Ethernet1/1"));
        MachineSpec spec = MachineSpec.builder("gpu-1")
                .cpu(new Cpu("AMD64", "EPYC 9654", 96, 192)).cpu(new Cpu("x86_64", "EPYC 9654", 96, 192))
                .memoryMib(1_572_864)
                .disk(DiskSpec.of("nvme0", DiskMedia.NVME, DiskProtocol.NVME, 3_840_000_000_000L).withSerial("S1"))
                .nic(roce)
                .build();

        HardwareInventory inventory = spec.toInventory();

        assertEquals(192, inventory.totalCores());
        assertEquals(1_572_864, inventory.memoryMib());
        assertEquals(new Disk("nvme0", DiskMedia.NVME, DiskProtocol.NVME, 3_840_000_000_000L, "S1"),
                inventory.disks().get(0));
        assertEquals(new Nic("NIC.Slot.1-1", mac, 100_000, LinkType.ETHERNET, true), inventory.nics().get(0));
        assertEquals(Optional.of(LocalLinkConnection.of("tor-1", "Ethernet1/1")), spec.nics().get(0).cabledTo());
    }

    @Test
    void toBuilderKeepsEverything() {
        MachineSpec spec = MachineSpec.builder("n").bootTime(Duration.ofMinutes(3)).honoursAcpi(false)
                .biosDefaults(Map.of("A", "1")).eventLogCapacity(7).build();
        MachineSpec copy = spec.toBuilder().build();
        assertEquals(Duration.ofMinutes(3), copy.bootTime());
        assertEquals(false, copy.honoursAcpi());
        assertEquals(Map.of("A", "1"), copy.biosDefaults());
        assertEquals(7, copy.eventLogCapacity());
        assertEquals(spec.toInventory(), copy.toInventory());
    }

    @Test
    void refusesBadValuesNamingThem() {
        assertEquals("machine name must not be blank",
                assertThrows(ConfigurationException.class, () -> MachineSpec.builder(" ")).getMessage());
        assertEquals("bootTime must not be negative, but was PT-1S", assertThrows(ConfigurationException.class,
                () -> MachineSpec.builder("n").bootTime(Duration.ofSeconds(-1))).getMessage());
        DiskSpec disk = DiskSpec.of("d", DiskMedia.SSD, DiskProtocol.SATA, 1);
        assertEquals("disk name must be unique, but 'd' appears twice", assertThrows(ConfigurationException.class,
                () -> MachineSpec.builder("n").disk(disk).disk(disk).build()).getMessage());
        MacAddress mac = MacAddress.of("aa:bb:cc:dd:ee:01");
        assertEquals("NIC MAC must be unique, but 'aa:bb:cc:dd:ee:01' appears twice",
                assertThrows(ConfigurationException.class, () -> MachineSpec.builder("n")
                        .nic(NicSpec.of("a", mac, 1)).nic(NicSpec.of("b", mac, 1)).build()).getMessage());
        assertEquals("sizeBytes must be positive, but was 0", assertThrows(IllegalArgumentException.class,
                () -> DiskSpec.of("d", DiskMedia.SSD, DiskProtocol.SATA, 0)).getMessage());
    }
}
