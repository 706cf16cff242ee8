package org.bmsdk.testkit.redfish;

import static org.bmsdk.testkit.redfish.Fixture.SYSTEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.machine.BootedImage;
import org.bmsdk.testkit.machine.OsState;
import org.junit.jupiter.api.Test;

/** Power and boot override over HTTPS, carried out on the simulated machine. */
class PowerAndBootTest {

    @Test
    void onAndForceOff() {
        try (Fixture f = Fixture.create()) {
            assertEquals("Off", f.powerState());
            f.reset("On");
            assertEquals(PowerState.ON, f.machine.powerState());
            assertEquals("On", f.powerState());
            f.clock.advance(Fixture.POST.plus(Fixture.BOOT));
            assertEquals(OsState.RUNNING, f.machine.osState());
            assertEquals("OSRunning", f.client.get(SYSTEM).json().at("/BootProgress/LastState").asText());
            f.reset("ForceOff");
            assertEquals(PowerState.OFF, f.machine.powerState());
            assertEquals("Off", f.powerState());
        }
    }

    @Test
    void gracefulShutdownHonouredAfterTheShutdownTime() {
        try (Fixture f = Fixture.create()) {
            f.bootToRunning();
            f.reset("GracefulShutdown");
            assertEquals(OsState.SHUTTING_DOWN, f.machine.osState());
            assertEquals("On", f.powerState());
            f.clock.advance(Fixture.SHUTDOWN);
            assertEquals("Off", f.powerState());
        }
    }

    @Test
    void gracefulShutdownIgnoredWhenTheShutdownHangs() {
        try (Fixture f = Fixture.create()) {
            f.bootToRunning();
            f.machine.faults().hangOnShutdown();
            f.reset("GracefulShutdown");
            f.clock.advance(Fixture.SHUTDOWN.multipliedBy(10));
            assertEquals(OsState.HUNG, f.machine.osState());
            assertEquals("On", f.powerState());
            f.reset("ForceOff");
            assertEquals("Off", f.powerState());
        }
    }

    @Test
    void gracefulShutdownIgnoredByAnOsWithoutAcpi() {
        try (Fixture f = Fixture.withMachine(b -> b.honoursAcpi(false))) {
            f.bootToRunning();
            f.reset("GracefulShutdown");
            f.clock.advance(Fixture.SHUTDOWN.multipliedBy(10));
            assertEquals(OsState.RUNNING, f.machine.osState());
        }
    }

    @Test
    void gracefulRestartShutsDownAndPowersOnAgain() {
        try (Fixture f = Fixture.create()) {
            f.bootToRunning();
            f.reset("GracefulRestart");
            f.clock.advance(Fixture.SHUTDOWN);
            assertEquals(PowerState.ON, f.machine.powerState());
            assertEquals(OsState.POST, f.machine.osState());
            f.clock.advance(Fixture.POST.plus(Fixture.BOOT));
            assertEquals(2, f.machine.lastBoot().orElseThrow().sequence());
        }
    }

    @Test
    void forceRestartAndPowerCycleBootAgain() {
        try (Fixture f = Fixture.create()) {
            f.bootToRunning();
            f.reset("ForceRestart");
            assertEquals(OsState.POST, f.machine.osState());
            f.clock.advance(Fixture.POST.plus(Fixture.BOOT));
            f.reset("PowerCycle");
            assertEquals(OsState.POST, f.machine.osState());
            f.clock.advance(Fixture.POST.plus(Fixture.BOOT));
            assertEquals(3, f.machine.lastBoot().orElseThrow().sequence());
        }
    }

    @Test
    void aResetShowsInLastResetTimeAndBootProgressWhilePowerStateStaysOn() {
        try (Fixture f = Fixture.create()) {
            assertTrue(f.client.get(SYSTEM).json().path("LastResetTime").isMissingNode(), "never reset yet");
            f.bootToRunning();
            JsonNode running = f.client.get(SYSTEM).json();
            String firstReset = running.get("LastResetTime").asText();
            assertEquals("OSRunning", running.at("/BootProgress/LastState").asText());
            f.clock.advance(java.time.Duration.ofSeconds(1));
            f.reset("ForceRestart");
            JsonNode restarting = f.client.get(SYSTEM).json();
            // What a client watches: PowerState says nothing about a warm reset.
            assertEquals("On", restarting.get("PowerState").asText());
            assertTrue(java.time.Instant.parse(restarting.get("LastResetTime").asText()).isAfter(java.time.Instant.parse(firstReset)),
                    restarting.get("LastResetTime") + " after " + firstReset);
            assertEquals("SystemHardwareInitializationComplete", restarting.at("/BootProgress/LastState").asText());
            assertTrue(java.time.Instant.parse(restarting.at("/BootProgress/LastStateTime").asText())
                    .isAfter(java.time.Instant.parse(running.at("/BootProgress/LastStateTime").asText())));
        }
    }

    @Test
    void nmiWritesACrashToTheConsole() {
        try (Fixture f = Fixture.create()) {
            f.bootToRunning();
            f.reset("Nmi");
            assertEquals(OsState.PANICKED, f.machine.osState());
            assertTrue(f.machine.console().text().contains("Kernel panic - not syncing: NMI"));
            assertEquals("Critical", f.client.get(SYSTEM).json().at("/Status/Health").asText());
        }
    }

    @Test
    void nmiOnAMachineThatIsOffIsAConflict() {
        try (Fixture f = Fixture.create()) {
            TestClient.Reply r = f.client.post(SYSTEM + "/Actions/ComputerSystem.Reset", "{\"ResetType\": \"Nmi\"}");
            assertEquals(409, r.status());
            assertTrue(r.json().at("/error/code").asText().startsWith("Base."));
        }
    }

    @Test
    void unknownOrMissingResetTypeIsRejected() {
        try (Fixture f = Fixture.create()) {
            TestClient.Reply bad = f.client.post(SYSTEM + "/Actions/ComputerSystem.Reset", "{\"ResetType\": \"Off\"}");
            assertEquals(400, bad.status());
            assertTrue(bad.json().at("/error/@Message.ExtendedInfo/0/MessageId").asText()
                    .endsWith("ActionParameterValueNotInList"));
            assertEquals(400, f.client.post(SYSTEM + "/Actions/ComputerSystem.Reset", "{}").status());
            assertEquals("Off", f.powerState());
        }
    }

    @Test
    void bootOverrideOnceIsUsedByTheNextBootAndThenCleared() {
        try (Fixture f = Fixture.create()) {
            assertEquals(200, f.client.patchWithEtag(SYSTEM, "{\"Boot\": {\"BootSourceOverrideTarget\": \"Pxe\","
                    + " \"BootSourceOverrideEnabled\": \"Once\", \"BootSourceOverrideMode\": \"UEFI\"}}").status());
            JsonNode boot = f.client.get(SYSTEM).json().get("Boot");
            assertEquals("Pxe", boot.get("BootSourceOverrideTarget").asText());
            assertEquals("Once", boot.get("BootSourceOverrideEnabled").asText());
            assertEquals(BootPersistence.ONCE, f.machine.bootOverride().orElseThrow().persistence());
            f.bootToRunning();
            assertEquals(BootDevice.PXE, f.machine.lastBoot().orElseThrow().device());
            assertEquals(BootedImage.NETWORK_RAMDISK, f.machine.lastBoot().orElseThrow().image());
            boot = f.client.get(SYSTEM).json().get("Boot");
            assertEquals("Disabled", boot.get("BootSourceOverrideEnabled").asText());
            assertEquals("None", boot.get("BootSourceOverrideTarget").asText());
            f.reset("ForceRestart");
            f.clock.advance(Fixture.POST);
            assertEquals(BootDevice.DISK, f.machine.lastBoot().orElseThrow().device());
        }
    }

    @Test
    void bootOverrideContinuousStays() {
        try (Fixture f = Fixture.create()) {
            // redfishtool sends only Enabled and Target.
            assertEquals(200, f.client.patchWithEtag(SYSTEM, "{\"Boot\": {\"BootSourceOverrideEnabled\":"
                    + " \"Continuous\", \"BootSourceOverrideTarget\": \"BiosSetup\"}}").status());
            f.bootToRunning();
            f.reset("ForceRestart");
            f.clock.advance(Fixture.POST);
            assertEquals(BootDevice.BIOS_SETUP, f.machine.lastBoot().orElseThrow().device());
            assertEquals("Continuous", f.client.get(SYSTEM).json().at("/Boot/BootSourceOverrideEnabled").asText());
            assertEquals(200, f.client.patchWithEtag(SYSTEM, "{\"Boot\": {\"BootSourceOverrideEnabled\":"
                    + " \"Disabled\"}}").status());
            assertTrue(f.machine.bootOverride().isEmpty());
        }
    }

    @Test
    void badBootValuesAndReadOnlyPropertiesAreRejected() {
        try (Fixture f = Fixture.create()) {
            assertEquals(400, f.client.patch(SYSTEM, "{\"Boot\": {\"BootSourceOverrideTarget\": \"Floppy\"}}", null)
                    .status());
            assertEquals(400, f.client.patch(SYSTEM, "{\"PowerState\": \"On\"}", null).status());
            assertEquals(400, f.client.patch(SYSTEM, "{\"Colour\": \"blue\"}", null).status());
            assertTrue(f.machine.bootOverride().isEmpty());
            assertEquals(PowerState.OFF, f.machine.powerState());
        }
    }
}
