package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.testkit.ipmi.IpmiLab;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;
import org.junit.jupiter.api.Test;

/** Many simulated BMCs in one JVM, all read by one selector thread, each answering the driver. */
class IpmiSimulatorFleetTest {

    @Test
    void twoHundredFiftyBmcsEachAnswerAPowerStatus() throws Exception {
        // -Dbm.test.ipmiFleet=1000 for the benchmark's size; it prints how long each part took.
        int count = Integer.getInteger("bm.test.ipmiFleet", 250);
        long t0 = System.nanoTime();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (IpmiLab lab = IpmiLab.create()) {
            List<SimulatedIpmi> fleet = lab.startFleet(count, IpmiSpec.defaults(), i -> MachineSpec.builder("fleet-" + i).consoleCapacity(16 * 1024).build());
            long started = System.nanoTime();
            for (int i = 0; i < count; i += 2) {
                fleet.get(i).machine().powerOn();
            }
            IpmiDriverProvider driver = IpmiDriverProvider.create(IpmiOptions.builder().responseTimeout(Duration.ofMillis(500)).build());
            List<Future<PowerState>> states = new ArrayList<>();
            for (SimulatedIpmi bmc : fleet) {
                states.add(callers.submit(() -> {
                    try (BmcClient client = driver.connect(BmcEndpoint.builder(bmc.uri().toString())
                            .credentials(CredentialRef.inline(Credentials.of("admin", "password"))).build(), DriverContext.defaults())) {
                        return client.require(PowerControl.class).powerState();
                    }
                }));
            }
            for (int i = 0; i < count; i++) {
                assertEquals(i % 2 == 0 ? PowerState.ON : PowerState.OFF, states.get(i).get(60, TimeUnit.SECONDS), "BMC " + i);
            }
            long polled = System.nanoTime();
            System.out.printf("IPMI fleet: started %d BMCs in %d ms; one session and a power status each in %d ms%n", count,
                    (started - t0) / 1_000_000, (polled - started) / 1_000_000);
            long ioThreads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("lab-ipmi-io-")).count();
            assertEquals(1, ioThreads, "one selector thread reads every simulated BMC");
            assertEquals(count, fleet.stream().mapToLong(SimulatedIpmi::requestsAnswered).filter(n -> n > 0).count());
        } finally {
            callers.shutdownNow();
        }
    }
}
