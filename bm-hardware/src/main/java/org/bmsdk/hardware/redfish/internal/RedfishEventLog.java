package org.bmsdk.hardware.redfish.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.LogEntry;
import org.bmsdk.api.bmc.SystemEventLog;

/**
 * The entries of the system's LogServices (the manager's when the system has none), oldest first,
 * and {@code LogService.ClearLog} on each service that offers it.
 */
final class RedfishEventLog implements SystemEventLog {

    private final Ops ops;

    RedfishEventLog(Ops ops) {
        this.ops = ops;
    }

    @Override
    public List<LogEntry> entries() {
        return ops.call(SystemEventLog.class, "log.read", ctx -> {
            List<LogEntry> out = new ArrayList<>();
            for (Resource service : services(ops.connection(), ctx)) {
                Optional<String> entries = service.link("Entries");
                if (entries.isEmpty()) {
                    continue;
                }
                for (Resource e : Navigator.members(ops.http(), ctx, entries.get())) {
                    out.add(entry(service, e));
                }
            }
            out.sort(Comparator.comparing(LogEntry::timestamp));
            return out;
        });
    }

    @Override
    public void clear() {
        ops.run(SystemEventLog.class, "log.clear", ctx -> {
            Writer w = new Writer(ops.http());
            for (Resource service : services(ops.connection(), ctx)) {
                Optional<String> target = service.text("Actions", "#LogService.ClearLog", "target");
                if (target.isPresent()) {
                    w.action(ctx, target.get(), null, false);
                }
            }
        });
    }

    /** The log services of the system, else of its managers. */
    static List<Resource> services(RedfishConnection c, ErrorContext ctx) {
        Resource system = c.http().get(ctx, c.systemPath());
        Optional<String> own = system.link("LogServices");
        if (own.isPresent()) {
            return Navigator.members(c.http(), ctx, own.get());
        }
        List<Resource> out = new ArrayList<>();
        for (String m : c.managers(system, ctx)) {
            c.http().get(ctx, m).link("LogServices").ifPresent(l -> out.addAll(Navigator.members(c.http(), ctx, l)));
        }
        return out;
    }

    private static LogEntry entry(Resource service, Resource e) {
        Instant at = e.text("Created").flatMap(RedfishEventLog::instant).orElse(Instant.EPOCH);
        HealthStatus severity = RedfishHealth.status(e.text("Severity").orElse(null));
        String message = e.text("Message").filter(s -> !s.isBlank()).or(() -> e.text("EntryCode")).orElse("");
        String code = e.text("MessageId").map(id -> " [" + id + "]").orElse("");
        return new LogEntry(service.id() + "/" + e.id(), at, severity, Text.clip(message, 1000) + code);
    }

    static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
