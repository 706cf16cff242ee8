package org.bmsdk.testkit.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.docs.DocSnippets;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/REDFISH-SIMULATOR.md, compiled and run. Regions between {@code tag::NAME[]}
 * and {@code end::NAME[]} must appear verbatim in that document.
 */
class RedfishSimulatorDocTest {

    private static final String DOC = "docs/REDFISH-SIMULATOR.md";

    @Test
    void theExampleRuns() throws Exception {
        // tag::example[]
        ManualClock clock = ManualClock.create();
        try (SimulatedMachine machine = SimulatedMachine.create(MachineSpec.builder("node-1").build(), clock);
             SimulatedRedfish bmc = SimulatedRedfish.start(RedfishSpec.builder().clock(clock).build(), machine)) {
            // Script: the BMC's next answer is a 503 with Retry-After, as a busy BMC's is.
            bmc.faults().serviceUnavailable(1, Duration.ofSeconds(2));

            // Run: any client, over HTTPS, trusting the CA the simulator made at start.
            HttpClient http = HttpClient.newBuilder().sslContext(trusting(bmc.caCertificate())).build();
            HttpRequest powerOn = HttpRequest.newBuilder(
                            bmc.baseUri().resolve("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset"))
                    .header("Authorization", basic("admin", "password"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ResetType\": \"On\"}"))
                    .build();
            HttpResponse<String> busy = http.send(powerOn, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> done = http.send(powerOn, HttpResponse.BodyHandlers.ofString());

            // Verify: on the wire, and on the machine behind the BMC.
            assertEquals(503, busy.statusCode());
            assertEquals("2", busy.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(204, done.statusCode());
            assertEquals(PowerState.ON, machine.powerState());
            clock.advance(Duration.ofMinutes(1));
            assertEquals(OsState.RUNNING, machine.osState());
        }
        // end::example[]
    }

    @Test
    void everyTaggedRegionAppearsVerbatimInTheDocument() {
        DocSnippets.assertShownIn(DOC, RedfishSimulatorDocTest.class);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static javax.net.ssl.SSLContext trusting(Path caPem) {
        return TestClient.trusting(caPem);
    }
}
