package org.bmsdk.api.capability;

import java.util.Locale;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.Nic;

/** The things a condition can ask about, each read from a machine, a CPU socket, a disk or a NIC. */
enum Field {
    CPU_CORES("cpu.cores", Scope.MACHINE, Kind.COUNT),
    CPU_THREADS("cpu.threads", Scope.MACHINE, Kind.COUNT),
    CPU_ARCH("cpu.arch", Scope.CPU, Kind.ARCH),
    CPU_MODEL("cpu.model", Scope.CPU, Kind.MODEL),
    MEMORY("memory", Scope.MACHINE, Kind.SIZE),
    DISK_TOTAL("disk.total", Scope.MACHINE, Kind.SIZE),
    RESOURCE_CLASS("resource_class", Scope.MACHINE, Kind.RESOURCE_CLASS),
    DISK_MEDIA("disk.media", Scope.DISK, Kind.DISK_MEDIA),
    DISK_PROTOCOL("disk.protocol", Scope.DISK, Kind.DISK_PROTOCOL),
    DISK_SIZE("disk.size", Scope.DISK, Kind.SIZE),
    NIC_SPEED("nic.speed", Scope.NIC, Kind.SPEED),
    NIC_TYPE("nic.type", Scope.NIC, Kind.LINK_TYPE),
    NIC_ROCE("nic.roce", Scope.NIC, Kind.BOOL),
    NIC_RDMA("nic.rdma", Scope.NIC, Kind.BOOL);

    /**
     * What a field is read from, which decides how a condition on it holds: a machine field
     * directly; a CPU field on every socket (and there must be one); a disk or NIC field on one
     * device that satisfies all the conditions of its group.
     */
    enum Scope {
        MACHINE, CPU, DISK, NIC;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String text;
    private final Scope scope;
    private final Kind kind;

    Field(String text, Scope scope, Kind kind) {
        this.text = text;
        this.scope = scope;
        this.kind = kind;
    }

    String text() {
        return text;
    }

    Scope scope() {
        return scope;
    }

    Kind kind() {
        return kind;
    }

    /** @return the field so named (case ignored; {@code arch} for {@code cpu.arch}), or null */
    static Field named(String name) {
        if (name.equalsIgnoreCase("arch")) {
            return CPU_ARCH;
        }
        for (Field f : values()) {
            if (f.text.equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    static String known() {
        StringBuilder sb = new StringBuilder();
        for (Field f : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.text);
        }
        return sb.toString();
    }

    Value read(Subject machine) {
        switch (this) {
            case CPU_CORES:
                return Value.of(machine.cores());
            case CPU_THREADS:
                return Value.of(machine.threads());
            case MEMORY:
                return Value.of(machine.memoryBytes());
            case DISK_TOTAL:
                return Value.of(machine.diskBytes());
            case RESOURCE_CLASS:
                return Value.of(machine.resourceClass());
            default:
                throw new IllegalStateException(text + " is not read from a machine");
        }
    }

    Value read(Cpu cpu) {
        switch (this) {
            case CPU_ARCH:
                return Value.of(cpu.arch());
            case CPU_MODEL:
                return Value.of(cpu.model());
            default:
                throw new IllegalStateException(text + " is not read from a CPU");
        }
    }

    Value read(Disk disk) {
        switch (this) {
            case DISK_MEDIA:
                return Value.of(canonical(kind, disk.media().name()));
            case DISK_PROTOCOL:
                return Value.of(canonical(kind, disk.protocol().name()));
            case DISK_SIZE:
                return Value.of(disk.sizeBytes());
            default:
                throw new IllegalStateException(text + " is not read from a disk");
        }
    }

    Value read(Nic nic) {
        switch (this) {
            case NIC_SPEED:
                return Value.of(nic.speedMbps());
            case NIC_TYPE:
                return Value.of(canonical(kind, nic.linkType().name()));
            case NIC_ROCE:
                return Value.of(nic.roceCapable());
            case NIC_RDMA:
                return Value.of(nic.rdmaCapable());
            default:
                throw new IllegalStateException(text + " is not read from a NIC");
        }
    }

    /** A device's UNKNOWN matches no word a condition can name, so it reads as "unknown". */
    private static String canonical(Kind kind, String enumName) {
        String c = kind.choice(enumName);
        return c == null ? "unknown" : c;
    }
}
