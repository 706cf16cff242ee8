package org.bmsdk.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a machine is made of, as inspection finds it: CPUs, memory, disks and NICs, plus custom
 * traits an operator adds (such as {@code CUSTOM_GPU_A100}). A final class with a builder because
 * it will grow (GPUs, firmware versions).
 */
public final class HardwareInventory {

    private final List<Cpu> cpus;
    private final long memoryMib;
    private final List<Disk> disks;
    private final List<Nic> nics;
    private final Set<String> traits;

    private HardwareInventory(Builder b) {
        this.cpus = List.copyOf(b.cpus);
        this.memoryMib = b.memoryMib;
        this.disks = List.copyOf(b.disks);
        this.nics = List.copyOf(b.nics);
        this.traits = Set.copyOf(b.traits);
    }

    /**
     * Starts an empty inventory.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this inventory's values.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cpus.addAll(cpus);
        b.memoryMib = memoryMib;
        b.disks.addAll(disks);
        b.nics.addAll(nics);
        b.traits.addAll(traits);
        return b;
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
    public List<Disk> disks() {
        return disks;
    }

    /** @return the NICs */
    public List<Nic> nics() {
        return nics;
    }

    /** @return custom traits, such as {@code CUSTOM_GPU_A100} */
    public Set<String> traits() {
        return traits;
    }

    /** @return physical cores over all sockets */
    public int totalCores() {
        return cpus.stream().mapToInt(Cpu::cores).sum();
    }

    /** @return hardware threads over all sockets */
    public int totalThreads() {
        return cpus.stream().mapToInt(Cpu::threads).sum();
    }

    /** @return the bytes of all disks together */
    public long totalDiskBytes() {
        return disks.stream().mapToLong(Disk::sizeBytes).sum();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HardwareInventory)) {
            return false;
        }
        HardwareInventory h = (HardwareInventory) o;
        return memoryMib == h.memoryMib && cpus.equals(h.cpus) && disks.equals(h.disks) && nics.equals(h.nics)
                && traits.equals(h.traits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cpus, memoryMib, disks, nics, traits);
    }

    @Override
    public String toString() {
        return "HardwareInventory[cpus=" + cpus + ", memoryMib=" + memoryMib + ", disks=" + disks + ", nics=" + nics
                + ", traits=" + new TreeSet<>(traits) + "]";
    }

    /** Builds a {@link HardwareInventory}. */
    public static final class Builder {
        private final List<Cpu> cpus = new ArrayList<>();
        private long memoryMib;
        private final List<Disk> disks = new ArrayList<>();
        private final List<Nic> nics = new ArrayList<>();
        private final Set<String> traits = new TreeSet<>();

        private Builder() {
        }

        /**
         * Adds a CPU socket.
         *
         * @param cpu the socket
         * @return this builder
         */
        public Builder cpu(Cpu cpu) {
            cpus.add(Objects.requireNonNull(cpu, "cpu"));
            return this;
        }

        /**
         * Sets installed memory.
         *
         * @param mib memory in MiB, not negative
         * @return this builder
         */
        public Builder memoryMib(long mib) {
            if (mib < 0) {
                throw new IllegalArgumentException("memoryMib must not be negative, but was " + mib);
            }
            this.memoryMib = mib;
            return this;
        }

        /**
         * Adds a disk.
         *
         * @param disk the disk
         * @return this builder
         */
        public Builder disk(Disk disk) {
            disks.add(Objects.requireNonNull(disk, "disk"));
            return this;
        }

        /**
         * Adds a NIC.
         *
         * @param nic the NIC
         * @return this builder
         */
        public Builder nic(Nic nic) {
            nics.add(Objects.requireNonNull(nic, "nic"));
            return this;
        }

        /**
         * Adds a custom trait.
         *
         * @param trait such as {@code CUSTOM_GPU_A100}
         * @return this builder
         */
        public Builder trait(String trait) {
            if (trait == null || trait.isBlank()) {
                throw new IllegalArgumentException("trait must not be blank");
            }
            traits.add(trait);
            return this;
        }

        /**
         * Builds the inventory.
         *
         * @return the inventory
         */
        public HardwareInventory build() {
            return new HardwareInventory(this);
        }
    }
}
