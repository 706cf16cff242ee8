package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bmctl demo}, the README's main job, runs its whole story on a fresh lab and says so, step
 * by step, ending with a timeline in which every step succeeded.
 */
class DemoCommandTest {


    @Test
    void theWholeStorySucceedsAndEndsWithATimeline() {
        Run r = Run.of("demo");
        System.out.println(r.out());
        assertEquals(0, r.status(), r::toString);
        for (String landmark : List.of("read_lldp", "LLDP named the switch port of 2 of 2 NICs", "erase_disks", "AVAILABLE; the lab sees its disks zeroed: true, its BIOS at defaults: true",
                "tenant-a flavor", "Registered SAN device", "login:", "reaches node-3: false", "Kernel panic - not syncing: NMI",
                "the kept log holds the crash dump: true", "shut itself down on the ACPI request; power OFF", "verify: every chunk",
                "the tenant's data is there: true", "pulled the power of node-1", "failover_done", "is ACTIVE for tenant-a on its VLAN and volume", "Timeline")) {
            assertTrue(r.out().contains(landmark), "missing \"" + landmark + "\" in:\n" + r.out());
        }
        String timeline = r.out().substring(r.out().lastIndexOf("Timeline"));
        assertEquals(0, timeline.lines().filter(l -> l.endsWith("FAILED") || l.endsWith("not run")).count(), timeline);
        assertEquals(10, r.out().lines().filter(l -> l.matches("\\s+\\d+\\. .* ok")).count(), timeline);
    }
}
