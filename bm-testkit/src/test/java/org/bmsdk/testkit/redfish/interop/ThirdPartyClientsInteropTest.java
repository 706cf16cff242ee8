package org.bmsdk.testkit.redfish.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.bmsdk.testkit.redfish.VirtualMediaPlacement;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real third-party Redfish clients against the simulator: OpenStack sushy over HTTPS, verifying
 * the certificate against the simulator's CA, and DMTF's redfishtool over plain HTTP with
 * {@code -S Never} and over HTTPS with {@code -S Always} (redfishtool never verifies certificates).
 * Each step is followed by a read-back on the {@link SimulatedMachine}.
 */
@Tag("interop")
class ThirdPartyClientsInteropTest {

    private static final Duration POST = Duration.ofSeconds(5);
    private static final Duration BOOT = Duration.ofSeconds(30);
    private static final Duration SHUTDOWN = Duration.ofSeconds(10);
    private static final String ISO = "http://127.0.0.1:8080/boot.iso";

    @BeforeAll
    static void peers() {
        RedfishPeers.require();
    }

    @ParameterizedTest(name = "{0} over {1}, virtual media under the {2}")
    @CsvSource({"sushy, https, MANAGER", "sushy, https, SYSTEM", "redfishtool, http, MANAGER",
            "redfishtool, https, SYSTEM"})
    void aRealClientDrivesTheMachine(String client, String scheme, VirtualMediaPlacement placement) {
        ManualClock clock = ManualClock.create();
        try (SimulatedMachine m = SimulatedMachine.create(MachineSpec.builder("node-1").postTime(POST)
                .bootTime(BOOT).shutdownTime(SHUTDOWN).build(), clock);
             SimulatedRedfish bmc = SimulatedRedfish.start(RedfishSpec.builder().clock(clock)
                     .tls(scheme.equals("https")).virtualMediaPlacement(placement).build(), m)) {

            assertEquals("Off", step(client, bmc, "power").get("PowerState").asText());
            step(client, bmc, "reset:On");
            assertEquals(PowerState.ON, m.powerState());
            clock.advance(POST.plus(BOOT));
            assertEquals(OsState.RUNNING, m.osState());
            assertEquals("On", step(client, bmc, "power").get("PowerState").asText());

            step(client, bmc, "reset:GracefulShutdown");
            assertEquals(OsState.SHUTTING_DOWN, m.osState());
            clock.advance(SHUTDOWN);
            assertEquals(PowerState.OFF, m.powerState());

            step(client, bmc, "reset:On");
            clock.advance(POST.plus(BOOT));
            step(client, bmc, "reset:Nmi");
            assertEquals(OsState.PANICKED, m.osState());
            assertTrue(m.console().text().contains("Kernel panic - not syncing: NMI"));
            step(client, bmc, "reset:ForceOff");
            assertEquals(PowerState.OFF, m.powerState());

            JsonNode boot = step(client, bmc, "boot:Pxe:Once");
            assertEquals("Pxe", boot.get("target").asText());
            assertEquals(BootDevice.PXE, m.bootOverride().orElseThrow().device());
            assertEquals(BootPersistence.ONCE, m.bootOverride().orElseThrow().persistence());

            JsonNode inserted = step(client, bmc, "vmedia-insert:" + ISO);
            assertTrue(inserted.get("inserted").asBoolean());
            assertTrue(inserted.get("path").asText().startsWith(placement == VirtualMediaPlacement.MANAGER
                    ? "/redfish/v1/Managers/1/" : "/redfish/v1/Systems/1/"), inserted.toString());
            assertEquals(Optional.of(ISO), m.virtualMedia());
            step(client, bmc, "vmedia-eject");
            assertEquals(Optional.empty(), m.virtualMedia());

            step(client, bmc, "bios-set:ProcVirtualization=Disabled");
            assertEquals(Map.of("ProcVirtualization", "Disabled"), m.bios().pending());
            step(client, bmc, "bios-reset");
            assertTrue(m.bios().isResetPending());
            step(client, bmc, "reset:On");
            clock.advance(POST);
            assertEquals("Enabled", step(client, bmc, "bios-get:ProcVirtualization").get("ProcVirtualization")
                    .asText());
            assertEquals(BootDevice.PXE, m.lastBoot().orElseThrow().device(), "the boot-once override was used");
            assertTrue(m.bootOverride().isEmpty(), "and then cleared");

            assertEquals("On", step(client, bmc, "session-power").get("PowerState").asText());

            // Every client logged out: nothing leaks towards the session limit.
            assertEquals(0, bmc.sessionCount());
            // Both logged in with a session (POST, then X-Auth-Token) and out with DELETE.
            List<String> calls = bmc.requests().stream().map(r -> r.method() + " " + r.target() + " " + r.status())
                    .toList();
            assertTrue(calls.contains("POST /redfish/v1/SessionService/Sessions 201"), calls.toString());
            assertTrue(calls.stream().anyMatch(c -> c.matches("DELETE /redfish/v1/SessionService/Sessions/\\d+ 204")),
                    calls.toString());
        }
    }

    private static JsonNode step(String client, SimulatedRedfish bmc, String step) {
        List<JsonNode> r = RedfishPeers.run(client, bmc, step);
        assertTrue(r.get(0).get("ok").asBoolean(), r.toString());
        return r.get(0);
    }
}
