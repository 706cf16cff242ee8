package org.bmsdk.testkit.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event subscriptions of one BMC and the pushing of events to them: each event is POSTed as
 * a Redfish {@code Event} to every subscriber whose filters it passes, one at a time per
 * subscriber so that they arrive in order. Destinations must be on this machine (loopback), so
 * that a simulator never sends traffic elsewhere. Thread-safe.
 */
public final class EventHub {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    /**
     * One subscription.
     *
     * @param id its id
     * @param destination where events go
     * @param context the client's opaque context, echoed in each event
     * @param registryPrefixes message registry prefixes to send, empty for all
     * @param resourceTypes resource types to send, empty for all
     * @param headers extra headers for each POST; write-only, never shown
     */
    public record Subscription(String id, URI destination, String context, List<String> registryPrefixes,
            List<String> resourceTypes, Map<String, String> headers) {
        @Override
        public String toString() {
            return "Subscription[" + id + " -> " + destination + "]";
        }
    }

    private final Clock clock;
    private final Supplier<HttpClient> client;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<Void>> queues = new LinkedHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private long nextId = 1;
    private long nextEventId = 1;

    /**
     * @param clock time stamps events
     * @param client sends them
     */
    public EventHub(Clock clock, Supplier<HttpClient> client) {
        this.clock = clock;
        this.client = client;
    }

    /**
     * Creates a subscription from a POSTed EventDestination.
     *
     * @param body the request body
     * @return the subscription
     * @throws RedfishException 400 when Destination or Protocol is missing or wrong
     */
    public Subscription subscribe(ObjectNode body) {
        JsonNode dest = body.get("Destination");
        if (dest == null || !dest.isTextual()) {
            throw new RedfishException(400, Messages.propertyMissing("Destination"));
        }
        JsonNode protocol = body.get("Protocol");
        if (protocol != null && !"Redfish".equals(protocol.asText())) {
            throw new RedfishException(400, Messages.propertyValueNotInList(protocol.asText(), "Protocol"));
        }
        URI uri = loopbackDestination(dest.asText());
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = body.get("HttpHeaders");
        if (h != null && h.isObject()) {
            h.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        }
        synchronized (this) {
            Subscription s = new Subscription(Long.toString(nextId++), uri, text(body, "Context"),
                    strings(body.get("RegistryPrefixes")), strings(body.get("ResourceTypes")), Map.copyOf(headers));
            subscriptions.put(s.id(), s);
            queues.put(s.id(), CompletableFuture.completedFuture(null));
            return s;
        }
    }

    /** @return the subscriptions, oldest first */
    public synchronized List<Subscription> list() {
        return new ArrayList<>(subscriptions.values());
    }

    /**
     * A subscription by id.
     *
     * @param id the id
     * @return the subscription
     */
    public synchronized Optional<Subscription> get(String id) {
        return Optional.ofNullable(subscriptions.get(id));
    }

    /**
     * Deletes a subscription.
     *
     * @param id the id
     * @return whether it existed
     */
    public synchronized boolean delete(String id) {
        queues.remove(id);
        return subscriptions.remove(id) != null;
    }

    /** @return how many events were delivered with a 2xx answer */
    public long delivered() {
        return delivered.get();
    }

    /**
     * Pushes an event to every subscriber whose filters it passes.
     *
     * @param message the event's message
     * @param origin the path of the resource it is about
     * @param resourceType the origin's type, such as {@code ComputerSystem}
     */
    public void publish(Messages.Message message, String origin, String resourceType) {
        String prefix = message.id().substring(0, message.id().indexOf('.'));
        synchronized (this) {
            for (Subscription s : subscriptions.values()) {
                if (!s.registryPrefixes().isEmpty() && !s.registryPrefixes().contains(prefix)) {
                    continue;
                }
                if (!s.resourceTypes().isEmpty() && !s.resourceTypes().contains(resourceType)) {
                    continue;
                }
                byte[] body = Json.bytes(event(s, message, origin, Long.toString(nextEventId++)));
                queues.computeIfPresent(s.id(), (id, tail) -> tail.thenCompose(v -> send(s, body)));
            }
        }
    }

    private ObjectNode event(Subscription s, Messages.Message m, String origin, String eventId) {
        ObjectNode record = Json.object();
        record.put("MemberId", "0");
        // Deprecated since Event v1_3, yet still required by the schema and read by older clients.
        record.put("EventType", "Other");
        record.put("EventId", eventId);
        record.put("EventTimestamp", clock.instant().toString());
        record.put("MessageId", m.id());
        record.put("Message", m.text());
        ArrayNode args = Json.array();
        m.args().forEach(args::add);
        record.set("MessageArgs", args);
        record.put("MessageSeverity", m.severity());
        record.set("OriginOfCondition", Json.link(origin));
        ObjectNode event = Json.object();
        event.put("@odata.type", "#Event.v1_13_0.Event");
        event.put("Id", eventId);
        event.put("Name", "Event");
        if (s.context() != null) {
            event.put("Context", s.context());
        }
        event.set("Events", Json.array().add(record));
        return event;
    }

    private CompletableFuture<Void> send(Subscription s, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.destination()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        s.headers().forEach((k, v) -> {
            try {
                b.header(k, v);
            } catch (IllegalArgumentException e) {
                LOG.debug("subscription {}: header {} not sent: {}", s.id(), k, e.getMessage());
            }
        });
        return client.get().sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
                .handle((r, e) -> {
                    if (e != null) {
                        LOG.debug("event to {} failed: {}", s.destination(), e.toString());
                    } else if (r.statusCode() / 100 == 2) {
                        delivered.incrementAndGet();
                    } else {
                        LOG.debug("event to {} answered {}", s.destination(), r.statusCode());
                    }
                    return null;
                });
    }

    private static URI loopbackDestination(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new RedfishException(400, Messages.propertyValueFormatError(text, "Destination"));
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new RedfishException(400, Messages.propertyValueFormatError(text, "Destination"));
        }
        boolean loopback;
        try {
            String host = uri.getHost();
            loopback = host.equals("localhost") || (host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]")
                    && InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress());
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            // A simulator must not send traffic off this machine.
            throw new RedfishException(400, Messages.propertyValueFormatError(text, "Destination"));
        }
        return uri;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        }
        return List.copyOf(out);
    }
}
