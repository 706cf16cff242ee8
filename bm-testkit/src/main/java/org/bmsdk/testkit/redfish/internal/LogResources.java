package org.bmsdk.testkit.redfish.internal;

import static org.bmsdk.testkit.redfish.internal.BmcModel.ROOT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bmsdk.testkit.machine.EventLogEntry;
import org.bmsdk.testkit.machine.SimulatedEventLog;

/** A system's event log as a LogService with entries, and its {@code LogService.ClearLog} action. */
final class LogResources {

    private static final String SERVICES = ROOT + "/Systems/{system}/LogServices";

    private final BmcModel bmc;

    LogResources(BmcModel bmc) {
        this.bmc = bmc;
    }

    void register(Routes r) {
        r.get(SERVICES, c -> {
            SystemState s = bmc.system(c, c.param("system"));
            return Json.collection(services(s), "LogServiceCollection", "Log Service Collection",
                    List.of(services(s) + "/Log"));
        });
        r.get(SERVICES + "/{log}", c -> service(log(c)));
        r.get(SERVICES + "/{log}/Entries", c -> {
            SystemState s = log(c);
            return Json.collection(services(s) + "/Log/Entries", "LogEntryCollection", "Log Entry Collection",
                    s.machine().eventLog().entries().stream().map(e -> entryPath(s, e)).toList());
        });
        r.get(SERVICES + "/{log}/Entries/{entry}", c -> {
            SystemState s = log(c);
            EventLogEntry e = s.machine().eventLog().entries().stream()
                    .filter(x -> Long.toString(x.id()).equals(c.param("entry"))).findFirst()
                    .orElseThrow(() -> BmcModel.notFound(c));
            return entry(s, e);
        });
        r.post(SERVICES + "/{log}/Actions/LogService.ClearLog", c -> {
            log(c).machine().eventLog().clear();
            return Response.empty(204);
        });
    }

    private SystemState log(Call c) {
        SystemState s = bmc.system(c, c.param("system"));
        if (!c.param("log").equals("Log")) {
            throw BmcModel.notFound(c);
        }
        return s;
    }

    private static String services(SystemState s) {
        return BmcModel.systemPath(s.id()) + "/LogServices";
    }

    private static String entryPath(SystemState s, EventLogEntry e) {
        return services(s) + "/Log/Entries/" + e.id();
    }

    private ObjectNode service(SystemState s) {
        SimulatedEventLog log = s.machine().eventLog();
        ObjectNode o = Json.resource(services(s) + "/Log", "#LogService.v1_9_0.LogService", "Log", "System Event Log");
        o.put("ServiceEnabled", true);
        o.put("MaxNumberOfRecords", log.capacity());
        o.put("OverWritePolicy", "WrapsWhenFull");
        o.put("LogEntryType", "Event");
        o.put("DateTime", bmc.clock().instant().toString());
        o.set("Status", Json.status("Enabled", "OK"));
        o.set("Entries", Json.link(services(s) + "/Log/Entries"));
        ObjectNode actions = Json.object();
        actions.set("#LogService.ClearLog", Json.action(services(s) + "/Log/Actions/LogService.ClearLog"));
        o.set("Actions", actions);
        return o;
    }

    private static ObjectNode entry(SystemState s, EventLogEntry e) {
        ObjectNode o = Json.resource(entryPath(s, e), "#LogEntry.v1_21_0.LogEntry", Long.toString(e.id()),
                "Log Entry " + e.id());
        o.put("EntryType", "Event");
        o.put("Severity", Vocabulary.health(e.severity()));
        o.put("Message", e.message());
        o.put("Created", e.at().toString());
        return o;
    }
}
