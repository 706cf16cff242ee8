package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Recorded;
import org.junit.jupiter.api.Test;

class BootAndEtagTest {

    private final FakeRedfish bmc = FakeRedfish.of("Contoso");

    @Test
    void setsTheOverrideWithTheResourcesETagAndReadsItBack() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            BootControl boot = client.require(BootControl.class);
            assertEquals(Optional.empty(), boot.bootOverride());
            boot.setBootOverride(BootOverride.persistent(BootDevice.PXE, BootMode.LEGACY));
            assertEquals(Optional.of(BootOverride.persistent(BootDevice.PXE, BootMode.LEGACY)), boot.bootOverride());
            Recorded patch = server.requests("PATCH", FakeRedfish.SYSTEM).get(0);
            assertNotNull(patch.header("If-Match"));
            assertTrue(patch.body().contains("\"BootSourceOverrideTarget\":\"Pxe\""), patch.body());
            assertTrue(patch.body().contains("\"BootSourceOverrideEnabled\":\"Continuous\""), patch.body());
            assertTrue(patch.body().contains("\"BootSourceOverrideMode\":\"Legacy\""), patch.body());
        }
    }

    @Test
    void anOverrideAcceptedButIgnoredIsNotApplied() {
        bmc.applyBootPatch(false);
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            NotAppliedException e = assertThrows(NotAppliedException.class,
                    () -> client.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.CDROM)));
            assertTrue(e.getMessage().contains("boot.set"), e.getMessage());
            assertTrue(e.getMessage().contains("CDROM"), e.getMessage());
        }
    }

    @Test
    void aTargetTheBmcDoesNotAllowIsRefusedBeforeSending() {
        bmc.resource(FakeRedfish.SYSTEM).withObjectProperty("Boot").putArray("BootSourceOverrideTarget@Redfish.AllowableValues").removeAll()
                .add("None").add("Pxe").add("Hdd");
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> client.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.UEFI_HTTP)));
            assertEquals(UnsupportedCapabilityException.Reason.NOT_OFFERED, e.reason());
            assertTrue(server.requests("PATCH", FakeRedfish.SYSTEM).isEmpty());
        }
    }

    @Test
    void a428WithoutIfMatchIsSentAgainWithTheETag() {
        bmc.requireIfMatch(true);
        // The generic policy sends the ETag it has; a system served without one meets the 428 fallback.
        try (ScriptedServer server = ScriptedServer.start()) {
            server.dispatcher(r -> {
                ScriptedServer.Reply reply = bmc.apply(r);
                boolean beforePatch = server.requests("PATCH", FakeRedfish.SYSTEM).isEmpty();
                return r.method().equals("GET") && r.path().equals(FakeRedfish.SYSTEM) && beforePatch ? reply.withoutHeader("ETag") : reply;
            });
            try (BmcClient client = Clients.connect(server)) {
                client.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.DISK));
            }
            List<Recorded> patches = server.requests("PATCH", FakeRedfish.SYSTEM);
            assertEquals(2, patches.size());
            assertNull(patches.get(0).header("If-Match"));
            assertNotNull(patches.get(1).header("If-Match"));
        }
    }

    @Test
    void a412ToItsOwnETagIsSentAgainWithout() {
        bmc.rejectIfMatch(true);
        try (ScriptedServer server = bmc.serve(); BmcClient client = Clients.connect(server)) {
            client.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.BIOS_SETUP));
            List<Recorded> patches = server.requests("PATCH", FakeRedfish.SYSTEM);
            assertEquals(2, patches.size());
            assertNotNull(patches.get(0).header("If-Match"));
            assertNull(patches.get(1).header("If-Match"));
        }
    }
}
