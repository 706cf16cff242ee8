package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Reply;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void atMostTwoRequestsReachOneBmcAtOnceFromEveryClientOfTheProcess() throws Exception {
        FakeRedfish bmc = FakeRedfish.of("Contoso");
        try (ScriptedServer server = ScriptedServer.start()) {
            // Every system read is slow, so that requests pile up if nothing holds them back.
            server.dispatcher(r -> r.path().equals(FakeRedfish.SYSTEM) && r.method().equals("GET")
                    ? bmc.apply(r).delay(60) : bmc.apply(r));
            List<BmcClient> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                clients.add(Clients.connect(server));
            }
            ExecutorService pool = Executors.newFixedThreadPool(9);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 18; i++) {
                    PowerControl power = clients.get(i % 3).require(PowerControl.class);
                    calls.add(pool.submit(power::powerState));
                }
                for (Future<?> f : calls) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                clients.forEach(BmcClient::close);
            }
            assertEquals(2, server.maxInFlight(), "the BMC saw more than two requests at once, or never two");
            assertEquals(1, server.requests("POST", FakeRedfish.SESSIONS).size(), "one session for the three clients");
        }
    }

    @Test
    void aLimitOfOneSerialisesEveryRequest() throws Exception {
        FakeRedfish bmc = FakeRedfish.of("Contoso");
        try (ScriptedServer server = ScriptedServer.start()) {
            server.dispatcher(r -> bmc.apply(r).delay(20));
            RedfishOptions one = Clients.FAST.toBuilder().maxConcurrentRequests(1).build();
            try (BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).build(), one,
                    org.bmsdk.api.event.EventListener.NONE)) {
                PowerControl power = client.require(PowerControl.class);
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(pool.submit(power::powerState));
                }
                for (Future<?> f : calls) {
                    f.get(30, TimeUnit.SECONDS);
                }
                pool.shutdownNow();
            }
            assertEquals(1, server.maxInFlight());
            assertTrue(server.requests().size() >= 9);
            server.enqueue("GET", "/never", Reply.status(200));
        }
    }
}
