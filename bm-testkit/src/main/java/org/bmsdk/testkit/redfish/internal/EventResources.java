package org.bmsdk.testkit.redfish.internal;

import static org.bmsdk.testkit.redfish.internal.BmcModel.ROOT;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event service and its subscriptions (EventDestination): POST creates one, DELETE ends it,
 * and {@code EventService.SubmitTestEvent} pushes a test event to every subscriber.
 */
final class EventResources {

    static final String SUBSCRIPTIONS = ROOT + "/EventService/Subscriptions";

    private final BmcModel bmc;

    EventResources(BmcModel bmc) {
        this.bmc = bmc;
    }

    void register(Routes r) {
        r.get(ROOT + "/EventService", c -> service());
        r.get(SUBSCRIPTIONS, c -> Json.collection(SUBSCRIPTIONS, "EventDestinationCollection",
                "Event Subscriptions Collection",
                bmc.events().list().stream().map(s -> Paths.join(SUBSCRIPTIONS, s.id())).toList()));
        r.post(SUBSCRIPTIONS, c -> {
            EventHub.Subscription s = bmc.events().subscribe(c.body());
            return Response.json(201, destination(s)).header("Location", Paths.join(SUBSCRIPTIONS, s.id()));
        });
        r.get(SUBSCRIPTIONS + "/{id}", c -> destination(bmc.events().get(c.param("id"))
                .orElseThrow(() -> BmcModel.notFound(c))));
        r.delete(SUBSCRIPTIONS + "/{id}", c -> {
            if (!bmc.events().delete(c.param("id"))) {
                throw BmcModel.notFound(c);
            }
            return Response.empty(204);
        });
        r.post(ROOT + "/EventService/Actions/EventService.SubmitTestEvent", c -> {
            bmc.events().publish(new Messages.Message("Base.1.19.Success", "Test event.", java.util.List.of(), "OK",
                    "None."), ROOT + "/EventService", "EventService");
            return Response.empty(204);
        });
    }

    private static ObjectNode service() {
        ObjectNode o = Json.resource(ROOT + "/EventService", "#EventService.v1_12_0.EventService", "EventService",
                "Event Service");
        o.put("ServiceEnabled", true);
        o.put("DeliveryRetryAttempts", 1);
        o.put("DeliveryRetryIntervalSeconds", 5);
        o.set("EventFormatTypes", Json.strings("Event"));
        o.set("RegistryPrefixes", Json.strings("Base", "ResourceEvent", "TaskEvent"));
        o.set("ResourceTypes", Json.strings("ComputerSystem", "EventService"));
        o.set("Status", Json.status("Enabled", "OK"));
        o.set("Subscriptions", Json.link(SUBSCRIPTIONS));
        ObjectNode actions = Json.object();
        actions.set("#EventService.SubmitTestEvent",
                Json.action(ROOT + "/EventService/Actions/EventService.SubmitTestEvent"));
        o.set("Actions", actions);
        return o;
    }

    private static ObjectNode destination(EventHub.Subscription s) {
        ObjectNode o = Json.resource(Paths.join(SUBSCRIPTIONS, s.id()), "#EventDestination.v1_16_0.EventDestination",
                s.id(), "Event Subscription " + s.id());
        o.put("Destination", s.destination().toString());
        o.put("Protocol", "Redfish");
        o.put("SubscriptionType", "RedfishEvent");
        o.put("EventFormatType", "Event");
        if (s.context() != null) {
            o.put("Context", s.context());
        } else {
            o.putNull("Context");
        }
        o.set("RegistryPrefixes", Json.strings(s.registryPrefixes().toArray(String[]::new)));
        o.set("ResourceTypes", Json.strings(s.resourceTypes().toArray(String[]::new)));
        o.set("Status", Json.status("Enabled", "OK"));
        return o;
    }
}
