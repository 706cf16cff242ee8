package org.bmsdk.testkit.redfish.internal;

import static org.bmsdk.testkit.redfish.internal.BmcModel.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.testkit.machine.MachineStatus;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * The systems: each ComputerSystem with its power state, boot override (PATCH) and the
 * {@code ComputerSystem.Reset} action, all carried out on the simulated machine.
 */
final class SystemResources {

    private static final String SYSTEM = ROOT + "/Systems/{system}";
    private static final String RESET = "#ComputerSystem.Reset";

    private final BmcModel bmc;

    SystemResources(BmcModel bmc) {
        this.bmc = bmc;
    }

    void register(Routes r) {
        r.get(ROOT + "/Systems", c -> Json.collection(ROOT + "/Systems", "ComputerSystemCollection",
                "Computer System Collection", bmc.systems().stream().map(s -> BmcModel.systemPath(s.id())).toList()));
        r.patch(SYSTEM, c -> system(bmc.system(c, c.param("system"))),
                (c, body) -> patch(bmc.system(c, c.param("system")), body));
        r.post(SYSTEM + "/Actions/ComputerSystem.Reset", c -> reset(bmc.system(c, c.param("system")), c.body()));
    }

    private ObjectNode system(SystemState s) {
        SimulatedMachine m = s.machine();
        MachineStatus st = m.status();
        String path = BmcModel.systemPath(s.id());
        ObjectNode o = Json.resource(path, "#ComputerSystem.v1_27_0.ComputerSystem", s.id(), m.name());
        o.put("HostName", m.name());
        o.put("SystemType", "Physical");
        o.put("Manufacturer", bmc.spec().vendor());
        o.put("Model", bmc.spec().product());
        o.put("SerialNumber", "SIM" + Integer.toHexString(m.name().hashCode()).toUpperCase(java.util.Locale.ROOT));
        o.put("UUID", s.uuid().toString());
        o.put("PowerState", Vocabulary.power(st.power()));
        o.put("BiosVersion", "SIM.1.0.0");
        o.set("Status", Json.status("Enabled", Vocabulary.health(m.health())));
        ObjectNode progress = Json.object();
        progress.put("LastState", bootProgress(st.os(), st));
        if (s.bootProgressAt() != null) {
            progress.put("LastStateTime", Vocabulary.dateTime(s.bootProgressAt()));
        }
        o.set("BootProgress", progress);
        if (s.lastResetAt() != null) {
            // What a client watches to tell that a restart happened: PowerState stays On through a warm reset.
            o.put("LastResetTime", Vocabulary.dateTime(s.lastResetAt()));
        }
        o.set("Boot", boot(s, st));
        o.set("ProcessorSummary", processorSummary(m.spec().cpus()));
        ObjectNode memory = Json.object();
        memory.put("TotalSystemMemoryGiB", m.spec().memoryMib() / 1024.0);
        memory.set("Status", Json.status("Enabled", "OK"));
        o.set("MemorySummary", memory);
        o.set("Processors", Json.link(path + "/Processors"));
        o.set("Memory", Json.link(path + "/Memory"));
        o.set("Storage", Json.link(path + "/Storage"));
        o.set("EthernetInterfaces", Json.link(path + "/EthernetInterfaces"));
        o.set("Bios", Json.link(path + "/Bios"));
        o.set("LogServices", Json.link(path + "/LogServices"));
        if (!bmc.mediaUnderManager()) {
            o.set("VirtualMedia", Json.link(bmc.virtualMediaPath(s.id())));
        }
        ObjectNode links = Json.object();
        links.set("Chassis", Json.links(List.of(BmcModel.chassisPath(s.id()))));
        links.set("ManagedBy", Json.links(List.of(BmcModel.managerPath(s.id()))));
        o.set("Links", links);
        ObjectNode reset = Json.action(path + "/Actions/ComputerSystem.Reset");
        reset.set("ResetType@Redfish.AllowableValues", Json.strings(Vocabulary.RESET_TYPES.toArray(String[]::new)));
        ObjectNode actions = Json.object();
        actions.set(RESET, reset);
        o.set("Actions", actions);
        return o;
    }

    private static String bootProgress(OsState os, MachineStatus st) {
        switch (os) {
            case POST:
                return "SystemHardwareInitializationComplete";
            case BOOTING:
                return "OSBootStarted";
            case RUNNING:
                boolean setup = st.currentBoot().map(b -> b.device() == BootDevice.BIOS_SETUP).orElse(false);
                return setup ? "SetupEntered" : "OSRunning";
            case SHUTTING_DOWN:
            case HUNG:
            case PANICKED:
                return "OSRunning";
            default:
                return "None";
        }
    }

    private ObjectNode boot(SystemState s, MachineStatus st) {
        ObjectNode b = Json.object();
        Optional<BootOverride> ov = st.bootOverride();
        b.put("BootSourceOverrideEnabled", ov.map(o -> o.persistence() == BootPersistence.ONCE ? "Once"
                : "Continuous").orElse("Disabled"));
        b.put("BootSourceOverrideTarget", ov.map(o -> Vocabulary.bootTarget(o.device())).orElse("None"));
        b.put("BootSourceOverrideMode", Vocabulary.bootMode(ov.map(BootOverride::mode)
                .orElse(s.modeWithoutOverride())));
        b.set("BootSourceOverrideTarget@Redfish.AllowableValues",
                Json.strings(Vocabulary.BOOT_TARGETS.toArray(String[]::new)));
        b.set("BootSourceOverrideEnabled@Redfish.AllowableValues", Json.strings("Disabled", "Once", "Continuous"));
        b.set("BootSourceOverrideMode@Redfish.AllowableValues", Json.strings("UEFI", "Legacy"));
        return b;
    }

    private static ObjectNode processorSummary(List<Cpu> cpus) {
        ObjectNode p = Json.object();
        p.put("Count", cpus.size());
        p.put("CoreCount", cpus.stream().mapToInt(Cpu::cores).sum());
        p.put("LogicalProcessorCount", cpus.stream().mapToInt(Cpu::threads).sum());
        p.put("Model", cpus.get(0).model());
        p.set("Status", Json.status("Enabled", "OK"));
        return p;
    }

    private void patch(SystemState s, ObjectNode body) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("Boot")) {
                throw new RedfishException(400, known(f) ? Messages.propertyNotWritable(f) : Messages.propertyUnknown(f));
            }
        }
        JsonNode boot = body.get("Boot");
        if (boot == null) {
            return;
        }
        if (!boot.isObject()) {
            throw new RedfishException(400, Messages.propertyValueTypeError(boot.toString(), "Boot"));
        }
        String target = null;
        String enabled = null;
        BootMode mode = null;
        for (Map.Entry<String, JsonNode> e : boot.properties()) {
            String v = e.getValue().asText();
            switch (e.getKey()) {
                case "BootSourceOverrideTarget":
                    if (!Vocabulary.BOOT_TARGETS.contains(v)) {
                        throw new RedfishException(400, Messages.propertyValueNotInList(v, "BootSourceOverrideTarget"));
                    }
                    target = v;
                    break;
                case "BootSourceOverrideEnabled":
                    if (!List.of("Disabled", "Once", "Continuous").contains(v)) {
                        throw new RedfishException(400, Messages.propertyValueNotInList(v, "BootSourceOverrideEnabled"));
                    }
                    enabled = v;
                    break;
                case "BootSourceOverrideMode":
                    mode = Vocabulary.bootMode(v).orElseThrow(() -> new RedfishException(400,
                            Messages.propertyValueNotInList(v, "BootSourceOverrideMode")));
                    break;
                default:
                    throw new RedfishException(400, Messages.propertyUnknown("Boot/" + e.getKey()));
            }
        }
        apply(s, target, enabled, mode);
    }

    /** Merges a partial boot change with the current override, as BMCs do for PATCH. */
    private static void apply(SystemState s, String target, String enabled, BootMode mode) {
        SimulatedMachine m = s.machine();
        Optional<BootOverride> current = m.bootOverride();
        Optional<BootDevice> device = target != null ? Vocabulary.bootDevice(target)
                : current.map(BootOverride::device);
        String en = enabled != null ? enabled : current.map(o -> o.persistence() == BootPersistence.ONCE ? "Once"
                : "Continuous").orElse(target != null ? "Once" : "Disabled");
        BootMode md = mode != null ? mode : current.map(BootOverride::mode).orElse(s.modeWithoutOverride());
        if (mode != null) {
            s.modeWithoutOverride(mode);
        }
        if (en.equals("Disabled") || device.isEmpty()) {
            m.clearBootOverride();
            return;
        }
        BootPersistence p = en.equals("Once") ? BootPersistence.ONCE : BootPersistence.PERSISTENT;
        m.setBootOverride(new BootOverride(device.get(), md, p));
    }

    private static boolean known(String property) {
        return List.of("PowerState", "Id", "Name", "UUID", "Status", "Links", "Actions", "HostName", "SystemType",
                "Manufacturer", "Model", "SerialNumber", "BiosVersion", "ProcessorSummary", "MemorySummary")
                .contains(property);
    }

    private Response reset(SystemState s, ObjectNode body) {
        JsonNode type = body.get("ResetType");
        if (type == null) {
            throw new RedfishException(400, Messages.actionParameterMissing(RESET, "ResetType"));
        }
        String t = type.asText();
        if (!Vocabulary.RESET_TYPES.contains(t)) {
            throw new RedfishException(400, Messages.actionParameterValueNotInList(t, "ResetType", RESET));
        }
        SimulatedMachine m = s.machine();
        boolean on = m.powerState() == PowerState.ON;
        if (!t.equals("GracefulRestart")) {
            s.restartPending(false);
        }
        switch (t) {
            case "On":
                m.powerOn();
                break;
            case "ForceOff":
                m.powerOff();
                break;
            case "GracefulShutdown":
                m.requestSoftOff();
                break;
            case "GracefulRestart":
                if (!on) {
                    throw new RedfishException(409, Messages.resourceInStandby(RESET, "GracefulRestart needs the"
                            + " power on"));
                }
                // The OS powers off when it has shut down; the machine listener then powers it on again.
                s.restartPending(true);
                m.requestSoftOff();
                break;
            case "ForceRestart":
                if (!m.reset()) {
                    m.powerOn();
                }
                break;
            case "PowerCycle":
                if (!m.powerCycle()) {
                    m.powerOn();
                }
                break;
            case "Nmi":
                if (!m.injectNmi()) {
                    throw new RedfishException(409, Messages.resourceInStandby(RESET, "Nmi needs the power on"));
                }
                break;
            default:
                throw new IllegalStateException("reset type " + t + " is listed but not handled");
        }
        return Response.empty(204);
    }
}
