package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What a broken or hostile BMC sends becomes a typed error naming the BMC and the operation, and no secret. */
class BadInputTest {

    private final FakeRedfish bmc = FakeRedfish.of("Contoso");

    private <T extends BareMetalException> T fails(Class<T> type, ScriptedServer server, String operation, Executable call) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
        assertTrue(e.getMessage().contains(operation), e.getMessage());
        assertEquals(operation, e.context().operation());
        assertFalse(e.getMessage().contains(FakeRedfish.PASSWORD));
        bmc.issuedTokens().forEach(t -> assertFalse(e.getMessage().contains(t)));
        return e;
    }

    @Test
    void malformedJson() {
        try (ScriptedServer server = bmc.serve()) {
            server.enqueue("GET", "/redfish/v1/", Reply.json(200, "{\"Systems\": {\"@odata.id\": "));
            DeviceException e = fails(DeviceException.class, server, "connect", () -> Clients.connect(server));
            assertEquals("bm.InvalidJson", e.deviceCode());
        }
    }

    @Test
    void jsonThatIsNotAnObject() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("GET", FakeRedfish.SYSTEM, Reply.json(200, "[1, 2, 3]"));
            DeviceException e = fails(DeviceException.class, server, "power.state", power::powerState);
            assertEquals("bm.InvalidJson", e.deviceCode());
        }
    }

    @Test
    void aMissingCollection() {
        bmc.put("/redfish/v1/", "{\"SessionService\": {\"@odata.id\": \"/redfish/v1/SessionService\"}}");
        try (ScriptedServer server = bmc.serve()) {
            DeviceException e = fails(DeviceException.class, server, "connect", () -> Clients.connect(server));
            assertEquals("bm.NoSystems", e.deviceCode());
            assertTrue(bmc.openTokens().isEmpty(), "logged out on the way out");
        }
    }

    @Test
    void mistypedProperties() {
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", 42);
        bmc.resource(FakeRedfish.SYSTEM).withObjectProperty("Actions").withObjectProperty("#ComputerSystem.Reset").put("target", 17);
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            assertEquals(PowerState.UNKNOWN, power.powerState(), "an optional property of the wrong type reads as absent");
            DeviceException e = fails(DeviceException.class, server, "power.on", () -> power.perform(PowerAction.ON, Duration.ofSeconds(1)));
            assertEquals("bm.MissingProperty", e.deviceCode());
            assertTrue(e.getMessage().contains("Actions.#ComputerSystem.Reset.target"), e.getMessage());
        }
    }

    @Test
    void wrongContentType() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("GET", FakeRedfish.SYSTEM, Reply.body(200, "text/html", "<html>login</html>"));
            DeviceException e = fails(DeviceException.class, server, "power.state", power::powerState);
            assertEquals("bm.WrongContentType", e.deviceCode());
        }
    }

    @Test
    void anOversizedBodyIsCutOff() {
        RedfishOptions small = Clients.FAST.toBuilder().maxResponseBytes(64 * 1024).build();
        try (ScriptedServer server = bmc.serve();
                BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).build(), small, EventListener.NONE)) {
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("GET", FakeRedfish.SYSTEM, Reply.endless(200L * 1024 * 1024));
            long start = System.nanoTime();
            DeviceException e = fails(DeviceException.class, server, "power.state", power::powerState);
            assertEquals("bm.BodyTooLarge", e.deviceCode());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "the rest of the body was not read");
        }
    }

    @Test
    void aRedirectLoop() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("GET", FakeRedfish.SYSTEM, Reply.status(302).header("Location", "/redfish/v1/Systems/1b"));
            server.enqueue("GET", "/redfish/v1/Systems/1b", Reply.status(302).header("Location", FakeRedfish.SYSTEM));
            DeviceException e = fails(DeviceException.class, server, "power.state", power::powerState);
            assertEquals("bm.RedirectLoop", e.deviceCode());
        }
    }

    @Test
    void aRedirectToAnotherHostIsRefused() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("GET", FakeRedfish.SYSTEM, Reply.status(307).header("Location", "http://198.51.100.7/steal"));
            DeviceException e = fails(DeviceException.class, server, "power.state", power::powerState);
            assertEquals("bm.ForeignLink", e.deviceCode());
            assertEquals(1, server.requests("GET", FakeRedfish.SYSTEM).size() - 1, "nothing followed");
        }
    }

    @Test
    void aBmcThatHangsMidResponseTimesOut() {
        RedfishOptions once = Clients.FAST.toBuilder().maxAttempts(2).build();
        try (ScriptedServer server = bmc.serve();
                BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).requestTimeout(Duration.ofMillis(400)).build(), once,
                        EventListener.NONE)) {
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("GET", FakeRedfish.SYSTEM, Reply.hang("{\"PowerState\": \"On\"}"), Reply.hang("{\"PowerState\": \"On\"}"));
            long start = System.nanoTime();
            OperationTimeoutException e = fails(OperationTimeoutException.class, server, "power.state", power::powerState);
            assertTrue(e.isRetryable());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
        }
    }

    @Test
    void garbageInAnInventoryIsATypedError() {
        bmc.resource(FakeRedfish.SYSTEM).putObject("Processors").put("@odata.id", "/redfish/v1/Systems/1/Processors");
        bmc.put("/redfish/v1/Systems/1/Processors", "{\"Members\": [{\"@odata.id\": \"/redfish/v1/Systems/1/Processors/1\"}]}");
        bmc.put("/redfish/v1/Systems/1/Processors/1", "{\"TotalCores\": \"many\", \"InstructionSet\": 3, \"Model\": [\"x\"]}");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            var inv = client.require(Inventory.class).inventory();
            assertEquals(1, inv.cpus().size());
            assertEquals(1, inv.cpus().get(0).cores(), "unreadable counts fall back to the minimum the model allows");
        }
    }
}
