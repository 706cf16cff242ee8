package org.bmsdk.hardware.redfish.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.HardwareInventory;

/**
 * The hardware inventory of the system: present CPUs (Processors of type CPU, with architecture,
 * model, cores and threads), memory (MemorySummary, else the sum of present DIMMs), disks
 * ({@link StorageReader}) and NICs ({@link NicReader}). Absent parts are left out.
 */
final class RedfishInventory implements Inventory {

    private final Ops ops;

    RedfishInventory(Ops ops) {
        this.ops = ops;
    }

    @Override
    public HardwareInventory inventory() {
        return ops.call(Inventory.class, "inventory.read", ctx -> read(ops.connection(), ctx));
    }

    static HardwareInventory read(RedfishConnection c, ErrorContext ctx) {
        RedfishHttp http = c.http();
        Resource system = http.get(ctx, c.systemPath());
        HardwareInventory.Builder b = HardwareInventory.builder();
        system.link("Processors").ifPresent(p -> cpus(http, ctx, p).forEach(b::cpu));
        b.memoryMib(memoryMib(http, ctx, system));
        StorageReader.disks(http, ctx, system).forEach(b::disk);
        NicReader.nics(c, ctx, system).forEach(b::nic);
        return b.build();
    }

    static List<Cpu> cpus(RedfishHttp http, ErrorContext ctx, String collection) {
        return Navigator.members(http, ctx, collection).stream()
                .filter(p -> p.text("ProcessorType").orElse("CPU").equals("CPU"))
                .filter(RedfishInventory::present)
                .map(RedfishInventory::cpu)
                .toList();
    }

    private static Cpu cpu(Resource p) {
        int cores = (int) Math.min(Integer.MAX_VALUE, Math.max(1, p.count("TotalCores").orElse(1)));
        int threads = (int) Math.min(Integer.MAX_VALUE, Math.max(cores, p.count("TotalThreads").orElse(cores)));
        String arch = p.text("InstructionSet").filter(s -> !s.isBlank())
                .or(() -> p.text("ProcessorArchitecture").filter(s -> !s.isBlank()))
                .orElse("unknown");
        return new Cpu(arch, p.text("Model").orElse("").strip(), cores, threads);
    }

    static long memoryMib(RedfishHttp http, ErrorContext ctx, Resource system) {
        Optional<Double> gib = system.decimal("MemorySummary", "TotalSystemMemoryGiB");
        if (gib.isPresent() && gib.get() >= 0) {
            return Math.round(gib.get() * 1024);
        }
        Optional<String> memory = system.link("Memory");
        if (memory.isEmpty()) {
            return 0;
        }
        return Navigator.members(http, ctx, memory.get()).stream()
                .filter(RedfishInventory::present)
                .mapToLong(m -> m.count("CapacityMiB").orElse(0))
                .sum();
    }

    /** Whether a part is there: Redfish marks empty sockets and slots {@code Status.State: Absent}. */
    static boolean present(Resource r) {
        return !r.text("Status", "State").orElse("").toLowerCase(Locale.ROOT).equals("absent");
    }
}
