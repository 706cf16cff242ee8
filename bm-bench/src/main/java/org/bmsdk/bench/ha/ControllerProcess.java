package org.bmsdk.bench.ha;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.ha.BmcPowerFence;
import org.bmsdk.ha.BmcProbe;
import org.bmsdk.ha.DetectorOptions;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.FenceLadder;
import org.bmsdk.ha.HaEvent;
import org.bmsdk.ha.HaListener;
import org.bmsdk.ha.HaMonitor;
import org.bmsdk.ha.HostProbe;
import org.bmsdk.ha.PhiAccrualDetector;
import org.bmsdk.ha.Signal;
import org.bmsdk.ha.cluster.ClusterMember;
import org.bmsdk.store.jdbc.JdbcStore;
import org.bmsdk.testkit.machine.PowerOnlyBmc;

/**
 * One controller instance of {@link ClusterBench}, in a JVM of its own so that the benchmark can
 * kill it with SIGKILL: a {@link ClusterMember} with the default lease (10 s) and refresh, and an
 * {@link HaMonitor} with the default detector (15 s, a probe a second) over healthy in-memory
 * machines behind bm-api ({@link PowerOnlyBmc}, a host probe that always answers). Arguments:
 * {@code URL ID NODES}, the database password in {@value #PASSWORD_ENV}.
 *
 * <p>Prints, one per line: {@code joined ID HEAP_BEFORE}; {@code + NODE MS} when it starts watching
 * a node (a host heartbeat of the last three probe intervals) and {@code - NODE MS} when it stops;
 * {@code stats MS CPU_NS WATCHED} every ten seconds; {@code heap BYTES WATCHED} (after GC) for
 * each line read on stdin; {@code event ...}
 * for every failover event, alarm or power action (there must be none).
 */
public final class ControllerProcess {

    /** The environment variable that carries the database password (never the command line). */
    public static final String PASSWORD_ENV = "BM_BENCH_PG_PASSWORD";
    /** The database user of {@code org.bmsdk.store.fixture.PostgresServer}. */
    static final String USER = "bm";

    private static final PrintStream OUT = System.out;
    private static final Duration STATS_EVERY = Duration.ofSeconds(10);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    private static volatile int watchedCount;

    private ControllerProcess() {
    }

    /**
     * Runs the instance until killed.
     *
     * @param args URL, instance id, number of nodes
     * @throws InterruptedException never, in practice
     */
    public static void main(String[] args) throws InterruptedException {
        String id = args[1];
        List<NodeId> nodes = ClusterBench.nodes(Integer.parseInt(args[2]));
        JdbcStore store = JdbcStore.postgres(args[0], USER, Secret.of(System.getenv(PASSWORD_ENV)));
        // What the monitor holds is counted from here, as in HaBench: the store is not the monitor's.
        long heapBefore = settledHeap();

        HaListener listener = e -> {
            if (e.kind() != HaEvent.Kind.ASSESSED) {
                say("event " + e.kind() + " " + e.node() + " " + e.detail());
            }
        };
        BmcConnector bmcs = node -> PowerOnlyBmc.of("cluster-bench-fake", new PowerOnlyBmc.Power() {
            @Override
            public PowerState read() {
                return PowerState.ON;
            }

            @Override
            public void act(PowerAction action) {
                say("event POWER " + node.id() + " " + action);
            }
        });
        HostProbe host = node -> new ProbeResult(ProbeResult.Status.UP, "heartbeat", Instant.now());
        DetectorOptions detector = DetectorOptions.defaults();
        ClusterMember member = ClusterMember.builder(store, id).build();
        FailoverOrchestrator orchestrator = FailoverOrchestrator.builder().store(store).controllerId(id).bmcs(bmcs).hostProbe(host)
                .fencer(FenceLadder.builder().level(BmcPowerFence.create(bmcs, Duration.ofSeconds(5))).build()).listener(listener)
                .build();
        BmcProbe bmcProbe = BmcProbe.create(bmcs, Clock.systemUTC());
        HaMonitor monitor = HaMonitor.builder().store(store).cluster(member).detector(detector).bmcProbe(bmcProbe).hostProbe(host)
                .orchestrator(orchestrator).listener(listener).probeThreads(16).build();
        member.start();
        monitor.start(detector.probeInterval());
        say("joined " + id + " " + heapBefore);

        PhiAccrualDetector heartbeats = monitor.assessor().detector(Signal.HOST);
        Duration recent = detector.probeInterval().multipliedBy(3);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Set<NodeId> watched = new HashSet<>();
        // CPU every ten seconds, cheaply; the settled heap (a few full GCs, which cost CPU of their
        // own) only when the parent asks for it on stdin, after it took its CPU figure.
        daemon("stats", () -> {
            while (true) {
                long at = System.currentTimeMillis();
                say("stats " + at + " " + os.getProcessCpuTime() + " " + watchedCount);
                Thread.sleep(STATS_EVERY.toMillis());
            }
        });
        daemon("heap-requests", () -> {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                say("heap " + settledHeap() + " " + watchedCount);
            }
            return null;
        });
        while (true) {
            Instant now = Instant.now();
            Instant since = now.minus(recent);
            Set<NodeId> watchedNow = nodes.stream().filter(n -> heartbeats.lastHeartbeat(n).filter(t -> t.isAfter(since)).isPresent())
                    .collect(Collectors.toCollection(HashSet::new));
            for (NodeId n : watchedNow) {
                if (!watched.contains(n)) {
                    say("+ " + n.value() + " " + now.toEpochMilli());
                }
            }
            for (NodeId n : watched) {
                if (!watchedNow.contains(n)) {
                    say("- " + n.value() + " " + now.toEpochMilli());
                }
            }
            watched = watchedNow;
            watchedCount = watched.size();
            // A sampling period: the parent is told when watching starts or stops to within it.
            Thread.sleep(SAMPLE_EVERY.toMillis());
        }
    }

    private static void daemon(String name, java.util.concurrent.Callable<Void> body) {
        Thread t = new Thread(() -> {
            try {
                body.call();
            } catch (Exception e) {
                say("event " + name + " stopped: " + e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void say(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    /** The heap in use once what can be collected is: a few GCs apart, as HaBench settles it. */
    private static long settledHeap() {
        try {
            return HaBench.settledHeap(ManagementFactory.getMemoryMXBean());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
