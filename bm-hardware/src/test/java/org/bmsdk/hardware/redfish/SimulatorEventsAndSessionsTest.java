package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEvent;
import org.bmsdk.api.bmc.EventSubscription;
import org.bmsdk.api.bmc.EventSubscriptions;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.testkit.redfish.RecordedRequest;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pushed events from the simulated BMC to the driver's event receiver, and the driver's sessions:
 * one per BMC however many clients, logged in again when the BMC forgets it, logged out when the
 * last client closes.
 */
class SimulatorEventsAndSessionsTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final String LOGIN = "/redfish/v1/SessionService/Sessions";
    private static RedfishLab lab;

    @BeforeAll
    static void startLab() {
        lab = RedfishLab.create(1);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static Rig rig() {
        return Rig.start(lab, RedfishSpec.defaults(), Rig.quick("node-1").build());
    }

    private static long count(SimulatedRedfish bmc, String method, String targetPrefix) {
        return bmc.requests().stream().filter(q -> q.method().equals(method) && q.target().startsWith(targetPrefix)).count();
    }

    @Test
    void aPowerChangeIsPushedToTheReceiver() {
        List<BmcEvent> heard = new CopyOnWriteArrayList<>();
        try (RedfishEventReceiver receiver = RedfishEventReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), heard::add);
                Rig r = rig()) {
            EventSubscriptions events = r.require(EventSubscriptions.class);
            EventSubscription sub = events.subscribe(receiver.uri(), "node-1");
            assertEquals(receiver.uri(), sub.destination());
            assertEquals(List.of(sub), events.subscriptions());

            r.require(PowerControl.class).perform(PowerAction.ON, T);
            Rig.await("the power-on event", () -> !heard.isEmpty());
            BmcEvent e = heard.get(0);
            assertEquals("node-1", e.context(), "the context says which machine spoke");
            assertEquals("/redfish/v1/Systems/1", e.origin());
            assertTrue(e.messageId().endsWith("ResourcePoweredOn"), e.messageId());
            assertEquals(HealthStatus.OK, e.severity());
            Rig.await("the BMC to see its event acknowledged", () -> r.bmc().eventsDelivered() == 1);

            events.unsubscribe(sub.id());
            assertEquals(List.of(), events.subscriptions());
            events.unsubscribe(sub.id()); // gone already: no error
            r.require(PowerControl.class).perform(PowerAction.OFF, T);
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            assertEquals(1, r.bmc().eventsDelivered(), "nothing is pushed once unsubscribed");
            assertEquals(1, heard.size());
        }
    }

    @Test
    void clientsOfOneBmcShareOneSessionAndTheLastLogsOut() throws Exception {
        try (Rig r = rig()) {
            SimulatedRedfish bmc = r.bmc();
            assertEquals(1, bmc.sessionCount());
            BmcClient second = Rig.connect(Rig.endpoint(bmc).build(), Rig.OPTIONS);
            BmcClient third = BmcDriverRegistry.loadInstalled().connect(Rig.endpoint(bmc).build(), DriverContext.defaults());
            assertEquals(1, bmc.sessionCount(), "one session for three clients");
            assertEquals(1, count(bmc, "POST", LOGIN));

            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<PowerState>> reads = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    BmcClient c = List.of(r.client(), second, third).get(i % 3);
                    reads.add(pool.submit(() -> c.require(PowerControl.class).powerState()));
                }
                for (Future<PowerState> f : reads) {
                    assertEquals(PowerState.OFF, f.get());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(1, bmc.sessionCount());

            second.close();
            third.close();
            assertEquals(1, bmc.sessionCount(), "still used by the first client");
            assertEquals(0, count(bmc, "DELETE", LOGIN));
            r.client().close();
            assertEquals(0, bmc.sessionCount(), "the last client logged out");
            assertEquals(1, count(bmc, "DELETE", LOGIN));
        }
    }

    @Test
    void aSessionTheBmcForgotIsOpenedAgain() {
        try (Rig r = rig()) {
            r.bmc().faults().dropSessions();
            assertEquals(0, r.bmc().sessionCount());
            assertEquals(PowerState.OFF, r.require(PowerControl.class).powerState());
            assertEquals(1, r.bmc().sessionCount());
            assertEquals(2, count(r.bmc(), "POST", LOGIN), "logged in again once");
            assertTrue(r.bmc().requests().stream().anyMatch(q -> q.status() == 401), "after a 401");
            r.client().close();
            assertEquals(0, r.bmc().sessionCount());
        }
    }

    @Test
    void withoutSessionsEveryRequestCarriesBasicCredentials() {
        try (Rig r = Rig.start(lab, RedfishSpec.defaults(), Rig.quick("node-1").build(),
                Rig.OPTIONS.toBuilder().sessions(false).build())) {
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            assertEquals(PowerState.ON, r.machine().powerState());
            assertEquals(0, r.bmc().sessionCount());
            assertEquals(0, count(r.bmc(), "POST", LOGIN));
            assertTrue(r.bmc().requests().stream().map(RecordedRequest::status).noneMatch(s -> s == 401));
        }
    }
}
