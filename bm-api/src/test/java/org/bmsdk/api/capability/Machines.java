package org.bmsdk.api.capability;

import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;

/** Short ways to write the hardware that tests match against. */
final class Machines {

    static final long GIB = 1L << 30;
    static final long TB = 1_000_000_000_000L;
    static final long GB = 1_000_000_000L;

    private static int serial;

    private Machines() {
    }

    static Cpu xeon(int cores) {
        return new Cpu("x86_64", "Intel(R) Xeon(R) Gold 6348", cores, cores * 2);
    }

    static Cpu ampere(int cores) {
        return new Cpu("aarch64", "Ampere Altra Q80-30", cores, cores);
    }

    static Disk disk(DiskMedia media, long bytes) {
        DiskProtocol protocol = media == DiskMedia.NVME ? DiskProtocol.NVME : DiskProtocol.SATA;
        return new Disk("Disk." + next(), media, protocol, bytes, "");
    }

    static Nic nic(long mbps, LinkType type, boolean rdma) {
        int n = next();
        String mac = String.format("02:00:00:00:%02x:%02x", (n >> 8) & 0xff, n & 0xff);
        return new Nic("NIC." + n, MacAddress.of(mac), mbps, type, rdma);
    }

    static HardwareInventory.Builder inventory(long memoryGib, Cpu... cpus) {
        HardwareInventory.Builder b = HardwareInventory.builder().memoryMib(memoryGib * 1024);
        for (Cpu c : cpus) {
            b.cpu(c);
        }
        return b;
    }

    static Node node(String name, HardwareInventory inventory) {
        return Node.builder(NodeId.of(name)).inventory(inventory).build();
    }

    private static synchronized int next() {
        return ++serial;
    }
}
