package org.bmsdk.testkit.redfish.internal;

import static org.bmsdk.testkit.redfish.internal.BmcModel.ROOT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.testkit.machine.DiskSpec;
import org.bmsdk.testkit.machine.NicSpec;
import org.bmsdk.testkit.machine.SimulatedDisk;

/**
 * A system's hardware: processors, memory modules, the storage controller with its drives (and
 * their {@code Drive.SecureErase} action, which runs as a task) and the Ethernet interfaces.
 */
final class InventoryResources {

    private static final String SYSTEM = ROOT + "/Systems/{system}";
    private static final long DIMM_MIB = 16 * 1024;

    private final BmcModel bmc;
    private final TaskResources tasks;

    InventoryResources(BmcModel bmc, TaskResources tasks) {
        this.bmc = bmc;
        this.tasks = tasks;
    }

    void register(Routes r) {
        r.get(SYSTEM + "/Processors", c -> {
            SystemState s = bmc.system(c, c.param("system"));
            List<String> members = new ArrayList<>();
            for (int i = 0; i < s.machine().spec().cpus().size(); i++) {
                members.add(BmcModel.systemPath(s.id()) + "/Processors/CPU" + (i + 1));
            }
            return Json.collection(BmcModel.systemPath(s.id()) + "/Processors", "ProcessorCollection",
                    "Processors Collection", members);
        });
        r.get(SYSTEM + "/Processors/{cpu}", c -> processor(c, bmc.system(c, c.param("system"))));
        r.get(SYSTEM + "/Memory", c -> {
            SystemState s = bmc.system(c, c.param("system"));
            List<String> members = new ArrayList<>();
            for (int i = 0; i < dimms(s).size(); i++) {
                members.add(BmcModel.systemPath(s.id()) + "/Memory/DIMM" + (i + 1));
            }
            return Json.collection(BmcModel.systemPath(s.id()) + "/Memory", "MemoryCollection",
                    "Memory Module Collection", members);
        });
        r.get(SYSTEM + "/Memory/{dimm}", c -> dimm(c, bmc.system(c, c.param("system"))));
        r.get(SYSTEM + "/Storage", c -> {
            SystemState s = bmc.system(c, c.param("system"));
            return Json.collection(BmcModel.systemPath(s.id()) + "/Storage", "StorageCollection",
                    "Storage Collection", List.of(storagePath(s)));
        });
        r.get(SYSTEM + "/Storage/{storage}", c -> storage(c, bmc.system(c, c.param("system"))));
        r.get(SYSTEM + "/Storage/{storage}/Drives/{drive}", c -> drive(bmc.system(c, c.param("system")), disk(c)));
        r.post(SYSTEM + "/Storage/{storage}/Drives/{drive}/Actions/Drive.SecureErase", this::secureErase);
        r.get(SYSTEM + "/EthernetInterfaces", c -> {
            SystemState s = bmc.system(c, c.param("system"));
            return Json.collection(BmcModel.systemPath(s.id()) + "/EthernetInterfaces",
                    "EthernetInterfaceCollection", "Ethernet Network Interface Collection",
                    ethernet(s).stream().map(n -> ethernetPath(s, n)).toList());
        });
        r.get(SYSTEM + "/EthernetInterfaces/{nic}", c -> {
            SystemState s = bmc.system(c, c.param("system"));
            NicSpec nic = ethernet(s).stream().filter(n -> n.name().equals(c.param("nic"))).findFirst()
                    .orElseThrow(() -> BmcModel.notFound(c));
            return ethernetInterface(s, nic);
        });
    }

    private ObjectNode processor(Call c, SystemState s) {
        List<Cpu> cpus = s.machine().spec().cpus();
        int index = index(c, c.param("cpu"), "CPU", cpus.size());
        Cpu cpu = cpus.get(index);
        ObjectNode o = Json.resource(BmcModel.systemPath(s.id()) + "/Processors/CPU" + (index + 1),
                "#Processor.v1_22_0.Processor", "CPU" + (index + 1), "Processor");
        o.put("Socket", "CPU " + (index + 1));
        o.put("ProcessorType", "CPU");
        o.put("ProcessorArchitecture", Vocabulary.architecture(cpu.arch()));
        o.put("InstructionSet", Vocabulary.instructionSet(cpu.arch()));
        o.put("Manufacturer", Vocabulary.cpuMaker(cpu.model()));
        o.put("Model", cpu.model());
        o.put("TotalCores", cpu.cores());
        o.put("TotalThreads", cpu.threads());
        o.set("Status", Json.status("Enabled", "OK"));
        return o;
    }

    /** Memory as 16 GiB modules when it divides evenly, else one module of all of it. */
    private static List<Long> dimms(SystemState s) {
        long mib = s.machine().spec().memoryMib();
        List<Long> out = new ArrayList<>();
        if (mib % DIMM_MIB == 0) {
            for (long i = 0; i < mib / DIMM_MIB; i++) {
                out.add(DIMM_MIB);
            }
        } else {
            out.add(mib);
        }
        return out;
    }

    private ObjectNode dimm(Call c, SystemState s) {
        List<Long> dimms = dimms(s);
        int index = index(c, c.param("dimm"), "DIMM", dimms.size());
        ObjectNode o = Json.resource(BmcModel.systemPath(s.id()) + "/Memory/DIMM" + (index + 1),
                "#Memory.v1_23_0.Memory", "DIMM" + (index + 1), "DIMM " + (index + 1));
        o.put("CapacityMiB", dimms.get(index));
        o.put("MemoryType", "DRAM");
        o.put("MemoryDeviceType", "DDR5");
        o.put("OperatingSpeedMhz", 4800);
        o.put("DeviceLocator", "DIMM " + (index + 1));
        o.set("Status", Json.status("Enabled", "OK"));
        return o;
    }

    private static int index(Call c, String id, String prefix, int count) {
        if (id.startsWith(prefix)) {
            try {
                int n = Integer.parseInt(id.substring(prefix.length()));
                if (n >= 1 && n <= count && id.equals(prefix + n)) {
                    return n - 1;
                }
            } catch (NumberFormatException e) {
                // not one of ours
            }
        }
        throw BmcModel.notFound(c);
    }

    private static String storagePath(SystemState s) {
        return BmcModel.systemPath(s.id()) + "/Storage/1";
    }

    private static String drivePath(SystemState s, SimulatedDisk d) {
        return Paths.join(storagePath(s) + "/Drives", d.name());
    }

    private ObjectNode storage(Call c, SystemState s) {
        if (!c.param("storage").equals("1")) {
            throw BmcModel.notFound(c);
        }
        ObjectNode o = Json.resource(storagePath(s), "#Storage.v1_21_0.Storage", "1", "Storage Controller");
        List<String> drives = s.machine().disks().stream().map(d -> drivePath(s, d)).toList();
        o.put("Drives@odata.count", drives.size());
        o.set("Drives", Json.links(drives));
        o.set("Status", Json.status("Enabled", "OK"));
        return o;
    }

    private SimulatedDisk disk(Call c) {
        SystemState s = bmc.system(c, c.param("system"));
        if (!c.param("storage").equals("1")) {
            throw BmcModel.notFound(c);
        }
        return s.machine().disks().stream().filter(d -> d.name().equals(c.param("drive"))).findFirst()
                .orElseThrow(() -> BmcModel.notFound(c));
    }

    private ObjectNode drive(SystemState s, SimulatedDisk d) {
        DiskSpec spec = d.spec();
        String path = drivePath(s, d);
        ObjectNode o = Json.resource(path, "#Drive.v1_22_0.Drive", d.name(), "Drive " + d.name());
        o.put("MediaType", Vocabulary.mediaType(spec.media()));
        o.put("Protocol", Vocabulary.protocol(spec.protocol()));
        o.put("CapacityBytes", spec.sizeBytes());
        // A disk whose spec has no serial has none here either: what Redfish shows must be the machine's inventory.
        if (!spec.serial().isEmpty()) {
            o.put("SerialNumber", spec.serial());
        }
        o.put("Manufacturer", "Simulated");
        o.put("Model", Vocabulary.protocol(spec.protocol()) + " " + Vocabulary.mediaType(spec.media()));
        boolean erasing = bmc.tasks().isRunning(eraseName(path));
        o.set("Status", Json.status(erasing ? "Updating" : "Enabled", "OK"));
        ObjectNode actions = Json.object();
        actions.set("#Drive.SecureErase", Json.action(path + "/Actions/Drive.SecureErase"));
        o.set("Actions", actions);
        return o;
    }

    private static String eraseName(String drivePath) {
        return "Secure erase of " + drivePath;
    }

    private Response secureErase(Call c) {
        SystemState s = bmc.system(c, c.param("system"));
        SimulatedDisk d = disk(c);
        String name = eraseName(drivePath(s, d));
        if (bmc.tasks().isRunning(name)) {
            throw new RedfishException(409, Messages.resourceInUse());
        }
        return tasks.started(bmc.tasks().start(name, bmc.spec().eraseTime(), d::secureErase));
    }

    private static List<NicSpec> ethernet(SystemState s) {
        return s.machine().nics().stream().filter(n -> n.linkType() != LinkType.INFINIBAND).toList();
    }

    private static String ethernetPath(SystemState s, NicSpec n) {
        return Paths.join(BmcModel.systemPath(s.id()) + "/EthernetInterfaces", n.name());
    }

    private ObjectNode ethernetInterface(SystemState s, NicSpec n) {
        ObjectNode o = Json.resource(ethernetPath(s, n), "#EthernetInterface.v1_12_4.EthernetInterface", n.name(),
                "Ethernet Interface " + n.name());
        o.put("MACAddress", n.mac().value());
        o.put("PermanentMACAddress", n.mac().value());
        o.put("SpeedMbps", n.speedMbps());
        o.put("InterfaceEnabled", true);
        o.put("LinkStatus", n.cabledTo().isPresent() ? "LinkUp" : "NoLink");
        o.set("Status", Json.status("Enabled", "OK"));
        return o;
    }
}
