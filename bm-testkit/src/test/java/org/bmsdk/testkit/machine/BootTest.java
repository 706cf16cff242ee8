package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.BootOverride;

import static org.bmsdk.testkit.machine.Machines.BOOT;
import static org.bmsdk.testkit.machine.Machines.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BootTest {

    private final ManualClock clock = ManualClock.create();
    private final SimulatedMachine machine = Machines.create(clock);

    @AfterEach
    void close() {
        machine.close();
    }

    @Test
    void aOnceOverrideIsUsedByOneBootThenCleared() {
        machine.setBootOverride(BootOverride.once(BootDevice.PXE, BootMode.LEGACY));

        Machines.bootToRunning(machine, clock);
        BootInfo first = machine.currentBoot().orElseThrow();
        assertEquals(BootDevice.PXE, first.device());
        assertEquals(BootMode.LEGACY, first.mode());
        assertEquals(BootedImage.NETWORK_RAMDISK, first.image());
        assertTrue(first.fromOverride());
        assertEquals(Optional.empty(), machine.bootOverride());
        assertTrue(machine.console().text().contains("Booting from PXE (legacy BIOS)"));

        machine.reset();
        clock.advance(POST.plus(BOOT));
        BootInfo second = machine.currentBoot().orElseThrow();
        assertEquals(BootDevice.DISK, second.device());
        assertEquals(BootMode.UEFI, second.mode());
        assertFalse(second.fromOverride());
    }

    @Test
    void aOnceOverrideSurvivesAPowerOffDuringPost() {
        BootOverride once = BootOverride.once(BootDevice.PXE, BootMode.UEFI);
        machine.setBootOverride(once);
        machine.powerOn();
        clock.advance(POST.minusSeconds(1));
        machine.powerOff();
        assertEquals(Optional.of(once), machine.bootOverride());

        machine.faults().failPost();
        machine.powerOn();
        clock.advance(POST);
        assertEquals(Optional.of(once), machine.bootOverride(), "POST failed before choosing a device");
    }

    @Test
    void aPersistentOverrideStaysUntilCleared() {
        machine.setBootOverride(BootOverride.persistent(BootDevice.PXE, BootMode.UEFI));
        for (int i = 0; i < 3; i++) {
            machine.powerCycle();
            machine.powerOn();
            clock.advance(POST.plus(BOOT));
            assertEquals(BootedImage.NETWORK_RAMDISK, machine.currentBoot().orElseThrow().image());
        }
        assertTrue(machine.bootOverride().isPresent());

        machine.clearBootOverride();
        machine.reset();
        clock.advance(POST);
        assertEquals(BootedImage.DISK_OS, machine.currentBoot().orElseThrow().image());
    }

    @Test
    void aCdromBootReadsTheInsertedVirtualMedia() {
        machine.insertVirtualMedia("http://images.example/ipa.iso");
        machine.setBootOverride(BootOverride.once(BootDevice.CDROM, BootMode.UEFI));
        Machines.bootToRunning(machine, clock);

        BootInfo boot = machine.currentBoot().orElseThrow();
        assertEquals(BootedImage.VIRTUAL_MEDIA, boot.image());
        assertEquals(Optional.of("http://images.example/ipa.iso"), boot.mediaUri());
        assertTrue(machine.console().text().contains("Booting from virtual media http://images.example/ipa.iso"));

        machine.ejectVirtualMedia();
        assertEquals(Optional.empty(), machine.virtualMedia());
        assertEquals(OsState.RUNNING, machine.osState(), "the booted image lives in memory");
    }

    @Test
    void aCdromBootWithoutMediaFallsBackToTheDisk() {
        machine.setBootOverride(BootOverride.once(BootDevice.CDROM, BootMode.UEFI));
        machine.powerOn();
        clock.advance(POST);

        BootInfo boot = machine.currentBoot().orElseThrow();
        assertEquals(BootDevice.DISK, boot.device());
        assertEquals(BootedImage.DISK_OS, boot.image());
        assertTrue(machine.console().text().contains("No media in virtual CD/DVD drive"));
    }

    @Test
    void biosSetupIsRunningFirmwareWhichIgnoresNmiAndBootLoops() {
        machine.faults().bootLoop();
        machine.setBootOverride(BootOverride.once(BootDevice.BIOS_SETUP, BootMode.UEFI));
        Machines.bootToRunning(machine, clock);

        assertEquals(OsState.RUNNING, machine.osState());
        assertEquals(BootedImage.FIRMWARE_SETUP, machine.currentBoot().orElseThrow().image());
        machine.injectNmi();
        assertEquals(OsState.RUNNING, machine.osState());
    }

    @Test
    void theSpecsDefaultBootIsUsedWithoutOverride() {
        try (SimulatedMachine pxe = SimulatedMachine.create(
                Machines.spec().defaultBoot(BootDevice.PXE, BootMode.LEGACY).build(), clock)) {
            Machines.bootToRunning(pxe, clock);
            BootInfo boot = pxe.currentBoot().orElseThrow();
            assertEquals(BootedImage.NETWORK_RAMDISK, boot.image());
            assertEquals(BootMode.LEGACY, boot.mode());
            assertFalse(boot.fromOverride());
        }
    }
}
