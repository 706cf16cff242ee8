package org.bmsdk.api.capability;

import static org.bmsdk.api.capability.Machines.GB;
import static org.bmsdk.api.capability.Machines.TB;
import static org.bmsdk.api.capability.Machines.ampere;
import static org.bmsdk.api.capability.Machines.disk;
import static org.bmsdk.api.capability.Machines.inventory;
import static org.bmsdk.api.capability.Machines.nic;
import static org.bmsdk.api.capability.Machines.xeon;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.junit.jupiter.api.Test;

class RequirementsMatchTest {

    private static final HardwareInventory HDD_AND_SMALL_SSD = inventory(128, xeon(16), xeon(16))
            .disk(disk(DiskMedia.HDD, 2 * TB))
            .disk(disk(DiskMedia.SSD, 500 * GB))
            .nic(nic(25_000, LinkType.ETHERNET, false))
            .build();

    private static boolean matches(String requirements, HardwareInventory machine) {
        Requirements r = Requirements.parse(requirements);
        boolean matches = r.matches(machine);
        assertEquals(matches, r.unmet(machine).isEmpty(), () -> "matches() and unmet() disagree: " + r.unmet(machine));
        return matches;
    }

    @Test
    void countsCoresAndThreadsOverAllSockets() {
        assertTrue(matches("cpu.cores >= 32", HDD_AND_SMALL_SSD));
        assertFalse(matches("cpu.cores >= 33", HDD_AND_SMALL_SSD));
        assertTrue(matches("cpu.threads == 64", HDD_AND_SMALL_SSD));
    }

    @Test
    void comparesMemoryInBytes() {
        assertTrue(matches("memory >= 128GiB", HDD_AND_SMALL_SSD));
        assertTrue(matches("memory == 131072MiB", HDD_AND_SMALL_SSD));
        assertFalse(matches("memory >= 256GiB", HDD_AND_SMALL_SSD));
        // 128GiB is 137.4GB: the SI and IEC units are not interchangeable.
        assertTrue(matches("memory > 137GB", HDD_AND_SMALL_SSD));
        assertFalse(matches("memory > 138GB", HDD_AND_SMALL_SSD));
    }

    @Test
    void diskConditionsHoldForOneAndTheSameDisk() {
        assertFalse(matches("disk.media == SSD and disk.size >= 1TB", HDD_AND_SMALL_SSD));
        assertFalse(matches("disk.media == SSD and memory >= 1GiB and disk.size >= 1TB", HDD_AND_SMALL_SSD));
        assertTrue(matches("disk.media == HDD and disk.size >= 1TB", HDD_AND_SMALL_SSD));
        assertTrue(matches("disk.media == SSD and disk.size >= 500GB", HDD_AND_SMALL_SSD));
        assertTrue(matches("disk.media == SSD", HDD_AND_SMALL_SSD));
        assertTrue(matches("disk.size >= 1TB", HDD_AND_SMALL_SSD));
        HardwareInventory withBigSsd = HDD_AND_SMALL_SSD.toBuilder().disk(disk(DiskMedia.SSD, 2 * TB)).build();
        assertTrue(matches("disk.media == SSD and disk.size >= 1TB", withBigSsd));
    }

    @Test
    void diskTotalSumsAllDisks() {
        assertTrue(matches("disk.total >= 2.5TB", HDD_AND_SMALL_SSD));
        assertFalse(matches("disk.total > 2.5TB", HDD_AND_SMALL_SSD));
    }

    @Test
    void countsDevicesThatSatisfyAllOfTheFilter() {
        HardwareInventory twoNvme = inventory(64, xeon(8))
                .disk(disk(DiskMedia.NVME, TB)).disk(disk(DiskMedia.NVME, 4 * TB)).disk(disk(DiskMedia.HDD, TB))
                .nic(nic(100_000, LinkType.ETHERNET, true)).nic(nic(100_000, LinkType.INFINIBAND, true))
                .build();
        assertTrue(matches("count(disk.media == NVMe) >= 2", twoNvme));
        assertFalse(matches("count(disk.media == NVMe) >= 2", HDD_AND_SMALL_SSD));
        assertFalse(matches("count(disk.media == NVMe and disk.size >= 2TB) >= 2", twoNvme));
        assertTrue(matches("count(disk) == 3 and count(nic) == 2", twoNvme));
        assertFalse(matches("count(nic.speed >= 100G and nic.type == Ethernet) >= 2", twoNvme));
        assertTrue(matches("count(nic.speed >= 100G and nic.rdma == true) >= 2", twoNvme));
        assertTrue(matches("disk.protocol == NVMe", twoNvme));
    }

    @Test
    void readsNicSpeedTypeAndRoce() {
        HardwareInventory ib = inventory(64, xeon(8))
                .nic(nic(1_000, LinkType.ETHERNET, false))
                .nic(nic(200_000, LinkType.INFINIBAND, true))
                .build();
        assertTrue(matches("nic.speed >= 25G", HDD_AND_SMALL_SSD));
        assertFalse(matches("nic.speed > 25000", HDD_AND_SMALL_SSD));
        assertTrue(matches("nic.type == InfiniBand", ib));
        assertFalse(matches("nic.type == InfiniBand", HDD_AND_SMALL_SSD));
        // InfiniBand does RDMA, but RoCE is RDMA over Ethernet.
        assertFalse(matches("nic.roce == true", ib));
        assertTrue(matches("nic.rdma == true and nic.speed >= 200G", ib));
        assertFalse(matches("nic.type == Ethernet and nic.speed >= 25G", ib));
    }

    @Test
    void archHoldsForEverySocket() {
        HardwareInventory arm = inventory(64, ampere(80)).build();
        assertTrue(matches("arch in (x86_64, aarch64)", arm));
        assertTrue(matches("arch in (x86_64, aarch64)", HDD_AND_SMALL_SSD));
        assertFalse(matches("arch in (ppc64le)", arm));
        assertTrue(matches("cpu.arch == arm64", arm));
        assertTrue(matches("cpu.arch != x86_64", arm));
        assertTrue(matches("cpu.model == 'ampere altra q80-30'", arm));
        HardwareInventory noCpu = HardwareInventory.builder().build();
        assertFalse(matches("cpu.arch != x86_64", noCpu));
    }

    @Test
    void traitsAreExact() {
        HardwareInventory gpu = HDD_AND_SMALL_SSD.toBuilder().trait("CUSTOM_GPU_A100").build();
        assertTrue(matches("trait CUSTOM_GPU_A100", gpu));
        assertFalse(matches("trait CUSTOM_GPU_A100", HDD_AND_SMALL_SSD));
        assertFalse(matches("trait custom_gpu_a100", gpu));
        assertFalse(matches("not trait CUSTOM_GPU_A100", gpu));
        assertTrue(matches("not trait CUSTOM_GPU_A100", HDD_AND_SMALL_SSD));
    }

    @Test
    void resourceClassIsTheNodes() {
        Node node = Node.builder(NodeId.of("n1")).inventory(HDD_AND_SMALL_SSD).resourceClass("baremetal-gpu").build();
        Requirements r = Requirements.parse("resource_class == baremetal-gpu");
        assertTrue(r.matches(node));
        assertTrue(Requirements.parse("resource_class == CUSTOM_BAREMETAL_GPU").matches(node));
        assertFalse(Requirements.parse("resource_class == baremetal").matches(node));
        assertFalse(r.matches(HDD_AND_SMALL_SSD));
        assertEquals(List.of("resource_class == baremetal-gpu: found none"), r.unmet(HDD_AND_SMALL_SSD));
    }

    @Test
    void noneMatchesEverything() {
        assertTrue(Requirements.none().matches(HardwareInventory.builder().build()));
        assertTrue(Requirements.none().unmet(HDD_AND_SMALL_SSD).isEmpty());
    }

    @Test
    void unmetNamesEachFailingConditionOnce() {
        Requirements r = Requirements.parse("disk.media == SSD and cpu.cores >= 64 and memory >= 256GiB and disk.size >= 1TB"
                + " and count(disk.media == NVMe) >= 2 and trait CUSTOM_GPU_A100 and arch == aarch64 and nic.type == InfiniBand"
                + " and cpu.threads >= 1");
        assertEquals(List.of(
                "disk.media == SSD and disk.size >= 1TB: no single disk has all of these; found 2TB HDD SATA, 500GB SSD SATA",
                "cpu.cores >= 64: found 32",
                "memory >= 256GiB: found 128GiB",
                "count(disk.media == NVMe) >= 2: found 0",
                "trait CUSTOM_GPU_A100: missing",
                "cpu.arch == aarch64: found x86_64",
                "nic.type == InfiniBand: no single NIC has it; found 25G Ethernet"),
                r.unmet(HDD_AND_SMALL_SSD));
        assertEquals(List.of("disk.size >= 1GB: no single disk has it; found no disks"),
                Requirements.parse("disk.size >= 1GB").unmet(HardwareInventory.builder().build()));
        assertEquals(List.of("cpu.arch == x86_64: found no CPU"),
                Requirements.parse("arch == x86_64").unmet(HardwareInventory.builder().build()));
    }
}
