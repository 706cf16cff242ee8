package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Reply;
import org.junit.jupiter.api.Test;

class RetryTest {

    private static final String RESET = "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset";
    private final FakeRedfish bmc = FakeRedfish.of("Contoso");
    private final Clients.Recording events = new Clients.Recording();

    private BmcClient connect(ScriptedServer server) {
        return Clients.connect(Clients.endpoint(server.endpoint()).build(), Clients.FAST, events);
    }

    @Test
    void aBurstOf503OnAReadIsRetriedWithBackoff() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            int before = server.requests("GET", FakeRedfish.SYSTEM).size();
            server.enqueue("GET", FakeRedfish.SYSTEM, Reply.status(503), Reply.status(503), Reply.status(504));
            assertEquals(PowerState.OFF, power.powerState());
            assertEquals(before + 4, server.requests("GET", FakeRedfish.SYSTEM).size());
            assertEquals(3, events.starting("retry power.state").size(), events.heard.toString());
            assertTrue(events.heard.contains("succeeded power.state"));
        }
    }

    @Test
    void readsGiveUpAfterTheLastAttemptWithARetryableError() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            int before = server.requests("GET", FakeRedfish.SYSTEM).size();
            for (int i = 0; i < 5; i++) {
                server.enqueue("GET", FakeRedfish.SYSTEM, Reply.status(503));
            }
            DeviceException e = assertThrows(DeviceException.class, power::powerState);
            assertTrue(e.isRetryable());
            assertEquals(before + 5, server.requests("GET", FakeRedfish.SYSTEM).size());
            assertTrue(events.heard.contains("failed power.state DeviceException"));
        }
    }

    @Test
    void retryAfterOn429IsHonoured() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("GET", FakeRedfish.SYSTEM, Reply.status(429).header("Retry-After", "1"));
            long start = System.nanoTime();
            power.powerState();
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited >= 950, "waited only " + waited + " ms");
            assertTrue(events.heard.contains("retry power.state 1 1000"), events.heard.toString());
        }
    }

    @Test
    void aConnectionResetOnAReadIsRetried() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            int before = server.requests("GET", FakeRedfish.SYSTEM).size();
            server.enqueue("GET", FakeRedfish.SYSTEM, Reply.reset(), Reply.reset());
            assertEquals(PowerState.OFF, power.powerState());
            assertEquals(before + 3, server.requests("GET", FakeRedfish.SYSTEM).size());
        }
    }

    @Test
    void aPostIsNotRetriedOnAPlain500() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            server.enqueue("POST", RESET, Reply.json(500, "{\"error\": {\"code\": \"Base.1.8.InternalError\", \"message\": \"boom\"}}"));
            DeviceException e = assertThrows(DeviceException.class,
                    () -> client.require(PowerControl.class).perform(PowerAction.ON, Duration.ofSeconds(2)));
            assertEquals("Base.1.8.InternalError", e.deviceCode());
            assertFalse(e.isRetryable());
            assertEquals(1, server.requests("POST", RESET).size());
            assertTrue(bmc.resets().isEmpty());
        }
    }

    @Test
    void aPostIsNotRetriedOnA503WithoutRetryAfterNorOnAReset() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("POST", RESET, Reply.status(503));
            assertThrows(DeviceException.class, () -> power.perform(PowerAction.ON, Duration.ofSeconds(2)));
            assertEquals(1, server.requests("POST", RESET).size());
            server.enqueue("POST", RESET, Reply.reset());
            assertThrows(org.bmsdk.api.TransportException.class, () -> power.perform(PowerAction.ON, Duration.ofSeconds(2)));
            assertEquals(2, server.requests("POST", RESET).size());
        }
    }

    @Test
    void aPostIsRetriedWhenTheBmcSaysItIsBusy() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            server.enqueue("POST", RESET,
                    Reply.status(503).header("Retry-After", "0"),
                    Reply.status(429),
                    Reply.json(503, "{\"error\": {\"@Message.ExtendedInfo\": [{\"MessageId\": \"Base.1.12.ServiceTemporarilyUnavailable\"}]}}"));
            client.require(PowerControl.class).perform(PowerAction.ON, Duration.ofSeconds(5));
            assertEquals(4, server.requests("POST", RESET).size());
            assertEquals(1, bmc.resets().size());
            assertEquals(3, events.starting("retry power.on").size());
        }
    }

    @Test
    void aRetryAfterLongerThanAllowedIsGivenUp() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            server.enqueue("PATCH", FakeRedfish.SYSTEM, Reply.status(503).header("Retry-After", "3600"));
            DeviceException e = assertThrows(DeviceException.class,
                    () -> client.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE)));
            assertTrue(e.isRetryable());
            assertEquals(1, server.requests("PATCH", FakeRedfish.SYSTEM).size());
        }
    }
}
