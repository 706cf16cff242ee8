package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.BmcEvent;

/** Reads the body a BMC posts to an event destination (Redfish {@code Event}: a Context and Events). */
public final class EventPayloads {

    private EventPayloads() {
    }

    /**
     * Parses a pushed event document.
     *
     * @param body the posted body
     * @param clock for events without a timestamp
     * @param ctx for errors
     * @return the events, possibly none
     * @throws DeviceException when the body is not a Redfish event document
     */
    public static List<BmcEvent> parse(byte[] body, Clock clock, ErrorContext ctx) {
        JsonNode n = Json.parse(body);
        if (n == null || !n.isObject()) {
            throw new DeviceException("a pushed event is not a JSON object", ctx, "bm.InvalidJson");
        }
        Resource doc = Resource.of("event", n, ctx);
        String context = doc.text("Context").orElse("");
        List<BmcEvent> out = new ArrayList<>();
        JsonNode events = doc.at("Events");
        if (!events.isArray()) {
            throw new DeviceException("a pushed event document has no Events array", ctx, "bm.MissingProperty");
        }
        for (JsonNode e : events) {
            if (!e.isObject()) {
                continue;
            }
            Resource r = doc.nested(e);
            Instant at = r.text("EventTimestamp").flatMap(RedfishEventLog::instant).orElseGet(clock::instant);
            out.add(new BmcEvent(Text.clip(r.text("EventId").orElse(""), 100), at,
                    RedfishHealth.status(r.text("Severity").or(() -> r.text("MessageSeverity")).orElse(null)),
                    Text.clip(r.text("MessageId").orElse(""), 200), Text.clip(r.text("Message").orElse(""), 1000),
                    Text.clip(r.link("OriginOfCondition").orElse(""), 500), Text.clip(r.text("Context").orElse(context), 200)));
        }
        return out;
    }
}
