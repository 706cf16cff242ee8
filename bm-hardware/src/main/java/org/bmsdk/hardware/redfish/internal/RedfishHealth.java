package org.bmsdk.hardware.redfish.internal;

import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthReport;
import org.bmsdk.api.bmc.HealthStatus;

/**
 * Health from {@code Status.Health} and {@code Status.HealthRollup} of the system, its chassis and
 * its managers; the worst wins, and every part that is not OK is named, with its conditions.
 */
final class RedfishHealth implements Health {

    private final Ops ops;

    RedfishHealth(Ops ops) {
        this.ops = ops;
    }

    @Override
    public HealthReport health() {
        return ops.call(Health.class, "health.read", this::read);
    }

    private HealthReport read(ErrorContext ctx) {
        RedfishConnection c = ops.connection();
        Resource system = c.http().get(ctx, c.systemPath());
        List<Resource> parts = new ArrayList<>();
        parts.add(system);
        for (String p : c.chassis(system, ctx)) {
            tryRead(ctx, p, parts);
        }
        for (String p : c.managers(system, ctx)) {
            tryRead(ctx, p, parts);
        }
        HealthStatus worst = HealthStatus.UNKNOWN;
        List<String> faults = new ArrayList<>();
        for (Resource r : parts) {
            HealthStatus own = status(r.text("Status", "Health").orElse(null));
            HealthStatus rollup = status(r.text("Status", "HealthRollup").orElse(null));
            HealthStatus s = worse(own, rollup);
            worst = worse(worst, s);
            if (s == HealthStatus.WARNING || s == HealthStatus.CRITICAL) {
                faults.add(kind(r) + " " + r.id() + " is " + s + (rollup == s && own != s ? " (in a part of it)" : ""));
            }
            for (var cond : r.at("Status", "Conditions")) {
                Resource cr = r.nested(cond);
                cr.text("Message").ifPresent(m -> faults.add(kind(r) + " " + r.id() + ": " + Text.clip(m, 300)));
            }
        }
        return new HealthReport(worst, faults);
    }

    private void tryRead(ErrorContext ctx, String path, List<Resource> parts) {
        try {
            parts.add(ops.http().get(ctx, path));
        } catch (BareMetalException e) {
            // The system's own status is the essential part; a chassis we may not read is skipped.
        }
    }

    private static String kind(Resource r) {
        String type = r.text("@odata.type").orElse("");
        int hash = type.lastIndexOf('.');
        return hash >= 0 ? type.substring(hash + 1) : "Resource";
    }

    static HealthStatus status(String redfish) {
        if (redfish == null) {
            return HealthStatus.UNKNOWN;
        }
        switch (redfish) {
            case "OK":
                return HealthStatus.OK;
            case "Warning":
                return HealthStatus.WARNING;
            case "Critical":
                return HealthStatus.CRITICAL;
            default:
                return HealthStatus.UNKNOWN;
        }
    }

    /** CRITICAL over WARNING over OK over UNKNOWN: an unknown part does not hide a known fault. */
    static HealthStatus worse(HealthStatus a, HealthStatus b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(HealthStatus s) {
        switch (s) {
            case CRITICAL:
                return 3;
            case WARNING:
                return 2;
            case OK:
                return 1;
            default:
                return 0;
        }
    }
}
