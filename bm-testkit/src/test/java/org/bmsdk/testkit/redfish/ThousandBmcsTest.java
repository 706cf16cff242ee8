package org.bmsdk.testkit.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.machine.MachineSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A thousand BMCs in one JVM on one reactor, each on its own port of 127.0.0.1 over HTTPS, each
 * read once for its power state by the JDK's HTTP client (64 requests in flight). Prints the time
 * and memory it took; must stay well under 30 s.
 */
@Tag("fleet")
class ThousandBmcsTest {

    private static final int BMCS = 1000;

    @Test
    void aThousandBmcsAnswerTheirPowerState() {
        long heapBefore = usedHeapAfterGc();
        int threadsBefore = Thread.activeCount();
        long t0 = System.nanoTime();
        try (RedfishLab lab = RedfishLab.create()) {
            List<SimulatedRedfish> fleet = lab.startFleet(BMCS, RedfishSpec.defaults(),
                    i -> MachineSpec.builder("node-" + i).consoleCapacity(16 * 1024).build(),
                    FleetAddressing.SHARED_ADDRESS);
            for (int i = 0; i < BMCS; i += 2) {
                fleet.get(i).machines().get(0).powerOn();
            }
            long t1 = System.nanoTime();
            long heapStarted = usedHeapAfterGc();
            int threadsStarted = Thread.activeCount();

            HttpClient client = TestClient.httpClient(lab.caCertificate(), Duration.ofSeconds(10));
            String auth = "Basic " + Base64.getEncoder().encodeToString("admin:password".getBytes(StandardCharsets.UTF_8));
            Semaphore inFlight = new Semaphore(64);
            AtomicInteger right = new AtomicInteger();
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (SimulatedRedfish bmc : fleet) {
                inFlight.acquireUninterruptibly();
                HttpRequest req = HttpRequest.newBuilder(URI.create(bmc.baseUri() + "/redfish/v1/Systems/1"))
                        .header("Authorization", auth).timeout(Duration.ofSeconds(20)).build();
                all.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
                    inFlight.release();
                    PowerState expected = bmc.machines().get(0).powerState();
                    String got = e != null ? e.toString() : r.statusCode() != 200 ? "HTTP " + r.statusCode()
                            : powerState(r.body());
                    if (got.equals(expected == PowerState.ON ? "On" : "Off")) {
                        right.incrementAndGet();
                    } else {
                        wrong.add(bmc.baseUri() + ": " + got);
                    }
                    return null;
                }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            long t2 = System.nanoTime();
            System.out.printf("%d BMCs: started in %d ms, read in %d ms; heap %d MiB before, %d MiB with the fleet"
                    + " (%d KiB per BMC and machine); threads %d before, %d with the fleet; open connections %d%n",
                    BMCS, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, heapBefore >> 20, heapStarted >> 20,
                    (heapStarted - heapBefore) / BMCS >> 10, threadsBefore, threadsStarted, lab.openConnections());
            assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())));
            assertEquals(BMCS, right.get());
            assertTrue(t2 - t0 < 30_000_000_000L, "took " + (t2 - t0) / 1_000_000 + " ms");
        }
    }

    private static String powerState(String body) {
        try {
            JsonNode n = TestClient.JSON.readTree(body);
            return n.get("PowerState").asText();
        } catch (java.io.IOException e) {
            return "not JSON";
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
