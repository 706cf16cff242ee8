package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Reply;

/**
 * The fleet poller's state machine (a BMC's queue of reads, its one slot of the budget, its socket)
 * against a BMC that answers a random run of the ways a BMC answers (a state, 401, 503, 500,
 * malformed or truncated JSON, an oversized body, a reset, a stall past the timeout), with several
 * reads queued at once: every read ends, in a power state or a bm-api exception, within its
 * timeout; the listener hears every read start and end once; and afterwards the BMC's budget of
 * one request is whole again (a blocking read gets its slot at once).
 */
class PowerPollerPropertiesTest {

    private static final String SYSTEM = FakeRedfish.SYSTEM;
    private static final Duration TIMEOUT = Duration.ofMillis(600);

    @Provide
    Arbitrary<List<Integer>> answers() {
        return Arbitraries.integers().between(0, 9).list().ofMinSize(1).ofMaxSize(8);
    }

    private static Reply answer(int kind) {
        return switch (kind) {
            case 0 -> Reply.json(200, "{\"Id\": \"1\", \"PowerState\": \"On\"}");
            case 1 -> Reply.json(200, "{\"Id\": \"1\", \"PowerState\": \"Off\"}");
            case 2 -> Reply.json(401, "{\"error\": {\"code\": \"Base.1.8.NoValidSession\"}}");
            case 3 -> Reply.status(503);
            case 4 -> Reply.status(500);
            case 5 -> Reply.body(200, "application/json", "{\"PowerState\": [");
            case 6 -> Reply.endless(200_000);
            case 7 -> Reply.reset();
            case 8 -> Reply.json(200, "{\"PowerState\": \"On\"}").delay(TIMEOUT.toMillis() + 300);
            default -> Reply.body(200, "text/html", "<html>not redfish</html>");
        };
    }

    @Property(tries = 25)
    void everyReadEndsInAStateOrATypedErrorAndTheBudgetIsWholeAfterwards(@ForAll("answers") List<Integer> kinds,
            @ForAll @IntRange(min = 0, max = 3) int extra) throws Exception {
        int queued = kinds.size() + extra;
        FakeRedfish fake = FakeRedfish.of("Contoso");
        Clients.Recording heard = new Clients.Recording();
        RedfishOptions options = Clients.FAST.toBuilder().maxConcurrentRequests(1).maxResponseBytes(64 * 1024).maxAttempts(2).build();
        try (ScriptedServer server = fake.serve();
                BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).requestTimeout(TIMEOUT).build(), options, heard);
                RedfishPowerPoller poller = RedfishPowerPoller.create()) {
            server.enqueue("GET", SYSTEM, kinds.stream().map(PowerPollerPropertiesTest::answer).toArray(Reply[]::new));
            List<CompletableFuture<PowerState>> reads = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < queued; i++) {
                reads.add(poller.powerState(client));
            }
            for (CompletableFuture<PowerState> r : reads) {
                try {
                    r.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertInstanceOf(BareMetalException.class, e.getCause(), String.valueOf(e.getCause()));
                }
            }
            // Each read's deadline counts from the call; the blocking path, for what it was handed, has its own attempts.
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(ms < 20_000, "the reads took " + ms + " ms");
            // Each read was heard to start and to end once (a hand-off to the blocking path is not a second operation).
            assertEquals(queued, heard.starting("started power.state").size(), heard.heard.toString());
            assertEquals(queued, heard.starting("succeeded power.state").size() + heard.starting("failed power.state").size(),
                    heard.heard.toString());
            // Reads that expired while queued behind a stalled one left scripted answers unused: use them up.
            for (int left = kinds.size() - server.requests("GET", SYSTEM).size() + 1; left > 0; left--) {
                try {
                    client.require(PowerControl.class).powerState(); // two GETs: the capability's probe and the read
                } catch (BareMetalException e) {
                    // a scripted failure
                }
            }
            PowerControl power = client.require(PowerControl.class);
            long t0 = System.nanoTime();
            assertEquals(PowerState.OFF, power.powerState(), "the fake's own answer");
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < TIMEOUT.toMillis(), "a slot of the budget leaked");
        }
    }
}
