package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bmsdk.api.network.DriftReport;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortResult;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port intents applied through the batching fabric to simulated switches over SSH. */
class BatchingSwitchFabricTest {

    private static final VlanId IDLE = VlanId.of(999);

    @TempDir
    Path dir;

    private static BatchingSwitchFabric fabric(Lab lab) {
        BatchingSwitchFabric.Builder b = BatchingSwitchFabric.builder();
        lab.switches.switches().forEach(sw -> b.endpoint(lab.endpoint(sw)));
        return b.build();
    }

    private static List<PortIntent> intents(SimulatedSwitch sw) {
        List<String> p = sw.ports();
        return List.of(PortIntent.access(sw.name(), p.get(0), VlanId.of(100)),
                PortIntent.access(sw.name(), p.get(1), VlanId.of(200)),
                PortIntent.trunk(sw.name(), p.get(2), VlanId.of(100), Set.of(VlanId.of(200), VlanId.of(300))),
                PortIntent.idle(sw.name(), p.get(3), IDLE));
    }

    @Test
    void theSameIntentTwiceSendsNoConfigurationTheSecondTime() {
        try (Lab lab = Lab.both(dir); BatchingSwitchFabric fabric = fabric(lab)) {
            List<PortIntent> all = new ArrayList<>();
            lab.switches.switches().forEach(sw -> all.addAll(intents(sw)));

            List<PortResult> first = fabric.apply(all);
            first.forEach(r -> assertEquals(PortResult.Status.APPLIED, r.status(), r.toString()));
            for (SimulatedSwitch sw : lab.switches.switches()) {
                for (PortIntent i : intents(sw)) {
                    assertTrue(i.satisfiedBy(sw.runningConfig().port(i.port()).orElse(null)), i + " on the switch");
                }
                assertEquals(sw.runningConfig(), sw.savedConfig(), "one save at the end of the batch");
                assertEquals(1, fabric.batches(sw.name()));
            }
            int[] before = lab.switches.switches().stream().mapToInt(sw -> sw.commands().size()).toArray();

            List<PortResult> second = fabric.apply(all);
            second.forEach(r -> assertEquals(PortResult.Status.UNCHANGED, r.status(), r.toString()));
            for (int k = 0; k < before.length; k++) {
                SimulatedSwitch sw = lab.switches.switches().get(k);
                List<String> sent = sw.commands().subList(before[k], sw.commands().size());
                assertEquals(List.of("show running-config"), sent, "the second time only reads the switch back");
                assertEquals(1, sw.logins(), "one session kept per switch");
                assertEquals(1, fabric.batches(sw.name()));
            }
        }
    }

    @Test
    void concurrentCallersShareBatchesOneSessionAndOneSavePerBatch() throws Exception {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("eos-1", SwitchDialect.ARISTA_EOS).ports(48));
             BatchingSwitchFabric fabric = fabric(lab);
             var done = new AutoCloseableExecutor(Executors.newFixedThreadPool(16))) {
            SimulatedSwitch sw = lab.get("eos-1");
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<PortResult>>> calls = new ArrayList<>();
            for (int k = 0; k < 48; k++) {
                PortIntent i = PortIntent.access("eos-1", sw.ports().get(k), VlanId.of(100 + k % 4));
                calls.add(done.pool.submit(() -> {
                    go.await();
                    return fabric.apply(List.of(i));
                }));
            }
            go.countDown();
            for (Future<List<PortResult>> f : calls) {
                assertEquals(PortResult.Status.APPLIED, f.get().get(0).status());
            }
            long batches = fabric.batches("eos-1");
            long saves = sw.commands().stream().filter("write memory"::equals).count();
            assertEquals(batches, saves, "one save per batch");
            assertTrue(batches < 48, "callers were merged into fewer batches, but there were " + batches);
            assertEquals(1, sw.logins());
            for (int k = 0; k < 48; k++) {
                assertEquals(VlanId.of(100 + k % 4), sw.runningConfig().port(sw.ports().get(k)).orElseThrow().accessVlan());
            }
        }
    }

    @Test
    void theLastIntentForAPortWinsAndTheEarlierOneIsSuperseded() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("ios-1", SwitchDialect.CISCO_IOS)); BatchingSwitchFabric fabric = fabric(lab)) {
            String p = lab.get("ios-1").ports().get(0);
            List<PortResult> r = fabric.apply(List.of(PortIntent.access("ios-1", p, VlanId.of(100)),
                    PortIntent.access("ios-1", p, VlanId.of(200))));
            assertEquals(PortResult.Status.SUPERSEDED, r.get(0).status());
            assertEquals(PortResult.Status.APPLIED, r.get(1).status());
            assertEquals(VlanId.of(200), lab.get("ios-1").runningConfig().port(p).orElseThrow().accessVlan());
            assertFalse(lab.get("ios-1").commands().contains("switchport access vlan 100"), "the superseded intent is never sent");
        }
    }

    @Test
    void aRefusedCommandIsReportedPerPortWithTheStateEachWasLeftIn() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("ios-1", SwitchDialect.CISCO_IOS)); BatchingSwitchFabric fabric = fabric(lab)) {
            SimulatedSwitch sw = lab.get("ios-1");
            List<String> p = sw.ports();
            sw.faults().failNext("switchport access vlan 300", "% Invalid input detected at '^' marker.");
            List<PortResult> r = fabric.apply(List.of(PortIntent.access("ios-1", p.get(0), VlanId.of(100)),
                    PortIntent.access("ios-1", p.get(1), VlanId.of(300)), PortIntent.access("ios-1", p.get(2), VlanId.of(100))));
            assertEquals(PortResult.Status.APPLIED, r.get(0).status(), "applied before the failure, verified after");
            assertEquals(PortResult.Status.FAILED, r.get(1).status());
            assertTrue(r.get(1).error().contains("% Invalid input"), r.get(1).error());
            assertEquals(VlanId.of(1), r.get(1).actual().accessVlan(), "read back on a new session after the failure");
            assertEquals(PortResult.Status.APPLIED, r.get(2).status(), "the CLI goes on after an error line");
            assertTrue(r.get(1).describe().startsWith("failed: up access 1 ("), r.get(1).describe());

            // A lost session stops the batch: the ports not reached yet fail too, read back on a new session.
            sw.faults().dropSessionOn("switchport access vlan 400").dropSessionOn("switchport access vlan 400");
            List<PortResult> dropped = fabric.apply(List.of(PortIntent.access("ios-1", p.get(3), VlanId.of(400)),
                    PortIntent.access("ios-1", p.get(4), VlanId.of(100))));
            dropped.forEach(x -> assertEquals(PortResult.Status.FAILED, x.status(), x.toString()));
            assertEquals(VlanId.of(1), dropped.get(1).actual().accessVlan());

            // A port the switch does not have fails alone.
            List<PortResult> typo = fabric.apply(List.of(PortIntent.access("ios-1", "GigabitEthernet9/0/9", VlanId.of(300)),
                    PortIntent.access("ios-1", p.get(1), VlanId.of(300))));
            assertEquals(PortResult.Status.FAILED, typo.get(0).status());
            assertTrue(typo.get(0).error().contains("has no port"), typo.get(0).error());
            assertEquals(PortResult.Status.APPLIED, typo.get(1).status());

            // The next call goes through: the intents are idempotent.
            List<PortResult> again = fabric.apply(List.of(PortIntent.access("ios-1", p.get(3), VlanId.of(400)),
                    PortIntent.access("ios-1", p.get(4), VlanId.of(100))));
            again.forEach(x -> assertEquals(PortResult.Status.APPLIED, x.status()));
        }
    }

    @Test
    void driftMadeBehindItsBackIsReportedAndRepaired() {
        try (Lab lab = Lab.both(dir); BatchingSwitchFabric fabric = fabric(lab)) {
            SimulatedSwitch eos = lab.get("eos-1");
            fabric.apply(intents(eos)).forEach(r -> assertTrue(r.ok()));
            assertTrue(fabric.drift("eos-1").clean());

            try (SwitchSession s = lab.open(eos)) {
                s.createVlan(VlanId.of(555), "rogue");
                s.setAccessVlan(eos.ports().get(0), VlanId.of(555));
                s.setPortEnabled(eos.ports().get(3), true);
            }
            DriftReport drift = fabric.drift("eos-1");
            assertEquals(Set.of(eos.ports().get(0), eos.ports().get(3)),
                    Set.copyOf(drift.drifted().stream().map(d -> d.intent().port()).toList()));
            DriftReport.Drift first = drift.drifted().stream().filter(d -> d.intent().port().equals(eos.ports().get(0))).findFirst()
                    .orElseThrow();
            assertEquals(VlanId.of(555), first.actual().accessVlan());

            List<PortResult> repaired = fabric.repair("eos-1");
            assertEquals(2, repaired.stream().filter(r -> r.status() == PortResult.Status.APPLIED).count(), repaired.toString());
            assertTrue(fabric.drift("eos-1").clean());
            PortState idle = eos.runningConfig().port(eos.ports().get(3)).orElseThrow();
            assertFalse(idle.enabled());
            assertNull(idle.nativeVlan());
        }
    }

    /** Shuts a pool down at the end of a try-with-resources. */
    private static final class AutoCloseableExecutor implements AutoCloseable {
        final ExecutorService pool;

        AutoCloseableExecutor(ExecutorService pool) {
            this.pool = pool;
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
