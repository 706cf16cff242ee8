package org.bmsdk.testkit.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedBiosTest {

    private static final Map<String, String> DEFAULTS = Map.of("BootMode", "Uefi", "SriovGlobalEnable", "Disabled");

    private final ManualClock clock = ManualClock.create();
    private final SimulatedMachine machine = SimulatedMachine.create(
            Machines.spec().biosDefaults(DEFAULTS).build(), clock);
    private final SimulatedBios bios = machine.bios();

    @AfterEach
    void close() {
        machine.close();
    }

    @Test
    void pendingChangesApplyAtTheNextReset() {
        Machines.bootToRunning(machine, clock);

        bios.stage(Map.of("SriovGlobalEnable", "Enabled"));
        assertEquals(DEFAULTS, bios.current());
        assertEquals(Map.of("SriovGlobalEnable", "Enabled"), bios.pending());
        clock.advance(java.time.Duration.ofHours(1));
        assertEquals("Disabled", bios.current().get("SriovGlobalEnable"));

        machine.reset();

        assertEquals("Enabled", bios.current().get("SriovGlobalEnable"));
        assertEquals(Map.of(), bios.pending());
    }

    @Test
    void pendingChangesApplyAtPowerOnToo() {
        bios.stage(Map.of("BootMode", "Bios"));
        machine.powerOn();
        assertEquals("Bios", bios.current().get("BootMode"));
    }

    @Test
    void resetToDefaultsIsStagedThenChangesStagedAfterItWin() {
        bios.stage(Map.of("BootMode", "Bios", "SriovGlobalEnable", "Enabled"));
        machine.powerOn();

        bios.stage(Map.of("BootMode", "Uefi-bogus"));
        bios.stageResetToDefaults();
        assertTrue(bios.isResetPending());
        assertEquals(Map.of(), bios.pending(), "the reset drops what was staged before it");
        bios.stage(Map.of("SriovGlobalEnable", "Enabled"));
        machine.powerCycle();

        assertEquals(Map.of("BootMode", "Uefi", "SriovGlobalEnable", "Enabled"), bios.current());
        assertFalse(bios.isResetPending());
    }

    @Test
    void unknownAttributesAreRefusedWithoutStagingAnything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bios.stage(Map.of("NoSuchThing", "On")));
        assertEquals("BIOS attribute 'NoSuchThing' does not exist; known are [BootMode, SriovGlobalEnable]",
                e.getMessage());
        assertEquals(Map.of(), bios.pending());
    }

    @Test
    void discardingPendingKeepsTheCurrentValues() {
        bios.stage(Map.of("BootMode", "Bios"));
        bios.stageResetToDefaults();
        bios.discardPending();
        machine.powerOn();
        assertEquals(DEFAULTS, bios.current());
    }
}
