package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.VirtualMedia;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Recorded;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Reply;
import org.bmsdk.hardware.redfish.internal.RedfishBmcClient;
import org.junit.jupiter.api.Test;

/** Each vendor quirk changes what the driver sends, against a fake whose service root names the vendor. */
class QuirksTest {

    private static final String RESET = "/redfish/v1/Systems/1/Actions/ComputerSystem.Reset";
    private static final String INSERT = FakeRedfish.CD + "/Actions/VirtualMedia.InsertMedia";
    private static final String MONITOR = "/redfish/v1/TaskService/Tasks/JID_1";
    private static final URI IMAGE = URI.create("http://images.example/boot.iso");

    private static String quirkName(BmcClient client) {
        return ((RedfishBmcClient) client).quirks().name();
    }

    private static String busy(String id) {
        return "{\"error\": {\"@Message.ExtendedInfo\": [{\"MessageId\": \"" + id + "\", \"Message\": \"not ready\"}]}}";
    }

    private static String licence(String id) {
        return "{\"error\": {\"@Message.ExtendedInfo\": [{\"MessageId\": \"" + id + "\", \"Message\": \"a licence is required\"}]}}";
    }

    /** Puts a second virtual CD under the system, so that placement decides which one is used. */
    private static void addSystemCd(FakeRedfish bmc) {
        bmc.resource(FakeRedfish.SYSTEM).putObject("VirtualMedia").put("@odata.id", "/redfish/v1/Systems/1/VirtualMedia");
        bmc.put("/redfish/v1/Systems/1/VirtualMedia", "{\"Members\": [{\"@odata.id\": \"/redfish/v1/Systems/1/VirtualMedia/1\"}]}");
        bmc.put("/redfish/v1/Systems/1/VirtualMedia/1", "{\"Id\": \"1\", \"MediaTypes\": [\"DVD\"], \"Inserted\": false}");
    }

    @Test
    void dellBusyMessagesAreRetriedEvenForWrites() {
        FakeRedfish bmc = FakeRedfish.of("Dell");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            assertEquals("Dell iDRAC", quirkName(client));
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("POST", RESET, Reply.json(503, busy("IDRAC.2.8.SYS518")), Reply.json(400, busy("IDRAC.1.6.SWC0700")));
            power.perform(PowerAction.ON, Duration.ofSeconds(5));
            assertEquals(3, server.requests("POST", RESET).size());
        }
        FakeRedfish generic = FakeRedfish.of("Contoso");
        try (ScriptedServer server = generic.serve(); BmcClient client = Clients.connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            server.enqueue("POST", RESET, Reply.json(503, busy("IDRAC.2.8.SYS518")));
            assertThrows(DeviceException.class, () -> power.perform(PowerAction.ON, Duration.ofSeconds(5)));
            assertEquals(1, server.requests("POST", RESET).size(), "unknown to the generic table: not retried");
        }
    }

    @Test
    void dellLicenceRefusalMakesVirtualMediaNotLicensed() {
        FakeRedfish bmc = FakeRedfish.of("Dell");
        bmc.action(INSERT, r -> Reply.json(403, licence("IDRAC.2.8.LIC501")));
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> client.require(VirtualMedia.class).insert(IMAGE));
            assertEquals(UnsupportedCapabilityException.Reason.NOT_LICENSED, e.reason());
            assertEquals(UnsupportedCapabilityException.Reason.NOT_LICENSED, client.whyUnavailable(VirtualMedia.class).orElseThrow().reason());
            assertTrue(client.capability(VirtualMedia.class).isEmpty());
        }
    }

    @Test
    void dellTasksThatVanishAtOnceAreReadBack() {
        FakeRedfish bmc = FakeRedfish.of("Dell");
        bmc.action(INSERT, r -> {
            bmc.resource(FakeRedfish.CD).put("Image", IMAGE.toString()).put("Inserted", true);
            return Reply.status(202).header("Location", MONITOR);
        });
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            server.enqueue("GET", MONITOR, Reply.status(404));
            client.require(VirtualMedia.class).insert(IMAGE);
            assertEquals(Optional.of(IMAGE), client.require(VirtualMedia.class).inserted());
        }
    }

    @Test
    void dellBiosChangesAreAppliedAtTheNextReset() {
        FakeRedfish bmc = FakeRedfish.of("Dell");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            client.require(BiosSettings.class).update(Map.of("BootMode", "Legacy"));
            String body = server.requests("PATCH", "/redfish/v1/Systems/1/Bios/Settings").get(0).body();
            assertTrue(body.contains("\"@Redfish.SettingsApplyTime\":{\"ApplyTime\":\"OnReset\"}"), body);
        }
    }

    @Test
    void dellLooksForVirtualMediaUnderTheSystemAndHpeUnderTheManager() {
        FakeRedfish dell = FakeRedfish.of("Dell");
        addSystemCd(dell);
        try (ScriptedServer server = dell.serve(); BmcClient client = Clients.connect(server)) {
            client.require(VirtualMedia.class).inserted();
            assertTrue(server.requests("GET", FakeRedfish.CD).isEmpty());
            assertEquals(1, server.requests("GET", "/redfish/v1/Systems/1/VirtualMedia/1").size() - 1);
        }
        FakeRedfish hpe = FakeRedfish.of("HPE");
        addSystemCd(hpe);
        try (ScriptedServer server = hpe.serve(); BmcClient client = Clients.connect(server)) {
            assertEquals("HPE iLO", quirkName(client));
            client.require(VirtualMedia.class).inserted();
            assertTrue(server.requests("GET", "/redfish/v1/Systems/1/VirtualMedia/1").isEmpty());
        }
    }

    @Test
    void hpeLicenceRefusalMakesVirtualMediaNotLicensed() {
        FakeRedfish bmc = FakeRedfish.of("HPE");
        bmc.action(INSERT, r -> Reply.json(400, licence("iLO.2.14.LicenseKeyRequired")));
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> client.require(VirtualMedia.class).insert(IMAGE));
            assertEquals(UnsupportedCapabilityException.Reason.NOT_LICENSED, e.reason());
        }
    }

    @Test
    void hpePowerCycleIsOffThenOnAndSoftOffPressesTheButtonWithoutGracefulShutdown() {
        FakeRedfish bmc = FakeRedfish.of("HPE");
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On");
        bmc.resource(FakeRedfish.SYSTEM).withObjectProperty("Actions").withObjectProperty("#ComputerSystem.Reset")
                .putArray("ResetType@Redfish.AllowableValues").add("On").add("ForceOff").add("ForceRestart").add("PushPowerButton")
                .add("PowerCycle");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            power.perform(PowerAction.POWER_CYCLE, Duration.ofSeconds(5));
            assertEquals(List.of("ForceOff", "On"), bmc.resets(), "the table gives iLO no native PowerCycle");
            assertTrue(power.gracefulShutdown(Duration.ofSeconds(5), false));
            assertEquals("PushPowerButton", bmc.resets().get(2));
        }
    }

    @Test
    void hpeResetBiosSendsAnEmptyObjectFirst() {
        FakeRedfish bmc = FakeRedfish.of("HPE");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            client.require(BiosSettings.class).resetToDefaults();
            List<Recorded> posts = server.requests("POST", "/redfish/v1/Systems/1/Bios/Actions/Bios.ResetBios");
            assertEquals(1, posts.size());
            assertEquals("{}", posts.get(0).body());
        }
    }

    @Test
    void hpeIlo4WithoutAVendorIsRecognisedByItsOem() {
        FakeRedfish bmc = FakeRedfish.of("ignored");
        bmc.resource("/redfish/v1/").remove("Vendor");
        bmc.resource("/redfish/v1/").putObject("Oem").putObject("Hp");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            assertEquals("HPE iLO", quirkName(client));
        }
    }

    @Test
    void lenovoAlwaysSendsIfMatch() {
        FakeRedfish bmc = FakeRedfish.of("Lenovo");
        try (ScriptedServer server = ScriptedServer.start()) {
            server.dispatcher(r -> bmc.apply(r).withoutHeader("ETag"));
            try (BmcClient client = Clients.connect(server)) {
                assertEquals("Lenovo XCC", quirkName(client));
                client.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE));
            }
            List<Recorded> patches = server.requests("PATCH", FakeRedfish.SYSTEM);
            assertEquals(1, patches.size());
            assertEquals("*", patches.get(0).header("If-Match"));
        }
    }

    @Test
    void supermicroNamesTheTransferProtocolAndSendsNoIfMatch() {
        FakeRedfish bmc = FakeRedfish.of("Supermicro");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            assertEquals("Supermicro", quirkName(client));
            client.require(VirtualMedia.class).insert(URI.create("https://images.example/boot.iso"));
            assertTrue(server.requests("POST", INSERT).get(0).body().contains("\"TransferProtocolType\":\"HTTPS\""));
            client.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.CDROM));
            assertNull(server.requests("PATCH", FakeRedfish.SYSTEM).get(0).header("If-Match"));
        }
    }

    @Test
    void openBmcTasksVanishAndTheTransferProtocolIsNamed() {
        FakeRedfish bmc = FakeRedfish.of("OpenBMC");
        bmc.action(INSERT, r -> {
            bmc.resource(FakeRedfish.CD).put("Image", IMAGE.toString()).put("Inserted", true);
            return Reply.status(202).header("Location", MONITOR);
        });
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            assertEquals("OpenBMC", quirkName(client));
            server.enqueue("GET", MONITOR, Reply.status(404));
            client.require(VirtualMedia.class).insert(IMAGE);
            assertTrue(server.requests("POST", INSERT).get(0).body().contains("\"TransferProtocolType\":\"HTTP\""));
        }
    }

    @Test
    void genericServicesSendTheETagTheyHave() {
        FakeRedfish bmc = FakeRedfish.of("Contoso");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            assertEquals("generic", quirkName(client));
            client.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE));
            assertNotNull(server.requests("PATCH", FakeRedfish.SYSTEM).get(0).header("If-Match"));
        }
    }
}
