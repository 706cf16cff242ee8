package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bmctl demo}, the README's main job, runs its whole story on a fresh lab and says so; the
 * lab's passwords appear nowhere in what it prints.
 */
class DemoCommandTest {

    @Test
    void theWholeStorySucceedsAndEndsWithATimeline() {
        Run r = Run.of("demo");
        assertEquals(0, r.status(), r::toString);
        for (String landmark : List.of("Enroll, verify and inspect", "AVAILABLE", "tenant-a flavor", "reaches node-3: false",
                "exported to iqn.", "login:", "Kernel panic - not syncing: NMI", "reset through the BMC; console: node-1 login:", "power OFF", "Timeline")) {
            assertTrue(r.out().contains(landmark), "missing \"" + landmark + "\" in:\n" + r.out());
        }
        String timeline = r.out().substring(r.out().lastIndexOf("Timeline"));
        assertEquals(0, timeline.lines().filter(l -> l.endsWith("FAILED") || l.endsWith("not run")).count(), timeline);
        assertTrue(r.out().lines().filter(l -> l.matches("\\s+\\d+\\. .* ok")).count() >= 9, timeline);
    }
}
