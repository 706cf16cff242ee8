package org.bmsdk.testkit.redfish;

import static org.bmsdk.testkit.redfish.Fixture.SYSTEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.testkit.machine.BootedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Virtual media in both placements, and BIOS settings that wait for a reset. */
class VirtualMediaAndBiosTest {

    private static final String ISO = "http://127.0.0.1:8080/boot.iso";

    @ParameterizedTest
    @EnumSource(VirtualMediaPlacement.class)
    void insertBootAndEject(VirtualMediaPlacement placement) {
        try (Fixture f = Fixture.withBmc(b -> b.virtualMediaPlacement(placement))) {
            String cd = cdPath(f, placement);
            TestClient.Reply insert = f.client.post(cd + "/Actions/VirtualMedia.InsertMedia",
                    "{\"Image\": \"" + ISO + "\", \"Inserted\": true, \"WriteProtected\": true}");
            assertEquals(204, insert.status(), insert.body());
            assertEquals(Optional.of(ISO), f.machine.virtualMedia());
            JsonNode media = f.client.get(cd).json();
            assertTrue(media.get("Inserted").asBoolean());
            assertEquals(ISO, media.get("Image").asText());
            assertEquals("boot.iso", media.get("ImageName").asText());

            assertEquals(200, f.client.patchWithEtag(SYSTEM, "{\"Boot\": {\"BootSourceOverrideTarget\": \"Cd\","
                    + " \"BootSourceOverrideEnabled\": \"Once\"}}").status());
            f.bootToRunning();
            assertEquals(BootedImage.VIRTUAL_MEDIA, f.machine.lastBoot().orElseThrow().image());
            assertEquals(Optional.of(ISO), f.machine.lastBoot().orElseThrow().mediaUri());

            // sushy sends EjectMedia without a body.
            assertEquals(204, f.client.send("POST", cd + "/Actions/VirtualMedia.EjectMedia", null, null).status());
            assertTrue(f.machine.virtualMedia().isEmpty());
            assertFalse(f.client.get(cd).json().get("Inserted").asBoolean());
        }
    }

    @ParameterizedTest
    @EnumSource(VirtualMediaPlacement.class)
    void patchImageInsertsAndNullEjects(VirtualMediaPlacement placement) {
        try (Fixture f = Fixture.withBmc(b -> b.virtualMediaPlacement(placement))) {
            String cd = cdPath(f, placement);
            assertEquals(200, f.client.patchWithEtag(cd, "{\"Image\": \"" + ISO + "\", \"Inserted\": true}").status());
            assertEquals(Optional.of(ISO), f.machine.virtualMedia());
            assertEquals(200, f.client.patchWithEtag(cd, "{\"Image\": null}").status());
            assertTrue(f.machine.virtualMedia().isEmpty());
            assertEquals(400, f.client.patch(cd, "{\"Image\": \"not a url\"}", null).status());
        }
    }

    @ParameterizedTest
    @EnumSource(VirtualMediaPlacement.class)
    void theCollectionIsOnlyWhereThePlacementSays(VirtualMediaPlacement placement) {
        try (Fixture f = Fixture.withBmc(b -> b.virtualMediaPlacement(placement))) {
            boolean manager = placement == VirtualMediaPlacement.MANAGER;
            assertEquals(manager, f.client.get("/redfish/v1/Managers/1").json().has("VirtualMedia"));
            assertEquals(!manager, f.client.get(SYSTEM).json().has("VirtualMedia"));
            assertEquals(404, f.client.get(manager ? SYSTEM + "/VirtualMedia" : "/redfish/v1/Managers/1/VirtualMedia")
                    .status());
        }
    }

    private static String cdPath(Fixture f, VirtualMediaPlacement placement) {
        // Find it as a client does: from the system, or through Links.ManagedBy.
        JsonNode system = f.client.get(SYSTEM).json();
        String owner = placement == VirtualMediaPlacement.SYSTEM ? SYSTEM
                : system.at("/Links/ManagedBy/0/@odata.id").asText();
        String collection = f.client.get(owner).json().at("/VirtualMedia/@odata.id").asText();
        return f.client.get(collection).json().at("/Members/0/@odata.id").asText();
    }

    @Test
    void biosChangesArePendingUntilReset() {
        try (Fixture f = Fixture.create()) {
            f.bootToRunning();
            JsonNode bios = f.client.get(SYSTEM + "/Bios").json();
            assertEquals("Enabled", bios.at("/Attributes/ProcVirtualization").asText());
            String settings = bios.at("/@Redfish.Settings/SettingsObject/@odata.id").asText();
            assertEquals(200, f.client.patch(settings, "{\"Attributes\": {\"ProcVirtualization\": \"Disabled\"}}",
                    null).status());
            assertEquals(Map.of("ProcVirtualization", "Disabled"), f.machine.bios().pending());
            assertEquals("Disabled", f.client.get(settings).json().at("/Attributes/ProcVirtualization").asText());
            assertEquals("Enabled", f.client.get(SYSTEM + "/Bios").json().at("/Attributes/ProcVirtualization").asText());

            f.reset("ForceRestart");
            assertEquals("Disabled", f.client.get(SYSTEM + "/Bios").json().at("/Attributes/ProcVirtualization").asText());
            assertTrue(f.client.get(settings).json().get("Attributes").isEmpty());
        }
    }

    @Test
    void resetBiosReturnsToDefaultsAtTheNextReset() {
        try (Fixture f = Fixture.create()) {
            f.machine.bios().stage(Map.of("SriovGlobalEnable", "Enabled"));
            f.bootToRunning();
            assertEquals("Enabled", f.machine.bios().current().get("SriovGlobalEnable"));
            // sushy sends ResetBios without a body.
            assertEquals(204, f.client.send("POST", SYSTEM + "/Bios/Actions/Bios.ResetBios", null, null).status());
            assertTrue(f.machine.bios().isResetPending());
            f.reset("PowerCycle");
            assertEquals("Disabled", f.client.get(SYSTEM + "/Bios").json().at("/Attributes/SriovGlobalEnable").asText());
        }
    }

    @Test
    void unknownBiosAttributesAreRejected() {
        try (Fixture f = Fixture.create()) {
            TestClient.Reply r = f.client.patch(SYSTEM + "/Bios/Settings", "{\"Attributes\": {\"NoSuch\": 1}}", null);
            assertEquals(400, r.status());
            assertTrue(r.json().at("/error/@Message.ExtendedInfo/0/MessageId").asText().endsWith("PropertyUnknown"));
            assertTrue(f.machine.bios().pending().isEmpty());
        }
    }
}
