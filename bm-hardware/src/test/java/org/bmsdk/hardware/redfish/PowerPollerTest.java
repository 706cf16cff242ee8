package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Reply;
import org.bmsdk.testkit.junit5.RedfishExtension;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet poller against the Redfish simulator over plain HTTP (its own sockets) and HTTPS (the
 * blocking path), and against a scripted server for what the simulator never does: each read gives
 * the machine's state, an expired session is logged into again through the driver, a hung BMC
 * times out alone, a malformed or oversized answer fails that BMC alone, and the BMC's budget of
 * requests is never exceeded, whoever else is asking.
 */
class PowerPollerTest {

    private static final String SYSTEM = "/redfish/v1/Systems/1";
    private static final String LOGIN = "/redfish/v1/SessionService/Sessions";
    private static final RedfishSpec HTTP = RedfishSpec.defaults().toBuilder().tls(false).build();
    /** The lab (its reactor) shared by the class; each test starts its own BMCs on it. */
    @RegisterExtension
    static final RedfishExtension LAB = RedfishExtension.withMachines(1);

    private static PowerState get(CompletableFuture<PowerState> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<PowerState> f) throws Exception {
        try {
            PowerState s = f.get(20, TimeUnit.SECONDS);
            return fail("expected a failure, but read " + s);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static List<Rig> rigs(RedfishSpec spec, int n) {
        List<Rig> rigs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rigs.add(Rig.start(LAB.lab(), spec, Rig.quick("node-" + i).build()));
        }
        return rigs;
    }

    private static void closeAll(List<Rig> rigs) {
        rigs.forEach(Rig::close);
    }

    private static long count(Rig r, String method, String target, int status) {
        return r.bmc().requests().stream()
                .filter(q -> q.method().equals(method) && q.target().equals(target) && q.status() == status).count();
    }

    @Test
    void aFleetOverHttpReadsEveryMachinesStateOverKeptConnections() throws Exception {
        List<Rig> rigs = rigs(HTTP, 12);
        try (RedfishPowerPoller poller = RedfishPowerPoller.builder().ioThreads(2).build()) {
            for (int i = 0; i < rigs.size(); i += 3) {
                rigs.get(i).machine().powerOn();
            }
            for (Rig r : rigs) {
                Rig.await(r.machine().name() + " settled", () -> r.machine().powerState() == PowerState.ON
                        || r.machine().powerState() == PowerState.OFF);
            }
            List<BmcClient> clients = rigs.stream().map(Rig::client).toList();
            int connectionsBefore = LAB.lab().openConnections();
            for (int round = 0; round < 5; round++) {
                Map<BmcClient, CompletableFuture<PowerState>> states = poller.powerStates(clients);
                for (int i = 0; i < rigs.size(); i++) {
                    assertEquals(rigs.get(i).machine().powerState(), get(states.get(clients.get(i))), "node-" + i + " round " + round);
                }
            }
            for (Rig r : rigs) {
                assertEquals(5, count(r, "GET", SYSTEM, 200), "five reads of the System on " + r.bmc());
                assertEquals(1, count(r, "POST", LOGIN, 201), "the client's one session, shared by the poller");
            }
            // Keep-alive: the 60 reads left at most one new socket per BMC open.
            assertTrue(LAB.lab().openConnections() <= connectionsBefore + rigs.size(),
                    "open connections: " + LAB.lab().openConnections() + ", before polling " + connectionsBefore);
        } finally {
            closeAll(rigs);
        }
    }

    @Test
    void anExpiredSessionIsLoggedIntoAgainThroughTheDriverAndPollingGoesOn() throws Exception {
        try (Rig r = Rig.start(LAB.lab(), HTTP, Rig.quick("node-x").build()); RedfishPowerPoller poller = RedfishPowerPoller.create()) {
            r.machine().powerOn();
            Rig.await("on", () -> r.machine().powerState() == PowerState.ON);
            assertEquals(PowerState.ON, get(poller.powerState(r.client())));
            r.bmc().faults().dropSessions();
            assertEquals(PowerState.ON, get(poller.powerState(r.client())));
            assertEquals(PowerState.ON, get(poller.powerState(r.client())));
            List<String> seen = r.bmc().requests().stream().map(q -> q.method() + " " + q.target() + " " + q.status()).toList();
            assertEquals(1, count(r, "GET", SYSTEM, 401), seen.toString());
            assertEquals(2, count(r, "POST", LOGIN, 201), seen.toString());
            assertEquals(3, count(r, "GET", SYSTEM, 200), seen.toString());
        }
    }

    @Test
    void aHungBmcTimesOutAloneAndIsReadAgainOnceItAnswers() throws Exception {
        List<Rig> rigs = rigs(HTTP, 2);
        Rig hung = rigs.get(0);
        BmcClient impatient = Rig.connect(Rig.endpoint(hung.bmc()).requestTimeout(Duration.ofMillis(400)).build(), Rig.OPTIONS);
        try (RedfishPowerPoller poller = RedfishPowerPoller.create()) {
            hung.bmc().faults().silence();
            long start = System.nanoTime();
            CompletableFuture<PowerState> silent = poller.powerState(impatient);
            assertEquals(PowerState.OFF, get(poller.powerState(rigs.get(1).client())), "the other BMC answers meanwhile");
            Throwable e = failure(silent);
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertInstanceOf(OperationTimeoutException.class, e, String.valueOf(e));
            assertTrue(e.getMessage().contains(hung.bmc().address().getAddress().getHostAddress()), e.getMessage());
            assertTrue(ms >= 400 && ms < 3000, "timed out after " + ms + " ms");
            hung.bmc().faults().clear();
            assertEquals(PowerState.OFF, get(poller.powerState(impatient)));
        } finally {
            impatient.close();
            closeAll(rigs);
        }
    }

    @Test
    void aRebootingBmcCannotBeReachedThenIsReadWithANewSession() throws Exception {
        try (Rig r = Rig.start(LAB.lab(), HTTP, Rig.quick("node-r").build()); RedfishPowerPoller poller = RedfishPowerPoller.create()) {
            assertEquals(PowerState.OFF, get(poller.powerState(r.client())));
            r.bmc().faults().reboot(Duration.ofMillis(700));
            Throwable down = failure(poller.powerState(r.client()));
            assertInstanceOf(TransportException.class, down, String.valueOf(down));
            assertTrue(down.getMessage().contains("could not connect"), down.getMessage());
            long deadline = System.nanoTime() + Rig.WAIT.toNanos();
            PowerState back = null;
            while (back == null && System.nanoTime() < deadline) {
                try {
                    back = get(poller.powerState(r.client()));
                } catch (ExecutionException e) {
                    assertInstanceOf(TransportException.class, e.getCause(), String.valueOf(e.getCause())); // still down
                }
            }
            assertEquals(PowerState.OFF, back, "read once the BMC is back");
            // The rebooted BMC forgot the session: 401, then one login besides the client's first. (Sometimes two 401s: the
            // blocking client's login may first meet a pooled socket the reboot killed, and a POST is not sent twice.)
            List<String> seen = r.bmc().requests().stream().map(q -> q.method() + " " + q.target() + " " + q.status()).toList();
            assertTrue(count(r, "GET", SYSTEM, 401) >= 1, seen.toString());
            assertEquals(2, count(r, "POST", LOGIN, 201), seen.toString());
        }
    }

    @Test
    void httpsBmcsAreReadOverVerifiedTlsWithTheSameRules() throws Exception {
        List<Rig> rigs = rigs(RedfishSpec.defaults(), 4);
        try (RedfishPowerPoller poller = RedfishPowerPoller.create()) {
            Rig r = rigs.get(0);
            assertEquals(PowerState.OFF, get(poller.powerState(r.client())));
            r.machine().powerOn();
            Rig.await("on", () -> r.machine().powerState() == PowerState.ON);
            for (int round = 0; round < 3; round++) {
                Map<BmcClient, CompletableFuture<PowerState>> states = poller.powerStates(rigs.stream().map(Rig::client).toList());
                for (Rig each : rigs) {
                    assertEquals(each.machine().powerState(), get(states.get(each.client())), each.machine().name());
                }
            }
            r.bmc().faults().dropSessions();
            assertEquals(PowerState.ON, get(poller.powerState(r.client())));
            assertEquals(1, count(r, "GET", SYSTEM, 401));
            assertEquals(2, count(r, "POST", LOGIN, 201));
            assertEquals(5, count(r, "GET", SYSTEM, 200));
        } finally {
            closeAll(rigs);
        }
    }

    @Test
    void aMalformedOrOversizedAnswerFailsThatReadOnly() throws Exception {
        FakeRedfish fake = FakeRedfish.of("Contoso");
        Clients.Recording heard = new Clients.Recording();
        try (ScriptedServer server = fake.serve();
                BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).build(),
                        Clients.FAST.toBuilder().maxResponseBytes(64 * 1024).build(), heard);
                RedfishPowerPoller poller = RedfishPowerPoller.create()) {
            PowerState before = get(poller.powerState(client));
            server.enqueue("GET", SYSTEM, Reply.body(200, "application/json", "{\"PowerState\": \"On\""),
                    Reply.endless(1_000_000), Reply.reset().delay(0));
            Throwable truncated = failure(poller.powerState(client));
            assertInstanceOf(DeviceException.class, truncated, String.valueOf(truncated));
            Throwable oversized = failure(poller.powerState(client));
            assertInstanceOf(DeviceException.class, oversized, String.valueOf(oversized));
            assertTrue(oversized.getMessage().contains("cap"), oversized.getMessage());
            Throwable reset = failure(poller.powerState(client));
            assertInstanceOf(TransportException.class, reset, String.valueOf(reset));
            for (Throwable t : List.of(truncated, oversized, reset)) {
                assertTrue(t.getMessage().contains(server.endpoint().replace("redfish+http://", "")) || t.toString().contains("127.0.0.1"),
                        t.toString());
                assertFalse(t.toString().contains(FakeRedfish.PASSWORD), t.toString());
            }
            assertEquals(before, get(poller.powerState(client)), "the next read is fine");
            assertEquals(5, heard.heard.stream().filter(h -> h.equals("started power.state")).count(), heard.heard.toString());
            assertEquals(3, heard.heard.stream().filter(h -> h.startsWith("failed power.state")).count(), heard.heard.toString());
        }
    }

    @Test
    void theBmcsBudgetIsSharedWithEveryOtherCaller() throws Exception {
        FakeRedfish fake = FakeRedfish.of("Contoso");
        ExecutorService others = Executors.newFixedThreadPool(3);
        try (ScriptedServer server = fake.serve();
                BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).build(),
                        Clients.FAST.toBuilder().maxConcurrentRequests(1).build(), heardNothing());
                RedfishPowerPoller poller = RedfishPowerPoller.create()) {
            // Slow answers keep a request in flight long enough for the others to want the slot.
            server.dispatcher(req -> req.path().equals(SYSTEM) ? fakeAnswer(fake, req).delay(20) : fakeAnswer(fake, req));
            PowerControl power = client.require(PowerControl.class);
            List<Future<?>> blocking = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                blocking.add(others.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        power.powerState();
                    }
                    return null;
                }));
            }
            List<CompletableFuture<PowerState>> polls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                polls.add(poller.powerState(client));
            }
            for (CompletableFuture<PowerState> p : polls) {
                get(p);
            }
            for (Future<?> f : blocking) {
                f.get(20, TimeUnit.SECONDS);
            }
            assertEquals(1, server.maxInFlight(), "requests in flight at once with a budget of 1");
            assertTrue(server.requests("GET", SYSTEM).size() >= 25, "every read reached the BMC");
        } finally {
            others.shutdownNow();
        }
    }

    private static org.bmsdk.api.event.EventListener heardNothing() {
        return org.bmsdk.api.event.EventListener.NONE;
    }

    private static Reply fakeAnswer(FakeRedfish fake, ScriptedServer.Recorded req) {
        return fake.apply(req);
    }
}
