package org.bmsdk.testkit.redfish;

import static org.bmsdk.testkit.redfish.Fixture.SYSTEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bmsdk.testkit.machine.SimulatedDisk;
import org.junit.jupiter.api.Test;

/** Secure erase as a task, the event log as log entries, and events pushed to a subscriber. */
class TasksLogsEventsTest {

    private static final String DRIVE = SYSTEM + "/Storage/1/Drives/disk0";

    @Test
    void secureEraseRunsAsATaskAndErasesWhenItFinishes() {
        try (Fixture f = Fixture.withBmc(b -> b.eraseTime(Duration.ofSeconds(30)))) {
            SimulatedDisk disk = f.machine.disk("disk0");
            disk.write(4096, new byte[] {1, 2, 3});
            TestClient.Reply started = f.client.post(DRIVE + "/Actions/Drive.SecureErase", "{}");
            assertEquals(202, started.status());
            String monitor = started.header("Location").orElseThrow();
            assertEquals("Running", started.json().get("TaskState").asText());
            String task = started.json().get("@odata.id").asText();
            assertEquals(409, f.client.post(DRIVE + "/Actions/Drive.SecureErase", "{}").status());

            f.clock.advance(Duration.ofSeconds(15));
            TestClient.Reply running = f.client.get(monitor);
            assertEquals(202, running.status());
            assertEquals(50, running.json().get("PercentComplete").asInt());
            assertEquals("Updating", f.client.get(DRIVE).json().at("/Status/State").asText());
            assertFalse(disk.isZeroed());

            f.clock.advance(Duration.ofSeconds(15));
            assertTrue(disk.isZeroed());
            assertEquals(204, f.client.get(monitor).status());
            JsonNode done = f.client.get(task).json();
            assertEquals("Completed", done.get("TaskState").asText());
            assertEquals(100, done.get("PercentComplete").asInt());
            assertTrue(f.client.get("/redfish/v1/TaskService/Tasks").json().get("Members").toString().contains(task));
        }
    }

    @Test
    void finishedTasksVanishAsOnIdrac() {
        try (Fixture f = Fixture.withBmc(b -> b.eraseTime(Duration.ofSeconds(10))
                .deleteFinishedTasksAfter(Duration.ofSeconds(3)))) {
            TestClient.Reply started = f.client.post(DRIVE + "/Actions/Drive.SecureErase", "{}");
            String monitor = started.header("Location").orElseThrow();
            String task = started.json().get("@odata.id").asText();
            f.clock.advance(Duration.ofSeconds(11));
            assertEquals(204, f.client.get(monitor).status());
            f.clock.advance(Duration.ofSeconds(3));
            assertEquals(404, f.client.get(monitor).status());
            assertEquals(404, f.client.get(task).status());
            assertTrue(f.machine.disk("disk0").isZeroed());
        }
    }

    @Test
    void aTaskFinishesOnTimeInRealTime() throws InterruptedException {
        try (SimulatedRedfishHolder h = new SimulatedRedfishHolder(Duration.ofMillis(300))) {
            h.machine.disk("disk0").write(0, new byte[] {42});
            TestClient.Reply started = h.client.post(DRIVE + "/Actions/Drive.SecureErase", "{}");
            String monitor = started.header("Location").orElseThrow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!h.machine.disk("disk0").isZeroed() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(h.machine.disk("disk0").isZeroed(), "no one polled, yet the erase ran on time");
            assertEquals(204, h.client.get(monitor).status());
        }
    }

    @Test
    void logEntriesComeFromTheMachinesEventLog() {
        try (Fixture f = Fixture.create()) {
            f.bootToRunning();
            f.reset("Nmi");
            String entries = "/redfish/v1/Systems/1/LogServices/Log/Entries";
            JsonNode collection = f.client.get(entries).json();
            assertEquals(f.machine.eventLog().entries().size(), collection.get("Members@odata.count").asInt());
            List<String> messages = new java.util.ArrayList<>();
            for (JsonNode m : collection.get("Members")) {
                JsonNode e = f.client.get(m.get("@odata.id").asText()).json();
                messages.add(e.get("Severity").asText() + " " + e.get("Message").asText());
            }
            assertTrue(messages.contains("OK System power on"), messages.toString());
            assertTrue(messages.contains("Critical Diagnostic interrupt (NMI) received"), messages.toString());
            assertEquals(204, f.client.post("/redfish/v1/Systems/1/LogServices/Log/Actions/LogService.ClearLog", "{}")
                    .status());
            assertEquals(0, f.client.get(entries).json().get("Members@odata.count").asInt());
        }
    }

    @Test
    void powerChangesArePushedToSubscribers() throws Exception {
        RedfishSchemas schemas = RedfishSchemas.load();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/events", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    + "|" + exchange.getRequestHeaders().getFirst("X-Test"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (Fixture f = Fixture.create()) {
            String destination = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
            TestClient.Reply sub = f.client.post("/redfish/v1/EventService/Subscriptions", "{\"Destination\": \""
                    + destination + "\", \"Protocol\": \"Redfish\", \"Context\": \"ctx-1\","
                    + " \"HttpHeaders\": {\"X-Test\": \"yes\"}}");
            assertEquals(201, sub.status());
            assertFalse(f.client.get(sub.header("Location").orElseThrow()).body().contains("X-Test"),
                    "HttpHeaders are write-only");
            f.reset("On");
            f.reset("ForceOff");
            JsonNode on = event(received);
            JsonNode off = event(received);
            assertEquals("ResourceEvent.1.4.ResourcePoweredOn", on.at("/Events/0/MessageId").asText());
            assertEquals("ResourceEvent.1.4.ResourcePoweredOff", off.at("/Events/0/MessageId").asText());
            assertEquals("ctx-1", on.get("Context").asText());
            assertEquals(SYSTEM, on.at("/Events/0/OriginOfCondition/@odata.id").asText());
            assertEquals(List.of(), schemas.validate(RedfishSchemas.locationOf("#Event.v1_13_0.Event"), on));

            assertEquals(204, f.client.delete(sub.header("Location").orElseThrow()).status());
            f.reset("On");
            assertEquals(null, received.poll(300, TimeUnit.MILLISECONDS));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void destinationsOffThisMachineAreRefused() {
        try (Fixture f = Fixture.create()) {
            for (String d : List.of("http://192.0.2.1/events", "http://example.com/e", "ftp://127.0.0.1/e", "nonsense")) {
                assertEquals(400, f.client.post("/redfish/v1/EventService/Subscriptions", "{\"Destination\": \"" + d
                        + "\", \"Protocol\": \"Redfish\"}").status(), d);
            }
        }
    }

    private static JsonNode event(BlockingQueue<String> received) throws InterruptedException, IOException {
        String s = received.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no event arrived");
        }
        assertTrue(s.endsWith("|yes"), "the subscription's HttpHeaders are sent: " + s);
        return TestClient.JSON.readTree(s.substring(0, s.lastIndexOf('|')));
    }

    /** A BMC on real time, for the one test that checks timers rather than a manual clock. */
    private static final class SimulatedRedfishHolder implements AutoCloseable {
        final org.bmsdk.testkit.machine.SimulatedMachine machine = org.bmsdk.testkit.machine.SimulatedMachine.create(
                org.bmsdk.testkit.machine.MachineSpec.builder("rt-1").build());
        final SimulatedRedfish bmc;
        final TestClient client;

        SimulatedRedfishHolder(Duration eraseTime) {
            bmc = SimulatedRedfish.start(RedfishSpec.builder().eraseTime(eraseTime).build(), machine);
            client = TestClient.basic(bmc);
        }

        @Override
        public void close() {
            bmc.close();
            machine.close();
        }
    }
}
