package org.bmsdk.bench.ha;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.ha.BmcPowerFence;
import org.bmsdk.ha.BmcProbe;
import org.bmsdk.ha.DetectorOptions;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.FenceLadder;
import org.bmsdk.ha.HaEvent;
import org.bmsdk.ha.HaMonitor;
import org.bmsdk.ha.HostProbe;
import org.bmsdk.ha.Protection;
import org.bmsdk.testkit.machine.PowerOnlyBmc;

/**
 * The bm-ha benchmark (bench/ha.sh, docs/BENCHMARKS.md), on the real clock with the default
 * detector (15 s detection, a probe a second) and storm guard:
 * <ul>
 *   <li>{@code detect NODES CRASHES}: NODES monitored nodes (plus CRASHES spares); the CPU and heap the
 *       monitor costs per node over a steady minute, then CRASHES hosts hang one by one (two a second):
 *       detection (hang to the FAIL_OVER assessment) and failover (hang to the spare powered on) p50/p99;
 *   <li>{@code soak NODES SECONDS LATENCY_MS LOSS}: NODES healthy nodes whose BMCs answer after a random
 *       0..2×LATENCY_MS and whose probes (BMC and host) are lost at rate LOSS; counts the failovers
 *       and alarms (there must be none).
 * </ul>
 * The machines are in-memory fakes behind the bm-api interfaces (a BMC, a host heartbeat): what is
 * measured is the monitor, not a driver. Prints one JSON object.
 */
public final class HaBench {

    private final Map<NodeId, Machine> machines = new ConcurrentHashMap<>();
    private final long latencyMs;
    private final double loss;
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();

    private HaBench(long latencyMs, double loss) {
        this.latencyMs = latencyMs;
        this.loss = loss;
    }

    private static final class Machine {
        volatile PowerState power = PowerState.ON;
        volatile boolean hostUp = true;
        volatile Instant poweredOnAt;
    }

    /**
     * Runs a mode.
     *
     * @param args {@code detect NODES CRASHES} or {@code soak NODES SECONDS LATENCY_MS LOSS}
     * @throws Exception when interrupted
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("detect")) {
            new HaBench(0, 0).detect(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else if (args[0].equals("soak")) {
            new HaBench(Long.parseLong(args[3]), Double.parseDouble(args[4])).soak(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else {
            throw new IllegalArgumentException("detect NODES CRASHES | soak NODES SECONDS LATENCY_MS LOSS");
        }
        System.exit(0);
    }

    private Store seed(int nodes, int spares) {
        Store store = InMemoryStore.create();
        for (int i = 0; i < nodes; i++) {
            NodeId id = NodeId.of(String.format("node-%04d", i));
            store.nodes().create(id, Node.builder(id).resourceClass("gpu").provisionState(ProvisionState.ACTIVE).owner("t1").build());
            machines.put(id, new Machine());
        }
        for (int i = 0; i < spares; i++) {
            NodeId id = NodeId.of(String.format("spare-%04d", i));
            store.nodes().create(id, Node.builder(id).resourceClass("gpu").provisionState(ProvisionState.AVAILABLE).build());
            Machine m = new Machine();
            m.power = PowerState.OFF;
            m.hostUp = false;
            machines.put(id, m);
        }
        return store;
    }

    private record Rig(FailoverOrchestrator orchestrator, BmcProbe bmcProbe, HaMonitor monitor) {
    }

    private Rig rig(Store store, List<HaEvent> events, int probeThreads) {
        FailoverOrchestrator o = FailoverOrchestrator.builder().store(store).bmcs(connector()).hostProbe(hostProbe())
                .fencer(FenceLadder.builder().level(BmcPowerFence.create(connector(), Duration.ofSeconds(5))).build())
                .protection(n -> Protection.automatic(Requirements.parse("resource_class == gpu")))
                .confirmUp(Duration.ofSeconds(10), Duration.ofMillis(100)).listener(events::add).build();
        BmcProbe bmcProbe = BmcProbe.create(connector(), java.time.Clock.systemUTC());
        HaMonitor monitor = HaMonitor.builder().store(store).detector(DetectorOptions.defaults()).bmcProbe(bmcProbe).hostProbe(hostProbe())
                .orchestrator(o).listener(events::add).probeThreads(probeThreads).build();
        return new Rig(o, bmcProbe, monitor);
    }

    private void detect(int nodes, int crashes) throws Exception {
        Store store = seed(nodes, crashes);
        List<HaEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long heapBefore = settledHeap(memory);
        Rig rig = rig(store, events, 16);
        rig.monitor().start(Duration.ofSeconds(1));
        Thread.sleep(30_000); // the detectors' windows fill
        long heapMonitoring = settledHeap(memory);
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        Thread.sleep(60_000);
        double cpuShare = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);

        Map<NodeId, Instant> hungAt = new ConcurrentHashMap<>();
        for (int i = 0; i < crashes; i++) {
            NodeId id = NodeId.of(String.format("node-%04d", i * (nodes / crashes)));
            hungAt.put(id, Instant.now());
            machines.get(id).hostUp = false;
            Thread.sleep(500);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (count(events, HaEvent.Kind.FAILOVER_DONE) < crashes && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<Double> detection = new ArrayList<>();
        List<Double> failover = new ArrayList<>();
        List<HaEvent> seen;
        synchronized (events) {
            seen = new ArrayList<>(events);
        }
        for (HaEvent e : seen) {
            Instant hung = hungAt.get(e.node());
            if (hung == null) {
                continue;
            }
            if (e.kind() == HaEvent.Kind.ASSESSED && e.detail().startsWith("FAIL_OVER")) {
                detection.add(Duration.between(hung, e.at()).toMillis() / 1000.0);
            }
            if (e.kind() == HaEvent.Kind.STEP_DONE && e.step() == org.bmsdk.ha.FailoverStep.POWER_ON) {
                failover.add(Duration.between(hung, e.at()).toMillis() / 1000.0);
            }
        }
        rig.monitor().close();
        System.out.printf(Locale.ROOT,
                "{\"mode\":\"detect\",\"nodes\":%d,\"crashes\":%d,\"failovers_done\":%d,\"detection_s\":{\"n\":%d,\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},"
                        + "\"failover_s\":{\"n\":%d,\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},\"cpu_cores\":%.4f,\"cpu_ms_per_node_per_s\":%.4f,"
                        + "\"heap_mib\":%.1f,\"heap_kib_per_node\":%.2f,\"probes\":%d,\"cores\":%d}%n",
                nodes, crashes, count(events, HaEvent.Kind.FAILOVER_DONE), detection.size(), pct(detection, 50), pct(detection, 99),
                pct(detection, 100), failover.size(), pct(failover, 50), pct(failover, 99), pct(failover, 100), cpuShare,
                cpuShare * 1000 / nodes, (heapMonitoring - heapBefore) / 1048576.0, (heapMonitoring - heapBefore) / 1024.0 / nodes, probes.get(),
                Runtime.getRuntime().availableProcessors());
    }

    private void soak(int nodes, int seconds) throws Exception {
        Store store = seed(nodes, 10);
        List<HaEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        // Probes wait on the BMC's latency: enough threads that a round is not held up by them.
        Rig rig = rig(store, events, (int) Math.max(16, Math.min(512, nodes * 2 * latencyMs * 2 / 1000 + 16)));
        long start = System.nanoTime();
        rig.monitor().start(Duration.ofSeconds(1));
        long end = start + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            System.err.printf(Locale.ROOT, "soak: %d s, %d probes, %d lost, %d failovers, %d alarms%n", (System.nanoTime() - start) / 1_000_000_000L,
                    probes.get(), lost.get(), count(events, HaEvent.Kind.FAILOVER_STARTED), count(events, HaEvent.Kind.ALARM));
        }
        rig.monitor().close();
        long suspects = countDetail(events, "SUSPECT");
        System.out.printf(Locale.ROOT,
                "{\"mode\":\"soak\",\"nodes\":%d,\"seconds\":%d,\"latency_ms\":%d,\"loss\":%.3f,\"probes\":%d,\"lost\":%d,\"failovers\":%d,"
                        + "\"alarms\":%d,\"suspect_assessments\":%d}%n",
                nodes, seconds, latencyMs, loss, probes.get(), lost.get(), count(events, HaEvent.Kind.FAILOVER_STARTED),
                count(events, HaEvent.Kind.ALARM), suspects);
    }

    private static long count(List<HaEvent> events, HaEvent.Kind kind) {
        synchronized (events) {
            return events.stream().filter(e -> e.kind() == kind).count();
        }
    }

    private static long countDetail(List<HaEvent> events, String prefix) {
        synchronized (events) {
            return events.stream().filter(e -> e.kind() == HaEvent.Kind.ASSESSED && e.detail().startsWith(prefix)).count();
        }
    }

    static double pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private boolean lose() {
        probes.incrementAndGet();
        if (loss > 0 && ThreadLocalRandom.current().nextDouble() < loss) {
            lost.incrementAndGet();
            return true;
        }
        return false;
    }

    private HostProbe hostProbe() {
        return node -> {
            Machine m = machines.get(node.id());
            boolean up = m != null && m.hostUp && m.power == PowerState.ON && !lose();
            return new ProbeResult(up ? ProbeResult.Status.UP : ProbeResult.Status.DOWN, up ? "heartbeat" : "no answer", Instant.now());
        };
    }

    private BmcConnector connector() {
        return node -> {
            Machine m = machines.get(node.id());
            return PowerOnlyBmc.of("bench-fake", new PowerOnlyBmc.Power() {
                @Override
                public PowerState read() {
                    if (latencyMs > 0) {
                        try {
                            Thread.sleep(ThreadLocalRandom.current().nextLong(2 * latencyMs + 1));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    if (lose()) {
                        throw new org.bmsdk.api.TransportException("lost");
                    }
                    return m.power;
                }

                @Override
                public void act(PowerAction action) {
                    if (action == PowerAction.OFF) {
                        m.power = PowerState.OFF;
                    } else if (action == PowerAction.ON) {
                        m.power = PowerState.ON;
                        m.hostUp = true;
                        m.poweredOnAt = Instant.now();
                    }
                }
            });
        };
    }
}
