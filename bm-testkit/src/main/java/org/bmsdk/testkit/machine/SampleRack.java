package org.bmsdk.testkit.machine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;

/**
 * Six machines of the kinds a real rack holds, from a small web server to an HPC node with
 * InfiniBand, cabled to switch {@code tor-1}. For tests and demos of selection by capability: each
 * is the best fit for some flavor and too small for another.
 */
public final class SampleRack {

    /** The switch every sample machine is cabled to. */
    public static final String SWITCH = "tor-1";

    private static final long GB = 1_000_000_000L;
    private static final long TB = 1_000_000_000_000L;

    private SampleRack() {
    }

    /**
     * The machines, in rack order.
     *
     * @return six machine specs
     */
    public static List<MachineSpec> machines() {
        List<MachineSpec> rack = new ArrayList<>();
        rack.add(machine("small-1", 1, new Cpu("x86_64", "Intel Xeon E-2388G", 8, 16), 32)
                .disk(disk("small-1", "sda", DiskMedia.SSD, DiskProtocol.SATA, 480 * GB))
                .build());
        rack.add(machine("general-1", 3, new Cpu("x86_64", "Intel Xeon Gold 6326", 16, 32), 128)
                .cpu(new Cpu("x86_64", "Intel Xeon Gold 6326", 16, 32))
                .disk(disk("general-1", "sda", DiskMedia.SSD, DiskProtocol.SATA, 960 * GB))
                .disk(disk("general-1", "sdb", DiskMedia.SSD, DiskProtocol.SATA, 960 * GB))
                .build());
        rack.add(machine("general-2", 5, new Cpu("x86_64", "AMD EPYC 7413", 24, 48), 256)
                .cpu(new Cpu("x86_64", "AMD EPYC 7413", 24, 48))
                .disk(disk("general-2", "sda", DiskMedia.SSD, DiskProtocol.SAS, 1_920 * GB))
                .disk(disk("general-2", "sdb", DiskMedia.SSD, DiskProtocol.SAS, 1_920 * GB))
                .build());
        MachineSpec.Builder storage = machine("storage-1", 7, new Cpu("x86_64", "Intel Xeon Silver 4314", 16, 32), 192)
                .cpu(new Cpu("x86_64", "Intel Xeon Silver 4314", 16, 32))
                .disk(disk("storage-1", "nvme0n1", DiskMedia.NVME, DiskProtocol.NVME, 3_840 * GB))
                .disk(disk("storage-1", "nvme1n1", DiskMedia.NVME, DiskProtocol.NVME, 3_840 * GB));
        for (int i = 0; i < 8; i++) {
            storage.disk(disk("storage-1", "sd" + (char) ('a' + i), DiskMedia.HDD, DiskProtocol.SAS, 8 * TB));
        }
        rack.add(storage.build());
        rack.add(machine("hpc-1", 9, new Cpu("x86_64", "AMD EPYC 9354", 32, 64), 512)
                .cpu(new Cpu("x86_64", "AMD EPYC 9354", 32, 64))
                .disk(disk("hpc-1", "nvme0n1", DiskMedia.NVME, DiskProtocol.NVME, 3_840 * GB))
                .disk(disk("hpc-1", "nvme1n1", DiskMedia.NVME, DiskProtocol.NVME, 3_840 * GB))
                .nic(NicSpec.of("ib0", ipoib("hpc-1", 2), 200_000).withLink(LinkType.INFINIBAND, true))
                .build());
        rack.add(machine("arm-1", 11, new Cpu("aarch64", "Ampere Altra Q80-30", 80, 80), 256)
                .disk(disk("arm-1", "nvme0n1", DiskMedia.NVME, DiskProtocol.NVME, 1_920 * GB))
                .build());
        return List.copyOf(rack);
    }

    /** A disk with a serial number derived from the machine and disk names, as stable as a real one. */
    private static DiskSpec disk(String machine, String name, DiskMedia media, DiskProtocol protocol, long sizeBytes) {
        CRC32 crc = new CRC32();
        crc.update((machine + "/" + name).getBytes(StandardCharsets.UTF_8));
        return DiskSpec.of(name, media, protocol, sizeBytes).withSerial(String.format(Locale.ROOT, "BMS%08X", crc.getValue()));
    }

    /**
     * The IPoIB hardware address of an InfiniBand port, 20 bytes: queue pair 0, the link-local GID
     * prefix, and a port GUID with Mellanox's OUI, unique per machine and port.
     */
    private static MacAddress ipoib(String machine, int index) {
        String mac = MachineSpec.derivedMac(machine, index).value(); // 02:aa:bb:cc:dd:ii
        return MacAddress.of("00:00:00:00:fe:80:00:00:00:00:00:00:00:02:c9:03:00" + mac.substring(8));
    }

    /** A machine with its first CPU socket and two Ethernet ports cabled to {@link #SWITCH}. */
    private static MachineSpec.Builder machine(String name, int firstPort, Cpu cpu, long memoryGib) {
        boolean fast = memoryGib >= 512;
        return MachineSpec.builder(name)
                .cpu(cpu)
                .memoryMib(memoryGib * 1024)
                .nic(port(name, 0, firstPort, fast))
                .nic(port(name, 1, firstPort + 1, fast));
    }

    /** An Ethernet port: 100G with RoCE on the HPC node, 25G elsewhere, 10G on the smallest. */
    private static NicSpec port(String machine, int index, int switchPort, boolean fast) {
        long speed = fast ? 100_000 : machine.startsWith("small") ? 10_000 : 25_000;
        return NicSpec.of("eth" + index, MachineSpec.derivedMac(machine, index), speed)
                .withLink(LinkType.ETHERNET, fast)
                .withCable(LocalLinkConnection.of(SWITCH, "Ethernet1/" + switchPort));
    }
}
