package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.store.Store;
import org.bmsdk.store.jdbc.JdbcStore;

/**
 * The restart for real, as far as a store goes: the controller dies at a write of its progress,
 * its H2 file is closed, and a new controller opens the file afresh and finishes the failover,
 * exactly once.
 */
class DurableResumeProperties {

    /** Every kill point is covered in memory (KillAndResumeProperties); a sample of them over H2, which costs a file each. */
    @Property(tries = 6)
    void aFailoverResumesFromTheH2FileAfterARestart(@ForAll @IntRange(min = 1, max = 17) int killAt) throws IOException {
        Path dir = Files.createTempDirectory("bm-ha-h2");
        try {
            run(dir.resolve("controller"), killAt);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path file, int killAt) {
        KillAndResumeProperties.KillingStore first = new KillAndResumeProperties.KillingStore(JdbcStore.h2(file));
        Rig rig = new Rig(first);
        rig.bmcs.get("n1").hostUp = false;
        first.killAt(killAt);
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            assertThrows(KillAndResumeProperties.Killed.class, () -> o.trigger(Rig.N1, "host silent", true));
        }
        first.close();

        rig.clock.advance(Duration.ofMinutes(7));
        try (Store reopened = JdbcStore.h2(file); FailoverOrchestrator o = rig.orchestrator("c2").store(reopened).build()) {
            if (o.resumeAll().isEmpty() && o.failover(Rig.N1).filter(Failover::active).isEmpty()) {
                o.trigger(Rig.N1, "host silent", true);
            }
            assertEquals(Failover.State.DONE, o.failover(Rig.N1).orElseThrow().state());
            assertEquals(ProvisionState.ACTIVE, reopened.nodes().get(Rig.S2).orElseThrow().value().provisionState());
            assertEquals(ProvisionState.ERROR, reopened.nodes().get(Rig.N1).orElseThrow().value().provisionState());
            assertEquals(ProvisionState.AVAILABLE, reopened.nodes().get(Rig.S1).orElseThrow().value().provisionState());
        }
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE));
        assertEquals(1, rig.bmcs.get("s2").powerOns.get());
        assertEquals(1, rig.networks.binds.get());
        assertEquals(1, rig.storage.attaches.get());
        assertTrue(rig.bmcs.get("s1").powerOns.get() == 0);
    }
}
