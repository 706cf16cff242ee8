package org.bmsdk.hardware.ipmi.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthReport;
import org.bmsdk.api.bmc.HealthStatus;

/**
 * Health from the chassis status fault bits and, when the BMC has a SEL, from critical events that
 * were asserted and not deasserted since (per generator, sensor and offset).
 */
final class IpmiHealth implements Health {

    private final IpmiConnection connection;
    private final IpmiEventLog sel;

    IpmiHealth(IpmiConnection connection, IpmiEventLog sel) {
        this.connection = connection;
        this.sel = sel;
    }

    @Override
    public HealthReport health() {
        return connection.operation("health", where -> {
            ChassisStatus s = connection.call(Commands.getChassisStatus(), where, ChassisStatus::decode);
            List<String> critical = new ArrayList<>(s.criticalFaults());
            List<String> warnings = new ArrayList<>(s.warnings());
            if (sel != null) {
                try {
                    critical.addAll(openCriticalEvents(sel.records(where)));
                } catch (BareMetalException e) {
                    warnings.add("the SEL could not be read: " + e.getMessage());
                }
            }
            HealthStatus status = !critical.isEmpty() ? HealthStatus.CRITICAL : !warnings.isEmpty() ? HealthStatus.WARNING
                    : HealthStatus.OK;
            List<String> faults = new ArrayList<>(critical);
            faults.addAll(warnings);
            return new HealthReport(status, faults);
        });
    }

    /** Critical assertions with no later deassertion of the same event. */
    static List<String> openCriticalEvents(List<SelRecord> records) {
        Map<String, SelRecord> open = new LinkedHashMap<>();
        for (SelRecord r : records) {
            if (!r.isSystemEvent()) {
                continue;
            }
            String key = r.generator() + "/" + r.sensorType() + "/" + r.sensorNumber() + "/" + r.eventType() + "/" + r.offset();
            if (r.deassertion()) {
                open.remove(key);
            } else if (r.event().severity() == HealthStatus.CRITICAL) {
                open.put(key, r);
            }
        }
        return open.values().stream().map(r -> "SEL " + r.id() + ": " + r.toLogEntry().message()).toList();
    }
}
