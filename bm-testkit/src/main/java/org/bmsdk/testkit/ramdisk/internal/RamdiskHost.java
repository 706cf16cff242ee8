package org.bmsdk.testkit.ramdisk.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.testkit.machine.BootInfo;
import org.bmsdk.testkit.machine.BootedImage;
import org.bmsdk.testkit.machine.NicSpec;
import org.bmsdk.testkit.machine.SimulatedDisk;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * The machine as the ramdisk's kernel sees it: its disks as block devices named the way Linux
 * names them, its NICs as network interfaces. A disk or NIC whose name in the spec is already a
 * kernel name ({@code sda}, {@code nvme0n1}, {@code eth0}) keeps it; the others get the next free
 * one of their kind, in spec order, so the names are stable for a spec.
 */
public final class RamdiskHost {

    private static final Pattern KERNEL_DISK = Pattern.compile("sd[a-z]{1,2}|nvme\\d{1,3}n\\d{1,3}|vd[a-z]{1,2}|hd[a-z]");
    private static final Pattern KERNEL_NIC = Pattern.compile("[a-z][a-z0-9]{0,14}");

    /**
     * A block device.
     *
     * @param name the kernel's name, such as {@code sda}
     * @param disk the disk behind it, or null for the virtual CD-ROM ({@code sr0})
     * @param major the device's major number
     * @param minor the device's minor number
     */
    public record Device(String name, SimulatedDisk disk, int major, int minor) {
        /** @return {@code /dev/NAME} */
        public String path() {
            return "/dev/" + name;
        }

        /** @return the size in bytes */
        public long size() {
            return disk == null ? 0 : disk.sizeBytes();
        }

        /** @return whether the kernel calls it rotational */
        public boolean rotational() {
            return disk != null && disk.spec().media() == DiskMedia.HDD;
        }
    }

    /**
     * A network interface.
     *
     * @param name the kernel's name, such as {@code eth0}
     * @param nic the NIC behind it
     */
    public record Interface(String name, NicSpec nic) {
    }

    private final SimulatedMachine machine;
    private final List<Device> disks;
    private final List<Interface> interfaces;

    /**
     * The view of a machine.
     *
     * @param machine the machine
     */
    public RamdiskHost(SimulatedMachine machine) {
        this.machine = machine;
        this.disks = nameDisks(machine.disks());
        this.interfaces = nameInterfaces(machine.nics());
    }

    /** @return the machine */
    public SimulatedMachine machine() {
        return machine;
    }

    /** @return the host name */
    public String hostname() {
        return machine.name();
    }

    /** @return the block devices now: the disks, and {@code sr0} while booted from virtual media */
    public List<Device> devices() {
        Optional<BootInfo> boot = machine.currentBoot();
        if (boot.isPresent() && boot.get().image() == BootedImage.VIRTUAL_MEDIA) {
            List<Device> all = new ArrayList<>(disks);
            all.add(new Device("sr0", null, 11, 0));
            return all;
        }
        return disks;
    }

    /** @return the disks' devices, in spec order */
    public List<Device> disks() {
        return disks;
    }

    /**
     * A block device by path.
     *
     * @param path such as {@code /dev/sda}
     * @return the device, if there is one of that path
     */
    public Optional<Device> device(String path) {
        return devices().stream().filter(d -> d.path().equals(path)).findFirst();
    }

    /** @return the network interfaces, in spec order, without {@code lo} */
    public List<Interface> interfaces() {
        return interfaces;
    }

    /** @return how long the current boot has run, zero when it has not */
    public Duration uptime() {
        Instant now = machine.clock().instant();
        return machine.currentBoot().map(b -> Duration.between(b.at(), now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    static List<Device> nameDisks(List<SimulatedDisk> all) {
        Set<String> taken = new HashSet<>();
        String[] names = new String[all.size()];
        for (int i = 0; i < all.size(); i++) {
            String n = all.get(i).name();
            if (KERNEL_DISK.matcher(n).matches() && taken.add(n)) {
                names[i] = n;
            }
        }
        for (int i = 0; i < all.size(); i++) {
            if (names[i] == null) {
                names[i] = nextFree(all.get(i).spec().protocol() == DiskProtocol.NVME, taken);
                taken.add(names[i]);
            }
        }
        List<Device> devices = new ArrayList<>();
        int nvme = 0;
        for (int i = 0; i < all.size(); i++) {
            String n = names[i];
            if (n.startsWith("sd")) {
                devices.add(new Device(n, all.get(i), 8, 16 * scsiIndex(n.substring(2))));
            } else {
                devices.add(new Device(n, all.get(i), n.startsWith("nvme") ? 259 : 252, n.startsWith("nvme") ? nvme++ : 16 * i));
            }
        }
        return List.copyOf(devices);
    }

    private static String nextFree(boolean nvme, Set<String> taken) {
        for (int k = 0; ; k++) {
            String n = nvme ? "nvme" + k + "n1" : "sd" + scsiLetters(k);
            if (!taken.contains(n)) {
                return n;
            }
        }
    }

    /** sda, ..., sdz, sdaa, ... as the kernel names SCSI disks. */
    static String scsiLetters(int k) {
        return k < 26 ? String.valueOf((char) ('a' + k)) : scsiLetters(k / 26 - 1) + (char) ('a' + k % 26);
    }

    private static int scsiIndex(String letters) {
        int v = 0;
        for (char c : letters.toCharArray()) {
            v = v * 26 + (c - 'a' + 1);
        }
        return v - 1;
    }

    static List<Interface> nameInterfaces(List<NicSpec> nics) {
        Set<String> taken = new HashSet<>();
        taken.add("lo");
        String[] names = new String[nics.size()];
        for (int i = 0; i < nics.size(); i++) {
            String n = nics.get(i).name();
            if (KERNEL_NIC.matcher(n).matches() && taken.add(n)) {
                names[i] = n;
            }
        }
        List<Interface> result = new ArrayList<>();
        for (int i = 0; i < nics.size(); i++) {
            if (names[i] == null) {
                String prefix = nics.get(i).linkType() == LinkType.INFINIBAND ? "ib" : "eth";
                int k = 0;
                while (taken.contains(prefix + k)) {
                    k++;
                }
                names[i] = prefix + k;
                taken.add(names[i]);
            }
            result.add(new Interface(names[i], nics.get(i)));
        }
        return List.copyOf(result);
    }
}
