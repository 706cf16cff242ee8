package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.redfish.RedfishDriverProvider;
import org.bmsdk.hardware.redfish.RedfishOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bmctl console --for} against a {@code bmctl lab} machine's IPMI BMC: the simulated
 * machine's boot text, printed while the console is attached, is what bmctl prints. The machine
 * is driven over its other BMC (Redfish), so the console's IPMI session is the only one.
 */
class ConsoleLabTest {

    @AfterEach
    void restore() {
        ConsoleCommand.terminal = () -> System.console() != null;
    }

    @Test
    void streamsTheSimulatedConsoleOfALabMachine() throws Exception {
        ConsoleCommand.terminal = () -> false;
        try (LabProcess lab = LabProcess.start("--http", "--machines", "1")) {
            String ipmi = lab.json().get("machines").get(0).get("ipmi").asText();
            Map<String, String> env = lab.env();
            // The console shows only what the machine prints once it is attached, so the machine
            // is reset every 2 s while it is: at least one whole boot falls inside the window.
            CompletableFuture<Run> console = CompletableFuture.supplyAsync(() -> Run.of(env, "console", "--endpoint", ipmi, "--for", "10s"));
            try (BmcClient redfish = RedfishDriverProvider.create(RedfishOptions.defaults()).connect(
                    BmcEndpoint.builder(lab.endpoint(0)).credentials(CredentialRef.inline(Credentials.of(
                            env.get("BMCTL_USERNAME"), env.get("BMCTL_PASSWORD")))).build(), DriverContext.defaults())) {
                PowerControl power = redfish.require(PowerControl.class);
                power.perform(PowerAction.ON, Duration.ofSeconds(30));
                // A reboot every 2 s until the console's window ends (no sooner: the wait returns with it).
                while (!awaitDone(console, Duration.ofSeconds(2))) {
                    power.perform(PowerAction.REBOOT, Duration.ofSeconds(30));
                }
            }
            Run r = console.get(60, TimeUnit.SECONDS);
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().contains("BIOS POST: "), r.out());
            assertTrue(r.out().contains("node-0 login: "), r.out());
            // The console is free again: a second one attaches (the simulator answers 80h while one is active).
            Run again = Run.of(env, "console", "--endpoint", ipmi, "--for", "500ms");
            assertEquals(0, again.status(), again.toString());
        }
    }

    @Test
    void streamsALabMachinesVendorSshConsole() throws Exception {
        ConsoleCommand.terminal = () -> false;
        try (LabProcess lab = LabProcess.start("--http", "--machines", "2", "--switches", "0")) {
            String knownHosts = lab.json().get("console_known_hosts").asText();
            Map<String, String> env = lab.env();
            for (int i = 0; i < 2; i++) {
                String endpoint = lab.json().get("machines").get(i).get("console").asText();
                assertTrue(endpoint.startsWith(i == 0 ? "ssh+idrac://127.0.0.1:" : "ssh+ilo://127.0.0.1:"), endpoint);
                CompletableFuture<Run> console = CompletableFuture.supplyAsync(() -> Run.of(env, "console", "--endpoint", endpoint,
                        "--known-hosts", knownHosts, "--for", "6s"));
                try (BmcClient redfish = RedfishDriverProvider.create(RedfishOptions.defaults()).connect(
                        BmcEndpoint.builder(lab.endpoint(i)).credentials(CredentialRef.inline(Credentials.of(
                                env.get("BMCTL_USERNAME"), env.get("BMCTL_PASSWORD")))).build(), DriverContext.defaults())) {
                    PowerControl power = redfish.require(PowerControl.class);
                    // the console logs in first; a boot every 2 s until its window ends
                    Thread.sleep(1500);
                    power.perform(PowerAction.ON, Duration.ofSeconds(30));
                    while (!awaitDone(console, Duration.ofSeconds(2))) {
                        power.perform(PowerAction.REBOOT, Duration.ofSeconds(30));
                    }
                }
                Run r = console.get(60, TimeUnit.SECONDS);
                assertEquals(0, r.status(), r.toString());
                assertTrue(r.out().contains("node-" + i + " login: "), r.out());
                // the CLI conversation stays out of what the console shows
                assertFalse(r.out().contains("racadm>>") || r.out().contains("hpiLO->"), r.out());
            }
        }
    }

    /** Whether the future completed within the wait; its outcome is read later. */
    private static boolean awaitDone(CompletableFuture<?> f, Duration wait) throws InterruptedException {
        try {
            f.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException notYet) {
            return false;
        } catch (java.util.concurrent.ExecutionException failed) {
            // reported where the test reads the result
        }
        return true;
    }
}
