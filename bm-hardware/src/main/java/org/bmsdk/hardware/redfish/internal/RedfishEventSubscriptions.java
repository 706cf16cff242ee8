package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.bmc.EventSubscription;
import org.bmsdk.api.bmc.EventSubscriptions;

/**
 * Subscriptions of the service's EventService: created by POST to its Subscriptions collection
 * and read back, listed, deleted.
 */
final class RedfishEventSubscriptions implements EventSubscriptions {

    private final Ops ops;

    RedfishEventSubscriptions(Ops ops) {
        this.ops = ops;
    }

    @Override
    public EventSubscription subscribe(URI destination, String context) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(context, "context");
        return ops.call(EventSubscriptions.class, "events.subscribe", ctx -> {
            String scheme = destination.getScheme() == null ? "" : destination.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ConfigurationException("an event destination must be an http(s) URL, but was " + scheme + ":", ctx);
            }
            String collection = subscriptionsLink(ctx);
            ObjectNode body = Json.object()
                    .put("Destination", destination.toString())
                    .put("Context", context)
                    .put("Protocol", "Redfish");
            HttpResult r = new Writer(ops.http()).action(ctx, collection, body, false);
            String location = r.header("Location").orElseGet(() -> {
                var n = Json.parse(r.body());
                return n != null && n.path("@odata.id").isTextual() ? n.path("@odata.id").textValue() : null;
            });
            if (location == null) {
                throw new DeviceException("the BMC created a subscription but did not say where", ctx, "bm.NoLocation");
            }
            String path = BmcAddress.pathOf(ops.http().address().resolve(location, ctx));
            EventSubscription created = read(ops.http().get(ctx, path));
            if (!created.destination().equals(destination)) {
                throw new NotAppliedException("the BMC lists the subscription with destination " + created.destination()
                        + " instead of " + destination, ctx);
            }
            return created;
        });
    }

    @Override
    public List<EventSubscription> subscriptions() {
        return ops.call(EventSubscriptions.class, "events.list", ctx -> {
            List<EventSubscription> out = new ArrayList<>();
            for (Resource s : Navigator.members(ops.http(), ctx, subscriptionsLink(ctx))) {
                out.add(read(s));
            }
            return out;
        });
    }

    @Override
    public void unsubscribe(String id) {
        Objects.requireNonNull(id, "id");
        ops.run(EventSubscriptions.class, "events.unsubscribe", ctx -> {
            HttpResult r = ops.http().exchange(ctx, "DELETE", id, null, java.util.Map.of());
            if (r.status() != 404) {
                ops.http().requireOk(r, ctx);
            }
        });
    }

    private String subscriptionsLink(ErrorContext ctx) {
        String service = ops.connection().root().requireLink("EventService");
        return ops.http().get(ctx, service).requireLink("Subscriptions");
    }

    private static EventSubscription read(Resource s) {
        URI destination;
        try {
            destination = new URI(s.requireText("Destination").strip());
        } catch (java.net.URISyntaxException e) {
            throw new DeviceException("subscription " + s.path() + " has a malformed Destination", ErrorContext.NONE, "bm.InvalidLink");
        }
        return new EventSubscription(s.path(), destination, s.text("Context").orElse(""));
    }

    /** Whether the service pushes events now. */
    static Optional<String> whyNot(RedfishConnection c, ErrorContext ctx) {
        Optional<String> service = c.root().link("EventService");
        if (service.isEmpty()) {
            return Optional.of("offered:the service root links no EventService");
        }
        Resource es = c.http().get(ctx, service.get());
        if (es.link("Subscriptions").isEmpty()) {
            return Optional.of("offered:the EventService has no Subscriptions collection");
        }
        if (!es.bool("ServiceEnabled").orElse(true)) {
            return Optional.of("state:the EventService is disabled on the BMC");
        }
        return Optional.empty();
    }
}
