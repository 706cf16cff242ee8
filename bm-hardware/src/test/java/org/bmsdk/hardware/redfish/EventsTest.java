package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEvent;
import org.bmsdk.api.bmc.EventSubscription;
import org.bmsdk.api.bmc.EventSubscriptions;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.junit.jupiter.api.Test;

class EventsTest {

    private final List<BmcEvent> heard = new CopyOnWriteArrayList<>();

    private RedfishEventReceiver receiver() {
        return RedfishEventReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), heard::add);
    }

    private static int post(URI to, String body) throws Exception {
        return send(to, "POST", body);
    }

    private static int send(URI to, String method, String body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) to.toURL().openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (var out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException refusedMidBody) {
                // a receiver that stops reading a huge body still answers
            }
        }
        int status = c.getResponseCode();
        c.disconnect();
        return status;
    }

    @Test
    void subscribesReadsBackListsAndUnsubscribes() {
        FakeRedfish bmc = FakeRedfish.of("Contoso");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server); RedfishEventReceiver receiver = receiver()) {
            EventSubscriptions events = client.require(EventSubscriptions.class);
            EventSubscription s = events.subscribe(receiver.uri(), "node-7");
            assertEquals(receiver.uri(), s.destination());
            assertEquals("node-7", s.context());
            assertEquals(List.of(s), events.subscriptions());
            assertTrue(server.requests("POST", "/redfish/v1/EventService/Subscriptions").get(0).body().contains("\"Context\":\"node-7\""));
            events.unsubscribe(s.id());
            assertEquals(List.of(), events.subscriptions());
            events.unsubscribe(s.id());
        }
    }

    @Test
    void aDestinationThatIsNotHttpIsRefused() {
        try (ScriptedServer server = FakeRedfish.of("Contoso").serve(); BmcClient client = Clients.connect(server)) {
            assertThrows(ConfigurationException.class,
                    () -> client.require(EventSubscriptions.class).subscribe(URI.create("mailto:ops@example.com"), "x"));
        }
    }

    @Test
    void aDisabledEventServiceIsNotUsableNow() {
        FakeRedfish bmc = FakeRedfish.of("Contoso");
        bmc.resource("/redfish/v1/EventService").put("ServiceEnabled", false);
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            assertEquals(UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE,
                    client.whyUnavailable(EventSubscriptions.class).orElseThrow().reason());
        }
    }

    @Test
    void theReceiverHandsPushedEventsToItsListener() throws Exception {
        try (RedfishEventReceiver receiver = receiver()) {
            int status = post(receiver.uri(), """
                {"@odata.type": "#Event.v1_7_0.Event", "Id": "1", "Context": "node-7",
                 "Events": [{"EventId": "42", "EventTimestamp": "2026-11-26T05:00:00Z", "Severity": "Critical",
                             "MessageId": "ResourceEvent.1.0.ResourceErrorsDetected", "Message": "PSU 1 failed",
                             "OriginOfCondition": {"@odata.id": "/redfish/v1/Chassis/1/PowerSubsystem/PowerSupplies/1"}}]}
                """);
            assertEquals(204, status);
            assertEquals(List.of(new BmcEvent("42", Instant.parse("2026-11-26T05:00:00Z"), HealthStatus.CRITICAL,
                    "ResourceEvent.1.0.ResourceErrorsDetected", "PSU 1 failed", "/redfish/v1/Chassis/1/PowerSubsystem/PowerSupplies/1",
                    "node-7")), heard);
        }
    }

    @Test
    void theReceiverDropsWhatIsNotAnEventDocument() throws Exception {
        try (RedfishEventReceiver receiver = receiver()) {
            assertEquals(400, post(receiver.uri(), "{\"Events\": 3"));
            assertEquals(400, post(receiver.uri(), "{\"Context\": \"x\"}"));
            // The receiver answers 413 once it has read 1 MiB and closes: a client still writing the
            // rest may see that answer or, racing it, a reset connection. Either way nothing is heard.
            int oversized;
            try {
                oversized = post(receiver.uri(), "{\"Events\": [\"" + "x".repeat(2 * 1024 * 1024) + "\"]}");
            } catch (java.io.IOException reset) {
                oversized = -1;
            }
            assertTrue(oversized == 413 || oversized == -1, "oversized body answered " + oversized);
            assertEquals(405, send(receiver.uri(), "GET", null), "the receiver still answers");
            assertTrue(heard.isEmpty());
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheReceiver() throws Exception {
        try (RedfishEventReceiver receiver = RedfishEventReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), e -> {
            throw new IllegalStateException("listener bug");
        })) {
            assertEquals(204, post(receiver.uri(), "{\"Events\": [{\"Message\": \"a\"}]}"));
            assertEquals(204, post(receiver.uri(), "{\"Events\": [{\"Message\": \"b\"}]}"));
        }
    }
}
