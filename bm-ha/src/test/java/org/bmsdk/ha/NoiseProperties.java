package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bmsdk.api.ha.HealthProbe;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.testkit.time.ManualClock;

/**
 * A false positive takes a healthy tenant machine down: 150 healthy nodes watched for two minutes
 * of manual time, under BMC latency (answers up to 800 ms late) and 1% of probes lost on each
 * signal, must see no failover and no alarm.
 */
class NoiseProperties {

    private static final int NODES = 150;

    @Property(tries = 10)
    void healthyNodesUnderLatencyAndLossAreNeverFailed(@ForAll long seed) {
        ManualClock clock = ManualClock.create();
        InMemoryStore store = InMemoryStore.create();
        for (int i = 0; i < NODES; i++) {
            NodeId id = NodeId.of("n" + i);
            store.nodes().create(id, Node.builder(id).provisionState(ProvisionState.ACTIVE).build());
        }
        Random random = new Random(seed);
        HealthProbe bmc = n -> noisy(clock, random, 800);
        HostProbe host = n -> noisy(clock, random, 50);
        List<HaEvent> events = new CopyOnWriteArrayList<>();
        try (HaMonitor monitor = HaMonitor.builder().store(store).clock(clock).bmcProbe(bmc).hostProbe(host).listener(events::add)
                .probeThreads(1).build()) {
            for (int second = 0; second < 120; second++) {
                List<Assessment> round = monitor.runRound();
                assertEquals(NODES, round.size());
                assertTrue(round.stream().noneMatch(Assessment::failsOver), () -> "a healthy node judged failed: "
                        + round.stream().filter(Assessment::failsOver).findFirst().orElseThrow());
                clock.advance(Duration.ofSeconds(1));
            }
        }
        assertTrue(events.stream().noneMatch(e -> e.kind() == HaEvent.Kind.ALARM), events::toString);
    }

    /** An answer that is lost 1% of the time and otherwise arrives up to {@code latencyMs} late. */
    private static ProbeResult noisy(ManualClock clock, Random random, int latencyMs) {
        synchronized (random) {
            if (random.nextInt(100) == 0) {
                return new ProbeResult(ProbeResult.Status.DOWN, "lost", clock.instant());
            }
            return new ProbeResult(ProbeResult.Status.UP, "ok", clock.instant().plusMillis(random.nextInt(latencyMs + 1)));
        }
    }
}
