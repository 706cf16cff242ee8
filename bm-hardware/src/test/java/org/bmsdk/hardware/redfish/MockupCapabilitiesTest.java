package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bmsdk.api.UnsupportedCapabilityException.Reason;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.DiskErase;
import org.bmsdk.api.bmc.FirmwareInventory;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.api.bmc.VirtualMedia;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.MockupServer;
import org.bmsdk.hardware.redfish.fixture.Mockups;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The read side of every capability against every DMTF mockup, checked against the mockup files. */
class MockupCapabilitiesTest {

    @TestFactory
    Stream<DynamicTest> everyMockup() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path mockup : Mockups.all()) {
            tests.add(DynamicTest.dynamicTest(mockup.getFileName().toString(), () -> check(mockup)));
        }
        return tests.stream();
    }

    private static void check(Path mockup) {
        String systemPath = Mockups.links(Mockups.read(mockup, "/redfish/v1/Systems").path("Members")).get(0);
        JsonNode system = Mockups.read(mockup, systemPath);
        try (MockupServer server = MockupServer.start(mockup, FakeRedfish.USER, FakeRedfish.PASSWORD);
                BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).build(), Clients.FAST, EventListener.NONE)) {
            assertEquals(system.path("PowerState").asText().equals("On") ? PowerState.ON : PowerState.OFF,
                    client.require(PowerControl.class).powerState());
            assertEquals(system.path("Boot").path("BootSourceOverrideEnabled").asText().equals("Disabled"),
                    client.require(BootControl.class).bootOverride().isEmpty());

            HealthStatus expected = worst(system, Mockups.read(mockup, Mockups.links(system.path("Links").path("Chassis")).get(0)),
                    Mockups.read(mockup, Mockups.links(system.path("Links").path("ManagedBy")).get(0)));
            assertEquals(expected, client.require(Health.class).health().status());

            Map<String, String> attributes = new TreeMap<>();
            Mockups.read(mockup, system.path("Bios").path("@odata.id").asText()).path("Attributes").properties()
                    .forEach(f -> attributes.put(f.getKey(), f.getValue().asText()));
            assertEquals(attributes, client.require(BiosSettings.class).attributes());

            int entries = 0;
            for (JsonNode service : Mockups.members(mockup, system.path("LogServices").path("@odata.id").asText())) {
                entries += Mockups.read(mockup, service.path("Entries").path("@odata.id").asText()).path("Members").size();
            }
            assertEquals(entries, client.require(SystemEventLog.class).entries().size(), "a nextLink the mockup ignores is not followed twice");

            assertEquals(system.path("BiosVersion").asText(), client.require(FirmwareInventory.class).firmware().bios());
            assertFalse(client.require(FirmwareInventory.class).firmware().bmc().isEmpty());

            // A virtual CD held by a console applet is not usable now, and the reason says so.
            List<JsonNode> cds = cdSlots(mockup, system);
            boolean held = !cds.isEmpty() && cds.stream().allMatch(s -> s.path("ConnectedVia").asText("").equals("Applet")
                    && s.path("Inserted").asBoolean(true) && !s.path("Image").asText("").isEmpty());
            assertEquals(held ? java.util.Optional.of(Reason.NOT_IN_CURRENT_STATE) : java.util.Optional.empty(),
                    client.whyUnavailable(VirtualMedia.class).map(u -> u.reason()));
            assertEquals(Reason.NOT_OFFERED, client.whyUnavailable(SerialConsole.class).orElseThrow().reason());
            boolean erasable = mockup.getFileName().toString().equals("public-localstorage");
            assertEquals(erasable, client.capability(DiskErase.class).isPresent(), String.valueOf(client.whyUnavailable(DiskErase.class)));
            assertTrue(server.requests() > 0);
        }
    }

    /** The CD/DVD slots where the generic quirks look first: the system's, else the manager's. */
    private static List<JsonNode> cdSlots(Path mockup, JsonNode system) {
        String col = system.has("VirtualMedia") ? system.path("VirtualMedia").path("@odata.id").asText()
                : Mockups.read(mockup, Mockups.links(system.path("Links").path("ManagedBy")).get(0)).path("VirtualMedia").path("@odata.id").asText();
        return Mockups.members(mockup, col).stream().filter(s -> s.path("MediaTypes").toString().matches(".*\"(CD|DVD)\".*")).toList();
    }

    private static HealthStatus worst(JsonNode... parts) {
        HealthStatus w = HealthStatus.UNKNOWN;
        for (JsonNode p : parts) {
            for (String field : List.of("Health", "HealthRollup")) {
                HealthStatus s = switch (p.path("Status").path(field).asText("")) {
                    case "OK" -> HealthStatus.OK;
                    case "Warning" -> HealthStatus.WARNING;
                    case "Critical" -> HealthStatus.CRITICAL;
                    default -> HealthStatus.UNKNOWN;
                };
                if (s.compareTo(HealthStatus.UNKNOWN) < 0 && (w == HealthStatus.UNKNOWN || s.compareTo(w) > 0)) {
                    w = s;
                }
            }
        }
        return w;
    }
}
