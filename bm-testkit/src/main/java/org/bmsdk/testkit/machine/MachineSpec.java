package org.bmsdk.testkit.machine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.MacAddress;

/**
 * What to simulate: a machine's hardware, firmware defaults and how its operating system behaves.
 * Built up front and immutable; a {@link SimulatedMachine} runs it. A final class with a builder
 * because it will grow (GPUs, firmware versions, sensors).
 *
 * <p>Anything not set has a working default, so {@code MachineSpec.builder("node-1").build()} is a
 * usable machine: one 8-core x86_64 CPU, 16 GiB of memory, one blank 100 GiB SATA SSD, one 25G
 * Ethernet NIC with a MAC derived from the name, a few BIOS attributes, and an OS that takes 5 s
 * of POST, 30 s to boot and 10 s to shut down, and honours ACPI soft-off.
 */
public final class MachineSpec {

    /** The default size of the console log: 1 MiB. */
    public static final int DEFAULT_CONSOLE_CAPACITY = 1 << 20;
    /** The default number of system event log entries kept. */
    public static final int DEFAULT_EVENT_LOG_CAPACITY = 512;

    private final String name;
    private final List<Cpu> cpus;
    private final long memoryMib;
    private final List<DiskSpec> disks;
    private final List<NicSpec> nics;
    private final Map<String, String> biosDefaults;
    private final Duration postTime;
    private final Duration bootTime;
    private final Duration shutdownTime;
    private final boolean honoursAcpi;
    private final BootDevice defaultBootDevice;
    private final BootMode defaultBootMode;
    private final int consoleCapacity;
    private final int eventLogCapacity;

    private MachineSpec(Builder b) {
        this.name = b.name;
        this.cpus = b.cpus.isEmpty() ? List.of(new Cpu("x86_64", "Simulated CPU", 8, 16)) : List.copyOf(b.cpus);
        this.memoryMib = b.memoryMib;
        this.disks = b.disks.isEmpty()
                ? List.of(DiskSpec.of("disk0", DiskMedia.SSD, DiskProtocol.SATA, 100L << 30))
                : List.copyOf(b.disks);
        this.nics = b.nics.isEmpty() ? List.of(NicSpec.of("nic0", derivedMac(b.name, 0), 25_000)) : List.copyOf(b.nics);
        this.biosDefaults = java.util.Collections.unmodifiableMap(new TreeMap<>(b.biosDefaults));
        this.postTime = b.postTime;
        this.bootTime = b.bootTime;
        this.shutdownTime = b.shutdownTime;
        this.honoursAcpi = b.honoursAcpi;
        this.defaultBootDevice = b.defaultBootDevice;
        this.defaultBootMode = b.defaultBootMode;
        this.consoleCapacity = b.consoleCapacity;
        this.eventLogCapacity = b.eventLogCapacity;
        requireUnique("disk name", disks.stream().map(DiskSpec::name).toList());
        requireUnique("NIC name", nics.stream().map(NicSpec::name).toList());
        requireUnique("NIC MAC", nics.stream().map(n -> n.mac().value()).toList());
    }

    /**
     * Starts a spec.
     *
     * @param name the machine's name, shown on its console and in errors
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A builder holding this spec's values.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.cpus.addAll(cpus);
        b.memoryMib = memoryMib;
        b.disks.addAll(disks);
        b.nics.addAll(nics);
        b.biosDefaults.clear();
        b.biosDefaults.putAll(biosDefaults);
        b.postTime = postTime;
        b.bootTime = bootTime;
        b.shutdownTime = shutdownTime;
        b.honoursAcpi = honoursAcpi;
        b.defaultBootDevice = defaultBootDevice;
        b.defaultBootMode = defaultBootMode;
        b.consoleCapacity = consoleCapacity;
        b.eventLogCapacity = eventLogCapacity;
        return b;
    }

    /** @return the machine's name */
    public String name() {
        return name;
    }

    /** @return the CPU sockets */
    public List<Cpu> cpus() {
        return cpus;
    }

    /** @return installed memory in MiB */
    public long memoryMib() {
        return memoryMib;
    }

    /** @return the disks */
    public List<DiskSpec> disks() {
        return disks;
    }

    /** @return the NICs */
    public List<NicSpec> nics() {
        return nics;
    }

    /** @return the BIOS attributes as shipped, to which "reset to defaults" returns; sorted by name */
    public Map<String, String> biosDefaults() {
        return biosDefaults;
    }

    /** @return how long firmware POST takes, from power-on or reset to choosing a boot device */
    public Duration postTime() {
        return postTime;
    }

    /** @return how long the chosen boot image takes to come up, from boot device to login prompt */
    public Duration bootTime() {
        return bootTime;
    }

    /** @return how long a graceful (ACPI) shutdown takes, from request to power off */
    public Duration shutdownTime() {
        return shutdownTime;
    }

    /** @return whether the OS acts on an ACPI soft-off request; when false it ignores them */
    public boolean honoursAcpi() {
        return honoursAcpi;
    }

    /** @return the device booted when no boot override is set */
    public BootDevice defaultBootDevice() {
        return defaultBootDevice;
    }

    /** @return the boot mode used when no boot override is set */
    public BootMode defaultBootMode() {
        return defaultBootMode;
    }

    /** @return the console log's size in bytes; older output is dropped beyond it */
    public int consoleCapacity() {
        return consoleCapacity;
    }

    /** @return the number of system event log entries kept; older entries are dropped beyond it */
    public int eventLogCapacity() {
        return eventLogCapacity;
    }

    /**
     * The machine's hardware as inspection reports it.
     *
     * @return the inventory
     */
    public HardwareInventory toInventory() {
        HardwareInventory.Builder b = HardwareInventory.builder().memoryMib(memoryMib);
        cpus.forEach(b::cpu);
        disks.forEach(d -> b.disk(d.toDisk()));
        nics.forEach(n -> b.nic(n.toNic()));
        return b.build();
    }

    @Override
    public String toString() {
        return "MachineSpec[" + name + ", cpus=" + cpus.size() + ", memoryMib=" + memoryMib + ", disks="
                + disks.size() + ", nics=" + nics.size() + "]";
    }

    /**
     * A locally administered MAC address derived from a machine name and NIC index, so that default
     * NICs of different machines differ and the same spec always gets the same address.
     *
     * @param machineName the machine's name
     * @param index the NIC's index on the machine
     * @return the address
     */
    public static MacAddress derivedMac(String machineName, int index) {
        CRC32 crc = new CRC32();
        crc.update(machineName.getBytes(StandardCharsets.UTF_8));
        long h = crc.getValue();
        return MacAddress.of(String.format("02:%02x:%02x:%02x:%02x:%02x", (h >>> 24) & 0xff, (h >>> 16) & 0xff,
                (h >>> 8) & 0xff, h & 0xff, index & 0xff));
    }

    private static void requireUnique(String what, List<String> values) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new ConfigurationException(what + " must be unique, but '" + v + "' appears twice");
            }
        }
    }

    /** Builds a {@link MachineSpec}. */
    public static final class Builder {
        private final String name;
        private final List<Cpu> cpus = new ArrayList<>();
        private long memoryMib = 16_384;
        private final List<DiskSpec> disks = new ArrayList<>();
        private final List<NicSpec> nics = new ArrayList<>();
        private final Map<String, String> biosDefaults = new LinkedHashMap<>(Map.of(
                "ProcVirtualization", "Enabled",
                "ProcHyperThreading", "Enabled",
                "SriovGlobalEnable", "Disabled"));
        private Duration postTime = Duration.ofSeconds(5);
        private Duration bootTime = Duration.ofSeconds(30);
        private Duration shutdownTime = Duration.ofSeconds(10);
        private boolean honoursAcpi = true;
        private BootDevice defaultBootDevice = BootDevice.DISK;
        private BootMode defaultBootMode = BootMode.UEFI;
        private int consoleCapacity = DEFAULT_CONSOLE_CAPACITY;
        private int eventLogCapacity = DEFAULT_EVENT_LOG_CAPACITY;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new ConfigurationException("machine name must not be blank");
            }
            this.name = name;
        }

        /**
         * Adds a CPU socket; without any, the machine has one 8-core x86_64 CPU.
         *
         * @param cpu the socket
         * @return this builder
         */
        public Builder cpu(Cpu cpu) {
            cpus.add(Objects.requireNonNull(cpu, "cpu"));
            return this;
        }

        /**
         * Sets installed memory (default 16 GiB).
         *
         * @param mib memory in MiB, positive
         * @return this builder
         */
        public Builder memoryMib(long mib) {
            if (mib <= 0) {
                throw new ConfigurationException("memoryMib must be positive, but was " + mib);
            }
            this.memoryMib = mib;
            return this;
        }

        /**
         * Adds a disk; without any, the machine has one blank 100 GiB SATA SSD named {@code disk0}.
         *
         * @param disk the disk
         * @return this builder
         */
        public Builder disk(DiskSpec disk) {
            disks.add(Objects.requireNonNull(disk, "disk"));
            return this;
        }

        /**
         * Replaces the disks added so far, as a copy of a spec with other disks needs.
         *
         * @param newDisks the disks
         * @return this builder
         */
        public Builder disks(List<DiskSpec> newDisks) {
            disks.clear();
            newDisks.forEach(this::disk);
            return this;
        }

        /**
         * Adds a NIC; without any, the machine has one uncabled 25G NIC named {@code nic0}.
         *
         * @param nic the NIC
         * @return this builder
         */
        public Builder nic(NicSpec nic) {
            nics.add(Objects.requireNonNull(nic, "nic"));
            return this;
        }

        /**
         * Replaces the NICs added so far, as a copy of a spec cabled elsewhere needs.
         *
         * @param newNics the NICs
         * @return this builder
         */
        public Builder nics(List<NicSpec> newNics) {
            nics.clear();
            newNics.forEach(this::nic);
            return this;
        }

        /**
         * Replaces the BIOS attributes as shipped; only these names can be changed later.
         *
         * @param defaults attribute names and values
         * @return this builder
         */
        public Builder biosDefaults(Map<String, String> defaults) {
            Objects.requireNonNull(defaults, "defaults");
            defaults.forEach((k, v) -> {
                if (k == null || k.isBlank() || v == null) {
                    throw new ConfigurationException("BIOS attribute names must not be blank nor values null, but got "
                            + k + "=" + v);
                }
            });
            biosDefaults.clear();
            biosDefaults.putAll(defaults);
            return this;
        }

        /**
         * Sets how long firmware POST takes (default 5 s).
         *
         * @param time not negative
         * @return this builder
         */
        public Builder postTime(Duration time) {
            this.postTime = nonNegative("postTime", time);
            return this;
        }

        /**
         * Sets how long the boot image takes to come up (default 30 s).
         *
         * @param time not negative
         * @return this builder
         */
        public Builder bootTime(Duration time) {
            this.bootTime = nonNegative("bootTime", time);
            return this;
        }

        /**
         * Sets how long a graceful shutdown takes (default 10 s).
         *
         * @param time not negative
         * @return this builder
         */
        public Builder shutdownTime(Duration time) {
            this.shutdownTime = nonNegative("shutdownTime", time);
            return this;
        }

        /**
         * Sets whether the OS acts on ACPI soft-off requests (default true). An OS that does not stays
         * running until powered off hard, as a machine without acpid or with a modal dialog does.
         *
         * @param honours false to ignore soft-off requests
         * @return this builder
         */
        public Builder honoursAcpi(boolean honours) {
            this.honoursAcpi = honours;
            return this;
        }

        /**
         * Sets the device and mode booted when no override is set (default: disk, UEFI).
         *
         * @param device the boot device
         * @param mode the boot mode
         * @return this builder
         */
        public Builder defaultBoot(BootDevice device, BootMode mode) {
            this.defaultBootDevice = Objects.requireNonNull(device, "device");
            this.defaultBootMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the console log's size (default {@link #DEFAULT_CONSOLE_CAPACITY}).
         *
         * @param bytes positive
         * @return this builder
         */
        public Builder consoleCapacity(int bytes) {
            if (bytes <= 0) {
                throw new ConfigurationException("consoleCapacity must be positive, but was " + bytes);
            }
            this.consoleCapacity = bytes;
            return this;
        }

        /**
         * Sets how many system event log entries are kept (default {@link #DEFAULT_EVENT_LOG_CAPACITY}).
         *
         * @param entries positive
         * @return this builder
         */
        public Builder eventLogCapacity(int entries) {
            if (entries <= 0) {
                throw new ConfigurationException("eventLogCapacity must be positive, but was " + entries);
            }
            this.eventLogCapacity = entries;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         * @throws ConfigurationException when two disks or NICs share a name, or two NICs a MAC
         */
        public MachineSpec build() {
            return new MachineSpec(this);
        }

        private static Duration nonNegative(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new ConfigurationException(what + " must not be negative, but was " + d);
            }
            return d;
        }
    }
}
