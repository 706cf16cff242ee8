package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.TaskHandle;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.DiskErase;
import org.bmsdk.api.bmc.VirtualMedia;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Reply;
import org.junit.jupiter.api.Test;

class TaskAndMediaTest {

    private static final String INSERT = "/redfish/v1/Managers/1/VirtualMedia/CD/Actions/VirtualMedia.InsertMedia";
    private static final String MONITOR = "/redfish/v1/TaskService/TaskMonitors/7";
    private static final URI IMAGE = URI.create("http://images.example/boot.iso");
    private final FakeRedfish bmc = FakeRedfish.of("Contoso");

    @Test
    void insertsReadsBackAndEjects() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            VirtualMedia vm = client.require(VirtualMedia.class);
            vm.insert(IMAGE);
            assertEquals(Optional.of(IMAGE), vm.inserted());
            assertTrue(server.requests("POST", INSERT).get(0).body().contains("\"Image\":\"http://images.example/boot.iso\""));
            vm.insert(URI.create("https://images.example/other.iso"));
            assertEquals(1, server.requests("POST", FakeRedfish.CD + "/Actions/VirtualMedia.EjectMedia").size(), "ejects the first");
            vm.eject();
            assertEquals(Optional.empty(), vm.inserted());
        }
    }

    @Test
    void insertsByPatchWhenTheSlotHasNoAction() {
        bmc.resource(FakeRedfish.CD).remove("Actions");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            client.require(VirtualMedia.class).insert(IMAGE);
            assertTrue(server.requests("PATCH", FakeRedfish.CD).get(0).body().contains("\"Inserted\":true"));
            assertEquals(Optional.of(IMAGE), client.require(VirtualMedia.class).inserted());
        }
    }

    @Test
    void aBmcThatAsksForTheTransferProtocolGetsIt() {
        bmc.action(INSERT, r -> {
            if (!r.body().contains("TransferProtocolType")) {
                return Reply.json(400, "{\"error\": {\"@Message.ExtendedInfo\": [{\"MessageId\": \"Base.1.8.PropertyMissing\","
                        + " \"Message\": \"The property TransferProtocolType is a required property\"}]}}");
            }
            bmc.resource(FakeRedfish.CD).put("Image", IMAGE.toString()).put("Inserted", true);
            return Reply.status(204);
        });
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            client.require(VirtualMedia.class).insert(IMAGE);
            assertEquals(2, server.requests("POST", INSERT).size());
            assertTrue(server.requests("POST", INSERT).get(1).body().contains("\"TransferProtocolType\":\"HTTP\""));
        }
    }

    @Test
    void anImageTheBmcDidNotMountIsNotApplied() {
        bmc.action(INSERT, r -> Reply.status(204));
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            assertThrows(NotAppliedException.class, () -> client.require(VirtualMedia.class).insert(IMAGE));
        }
    }

    @Test
    void onlyHttpImagesAreAccepted() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            assertThrows(ConfigurationException.class, () -> client.require(VirtualMedia.class).insert(URI.create("file:/etc/passwd")));
        }
    }

    @Test
    void aTaskIsFollowedToItsEnd() {
        bmc.action(INSERT, r -> {
            bmc.resource(FakeRedfish.CD).put("Image", IMAGE.toString()).put("Inserted", true);
            return Reply.status(202).header("Location", MONITOR);
        });
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            server.enqueue("GET", MONITOR,
                    Reply.json(202, "{\"TaskState\": \"Running\"}"),
                    Reply.json(202, "{\"TaskState\": \"Running\"}"),
                    Reply.json(200, "{\"TaskState\": \"Completed\", \"TaskStatus\": \"OK\"}"));
            client.require(VirtualMedia.class).insert(IMAGE);
            assertEquals(3, server.requests("GET", MONITOR).size());
        }
    }

    @Test
    void aTaskThatVanishesAfterRunningIsResolvedByReadingBack() {
        bmc.action(INSERT, r -> {
            bmc.resource(FakeRedfish.CD).put("Image", IMAGE.toString()).put("Inserted", true);
            return Reply.status(202).header("Location", MONITOR);
        });
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            server.enqueue("GET", MONITOR, Reply.json(202, "{\"TaskState\": \"Running\"}"), Reply.status(404));
            client.require(VirtualMedia.class).insert(IMAGE);
            assertEquals(Optional.of(IMAGE), client.require(VirtualMedia.class).inserted());
        }
    }

    @Test
    void aTaskMonitorThatWasNeverThereIsAnError() {
        bmc.action(INSERT, r -> Reply.status(202).header("Location", MONITOR));
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            DeviceException e = assertThrows(DeviceException.class, () -> client.require(VirtualMedia.class).insert(IMAGE));
            assertEquals("bm.TaskNotFound", e.deviceCode());
        }
    }

    @Test
    void aFailedTaskSaysWhy() {
        bmc.action(INSERT, r -> Reply.status(202).header("Location", MONITOR));
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            server.enqueue("GET", MONITOR, Reply.json(200, """
                {"TaskState": "Exception", "TaskStatus": "Critical",
                 "Messages": [{"MessageId": "Base.1.8.ResourceCannotBeCreated", "Message": "image unreachable"}]}
                """));
            DeviceException e = assertThrows(DeviceException.class, () -> client.require(VirtualMedia.class).insert(IMAGE));
            assertEquals("Base.1.8.ResourceCannotBeCreated", e.deviceCode());
            assertTrue(e.getMessage().contains("image unreachable"));
        }
    }

    @Test
    void biosChangesAreTypedLikeTheCurrentValuesAndReadBack() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            BiosSettings bios = client.require(BiosSettings.class);
            assertEquals(Map.of("BootMode", "Uefi", "ProcCores", "8", "SriovEnable", "false"), bios.attributes());
            bios.update(Map.of("ProcCores", "4", "SriovEnable", "true"));
            String body = server.requests("PATCH", "/redfish/v1/Systems/1/Bios/Settings").get(0).body();
            assertTrue(body.contains("\"ProcCores\":4") && body.contains("\"SriovEnable\":true"), body);
        }
    }

    @Test
    void biosChangesTheBmcDropsAreNotApplied() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            server.enqueue("PATCH", "/redfish/v1/Systems/1/Bios/Settings", Reply.status(204));
            assertThrows(NotAppliedException.class, () -> client.require(BiosSettings.class).update(Map.of("BootMode", "Legacy")));
        }
    }

    @Test
    void resetBiosIsSentAgainWithAnEmptyObjectWhenTheBmcWantsOne() {
        String reset = "/redfish/v1/Systems/1/Bios/Actions/Bios.ResetBios";
        bmc.action(reset, r -> r.body().isEmpty() ? Reply.status(415) : Reply.status(204));
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            client.require(BiosSettings.class).resetToDefaults();
            assertEquals(2, server.requests("POST", reset).size());
            assertEquals("{}", server.requests("POST", reset).get(1).body());
        }
    }

    @Test
    void diskEraseStartsEveryDriveAndFollowsTheirTasks() {
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On");
        String d1 = "/redfish/v1/Systems/1/Storage/1/Drives/D1/Actions/Drive.SecureErase";
        bmc.action(d1, r -> Reply.status(202).header("Location", MONITOR));
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            server.enqueue("GET", MONITOR, Reply.json(202, "{\"TaskState\": \"Running\"}"), Reply.json(202, "{\"TaskState\": \"Running\"}"),
                    Reply.status(404));
            TaskHandle task = client.require(DiskErase.class).eraseAll();
            assertEquals(TaskHandle.State.RUNNING, task.state());
            task.await(Duration.ofSeconds(5));
            assertEquals(1, server.requests("POST", d1).size());
            assertEquals(1, server.requests("POST", "/redfish/v1/Systems/1/Storage/1/Drives/D2/Actions/Drive.SecureErase").size());
        }
    }

    @Test
    void diskEraseIsNotPossibleWhileTheMachineIsOff() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            assertEquals(org.bmsdk.api.UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE,
                    client.whyUnavailable(DiskErase.class).orElseThrow().reason());
            assertTrue(client.capability(DiskErase.class).isEmpty());
        }
    }
}
