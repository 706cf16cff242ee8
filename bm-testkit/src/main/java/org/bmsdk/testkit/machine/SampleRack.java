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

    /** The names of the six machines, in rack order. */
    private static final List<String> NAMES = List.of("small-1", "general-1", "general-2", "storage-1", "hpc-1", "arm-1");

    /**
     * The machines, in rack order.
     *
     * @return six machine specs
     */
    public static List<MachineSpec> machines() {
        List<MachineSpec> rack = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            rack.add(machine(i, NAMES.get(i)));
        }
        return List.copyOf(rack);
    }

    /**
     * Machine {@code index} of a rack that repeats the six kinds in order (small, general, general,
     * storage, HPC, Arm), under another name: its MACs and disk serials derive from that name and
     * its two Ethernet ports are cabled to {@link #SWITCH} ports {@code 2*index+1} and
     * {@code 2*index+2}, so that the machines of a larger lab all differ. {@code machine(i,
     * name)} for {@code i < 6} is {@code machines().get(i)} but for the name.
     *
     * @param index the machine's place in the rack, from 0
     * @param name its name
     * @return the spec
     */
    public static MachineSpec machine(int index, String name) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, but was " + index);
        }
        int firstPort = 2 * index + 1;
        switch (index % NAMES.size()) {
            case 0:
                return machine(name, firstPort, 10_000, new Cpu("x86_64", "Intel Xeon E-2388G", 8, 16), 32)
                        .disk(disk(name, "sda", DiskMedia.SSD, DiskProtocol.SATA, 480 * GB))
                        .build();
            case 1:
                return machine(name, firstPort, 25_000, new Cpu("x86_64", "Intel Xeon Gold 6326", 16, 32), 128)
                        .cpu(new Cpu("x86_64", "Intel Xeon Gold 6326", 16, 32))
                        .disk(disk(name, "sda", DiskMedia.SSD, DiskProtocol.SATA, 960 * GB))
                        .disk(disk(name, "sdb", DiskMedia.SSD, DiskProtocol.SATA, 960 * GB))
                        .build();
            case 2:
                return machine(name, firstPort, 25_000, new Cpu("x86_64", "AMD EPYC 7413", 24, 48), 256)
                        .cpu(new Cpu("x86_64", "AMD EPYC 7413", 24, 48))
                        .disk(disk(name, "sda", DiskMedia.SSD, DiskProtocol.SAS, 1_920 * GB))
                        .disk(disk(name, "sdb", DiskMedia.SSD, DiskProtocol.SAS, 1_920 * GB))
                        .build();
            case 3: {
                MachineSpec.Builder storage = machine(name, firstPort, 25_000, new Cpu("x86_64", "Intel Xeon Silver 4314", 16, 32), 192)
                        .cpu(new Cpu("x86_64", "Intel Xeon Silver 4314", 16, 32))
                        .disk(disk(name, "nvme0n1", DiskMedia.NVME, DiskProtocol.NVME, 3_840 * GB))
                        .disk(disk(name, "nvme1n1", DiskMedia.NVME, DiskProtocol.NVME, 3_840 * GB));
                for (int i = 0; i < 8; i++) {
                    storage.disk(disk(name, "sd" + (char) ('a' + i), DiskMedia.HDD, DiskProtocol.SAS, 8 * TB));
                }
                return storage.build();
            }
            case 4:
                return machine(name, firstPort, 100_000, new Cpu("x86_64", "AMD EPYC 9354", 32, 64), 512)
                        .cpu(new Cpu("x86_64", "AMD EPYC 9354", 32, 64))
                        .disk(disk(name, "nvme0n1", DiskMedia.NVME, DiskProtocol.NVME, 3_840 * GB))
                        .disk(disk(name, "nvme1n1", DiskMedia.NVME, DiskProtocol.NVME, 3_840 * GB))
                        .nic(NicSpec.of("ib0", ipoib(name, 2), 200_000).withLink(LinkType.INFINIBAND, true))
                        .build();
            default:
                return machine(name, firstPort, 25_000, new Cpu("aarch64", "Ampere Altra Q80-30", 80, 80), 256)
                        .disk(disk(name, "nvme0n1", DiskMedia.NVME, DiskProtocol.NVME, 1_920 * GB))
                        .build();
        }
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

    /**
     * A machine with its first CPU socket and two Ethernet ports cabled to {@link #SWITCH}: 100G
     * with RoCE on the HPC node, 25G elsewhere, 10G on the smallest.
     */
    private static MachineSpec.Builder machine(String name, int firstPort, long speedMbps, Cpu cpu, long memoryGib) {
        return MachineSpec.builder(name)
                .cpu(cpu)
                .memoryMib(memoryGib * 1024)
                .nic(port(name, 0, firstPort, speedMbps))
                .nic(port(name, 1, firstPort + 1, speedMbps));
    }

    private static NicSpec port(String machine, int index, int switchPort, long speedMbps) {
        return NicSpec.of("eth" + index, MachineSpec.derivedMac(machine, index), speedMbps)
                .withLink(LinkType.ETHERNET, speedMbps >= 100_000)
                .withCable(LocalLinkConnection.of(SWITCH, "Ethernet1/" + switchPort));
    }
}
