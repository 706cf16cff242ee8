package org.bmsdk.bench.ha;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.ha.DetectorOptions;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.cluster.ClusterMember;
import org.bmsdk.store.fixture.PostgresServer;
import org.bmsdk.store.jdbc.JdbcStore;

/**
 * The "three controller instances over PostgreSQL, 1,000 nodes in the benchmark; kill one;
 * all its nodes stay monitored, none is failed over" (bench/ha.sh, mode {@code cluster}).
 *
 * <p>A real PostgreSQL server (bm-store's {@link PostgresServer} fixture), NODES active nodes in it,
 * and three {@link ControllerProcess} JVMs (a, b, c) sharing them through the hash ring with the
 * default cluster lease and detector. Once every node is watched by exactly one instance, the CPU
 * and heap of each are taken over a steady window; then c is killed with SIGKILL and the benchmark
 * measures, from the kill, when each of c's nodes is watched again by a or b (the takeover time),
 * the longest time any node went unwatched by a live instance (checked against the bound: the lease,
 * three refresh intervals and a probe interval), and, over AFTER seconds more, that no failover is on
 * record, no failover event or alarm was raised and no machine was powered off. Prints one JSON
 * object; exits 1 when a check failed.
 *
 * <p>Arguments: {@code NODES STEADY_SECONDS AFTER_SECONDS}.
 */
public final class ClusterBench {

    private static final List<String> IDS = List.of("a", "b", "c");
    private static final String VICTIM = "c";

    private final int count;
    private final List<NodeId> nodes;
    private final Map<String, Instance> instances = new HashMap<>();
    /** For each node, the instances watching it now; guarded by this. */
    private final Map<NodeId, Set<String>> watchers = new HashMap<>();
    /** For each node, since when no live instance has watched it (absent: watched); guarded by this. */
    private final Map<NodeId, Long> unwatchedSince = new HashMap<>();
    /** The first time a live instance watched each node after it went unwatched; guarded by this. */
    private final Map<NodeId, Long> firstWatched = new HashMap<>();
    private long longestGapMs;
    private NodeId longestGapNode;
    private boolean trackingGaps;
    private final List<String> events = new CopyOnWriteArrayList<>();

    private ClusterBench(int count) {
        this.count = count;
        this.nodes = nodes(count);
        nodes.forEach(n -> watchers.put(n, new HashSet<>()));
    }

    /** The nodes of the benchmark, by number: the parent seeds them, each instance watches them. */
    static List<NodeId> nodes(int count) {
        return IntStream.range(0, count).mapToObj(i -> NodeId.of(String.format("node-%04d", i))).toList();
    }

    /** One controller process and what it reported. */
    private static final class Instance {
        final String id;
        Process process;
        volatile boolean joined;
        /** Set before the kill: what is still in its pipe is ignored. */
        volatile boolean killed;
        volatile long heapBefore;
        /** The stats lines: ms, cpu ns, nodes watched. */
        final List<long[]> stats = new CopyOnWriteArrayList<>();
        /** The answers to heap requests: bytes after GC, nodes watched. */
        final List<long[]> heaps = new CopyOnWriteArrayList<>();

        Instance(String id) {
            this.id = id;
        }

        long[] lastStats() {
            return stats.isEmpty() ? null : stats.get(stats.size() - 1);
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param args NODES, STEADY_SECONDS, AFTER_SECONDS
     * @throws Exception when the server or a process cannot start
     */
    public static void main(String[] args) throws Exception {
        Optional<String> missing = PostgresServer.missing();
        if (missing.isPresent()) {
            System.err.println("cluster: " + missing.get() + ": run .ci/install-peers.sh postgres (as root)");
            System.exit(2);
        }
        boolean ok;
        try (PostgresServer server = PostgresServer.startIfInstalled().orElseThrow()) {
            ok = new ClusterBench(Integer.parseInt(args[0])).run(server, Duration.ofSeconds(Long.parseLong(args[1])),
                    Duration.ofSeconds(Long.parseLong(args[2])));
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run(PostgresServer server, Duration steady, Duration after) throws Exception {
        String url = server.newSchema();
        DetectorOptions detector = DetectorOptions.defaults();
        Duration lease = ClusterMember.DEFAULT_LEASE;
        Duration refresh = lease.dividedBy(3); // the member's default
        Duration bound = lease.plus(refresh.multipliedBy(3)).plus(detector.probeInterval());
        try (JdbcStore store = JdbcStore.postgres(url, ControllerProcess.USER, server.password())) {
            for (NodeId id : nodes) {
                store.nodes().create(id, Node.builder(id).resourceClass("gpu").provisionState(ProvisionState.ACTIVE).owner("t1").build());
            }
            Thread reaper = new Thread(() -> instances.values().forEach(i -> i.process.destroyForcibly()), "cluster-bench-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            try {
                for (String id : IDS) {
                    Instance i = new Instance(id);
                    instances.put(id, i);
                    i.process = start(url, server, i);
                }
                long startedAt = System.nanoTime();
                await(Duration.ofSeconds(180), () -> instances.values().stream().allMatch(i -> i.joined) && everyNodeWatchedOnce(IDS),
                        "the three instances never shared the nodes out");
                double shareSeconds = (System.nanoTime() - startedAt) / 1e9;

                // The steady window: per-instance CPU and heap while the three share the nodes.
                Map<String, long[]> before = new HashMap<>();
                awaitFreshStats(before);
                synchronized (this) {
                    trackingGaps = true;
                }
                Thread.sleep(steady.toMillis()); // a measurement window, not a wait for a condition
                Map<String, long[]> atKill = new HashMap<>();
                awaitFreshStats(atKill);
                Map<String, long[]> heapAtKill = heaps(IDS);
                Map<String, Long> owned = new HashMap<>();
                for (String id : IDS) {
                    owned.put(id, count(id));
                }
                List<NodeId> ofVictim = watchedBy(VICTIM);

                Instance victim = instances.get(VICTIM);
                victim.killed = true;
                victim.process.destroyForcibly(); // SIGKILL
                if (!victim.process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the victim outlived SIGKILL");
                }
                long killedAt = System.currentTimeMillis();
                Map<NodeId, Long> takeover = new HashMap<>();
                synchronized (this) {
                    for (NodeId n : nodes) {
                        unwatch(n, VICTIM, killedAt);
                    }
                }
                List<String> survivors = IDS.stream().filter(i -> !i.equals(VICTIM)).toList();
                await(bound.multipliedBy(3), () -> {
                    synchronized (this) {
                        return ofVictim.stream().allMatch(n -> !watchers.get(n).isEmpty());
                    }
                }, "the victim's nodes were not all watched again");
                synchronized (this) {
                    for (NodeId n : ofVictim) {
                        takeover.put(n, firstWatched.getOrDefault(n, Long.MAX_VALUE) - killedAt);
                    }
                }
                // Three detection times more: nothing may look failed after the hand-over.
                Map<String, long[]> afterStart = new HashMap<>();
                awaitFreshStats(afterStart, survivors);
                Thread.sleep(after.toMillis()); // an observation window
                Map<String, long[]> afterEnd = new HashMap<>();
                awaitFreshStats(afterEnd, survivors);
                Map<String, long[]> heapAfter = heaps(survivors);
                boolean sharedAfter = everyNodeWatchedOnce(survivors);
                int failoverRecords = store.records(FailoverOrchestrator.NAMESPACE).list().size();

                List<Double> takeoverS = takeover.values().stream().map(ms -> ms / 1000.0).sorted().toList();
                long longest;
                NodeId longestNode;
                long stillUnwatched;
                synchronized (this) {
                    long now = System.currentTimeMillis();
                    unwatchedSince.forEach((n, since) -> gap(n, now - since));
                    longest = longestGapMs;
                    longestNode = longestGapNode;
                    stillUnwatched = unwatchedSince.size();
                }
                boolean withinBound = longest <= bound.toMillis() && stillUnwatched == 0;
                boolean ok = withinBound && sharedAfter && failoverRecords == 0 && events.isEmpty();
                StringBuilder per = new StringBuilder();
                for (String id : IDS) {
                    Instance i = instances.get(id);
                    long[] b = before.get(id);
                    long[] k = atKill.get(id);
                    long heap = heapAtKill.get(id)[0];
                    per.append(per.length() == 0 ? "" : ",").append(String.format(Locale.ROOT,
                            "\"%s\":{\"nodes\":%d,\"cpu_cores\":%.4f,\"cpu_us_per_node_per_s\":%.2f,\"heap_mib\":%.1f,"
                                    + "\"heap_above_start_mib\":%.1f",
                            id, owned.get(id), cores(b, k), cores(b, k) * 1e6 / Math.max(1, owned.get(id)), heap / 1048576.0,
                            (heap - i.heapBefore) / 1048576.0));
                    if (afterEnd.containsKey(id)) {
                        long[] h = heapAfter.get(id);
                        long gained = h[1] - owned.get(id);
                        per.append(String.format(Locale.ROOT,
                                ",\"after_kill\":{\"nodes\":%d,\"cpu_cores\":%.4f,\"heap_mib\":%.1f,\"heap_kib_per_node_taken\":%.2f}",
                                h[1], cores(afterStart.get(id), afterEnd.get(id)), h[0] / 1048576.0,
                                gained <= 0 ? Double.NaN : (h[0] - heap) / 1024.0 / gained));
                    }
                    per.append('}');
                }
                System.out.printf(Locale.ROOT,
                        "{\"mode\":\"cluster\",\"nodes\":%d,\"instances\":3,\"lease_s\":%.1f,\"refresh_s\":%.2f,\"detection_s\":%.1f,"
                                + "\"share_out_s\":%.1f,\"steady_s\":%d,\"after_s\":%d,\"victim_nodes\":%d,"
                                + "\"takeover_s\":{\"n\":%d,\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},\"bound_s\":%.1f,"
                                + "\"longest_unwatched_s\":%.2f,\"longest_unwatched_node\":\"%s\",\"within_bound\":%b,"
                                + "\"every_node_watched_once_after\":%b,\"failover_records\":%d,\"events\":%d,\"ok\":%b,\"per_instance\":{%s},"
                                + "\"cores\":%d}%n",
                        count, lease.toMillis() / 1000.0, refresh.toMillis() / 1000.0, detector.detectionTime().toMillis() / 1000.0,
                        shareSeconds, steady.toSeconds(), after.toSeconds(), ofVictim.size(), takeoverS.size(), HaBench.pct(takeoverS, 50),
                        HaBench.pct(takeoverS, 99), HaBench.pct(takeoverS, 100), bound.toMillis() / 1000.0, longest / 1000.0, longestNode, withinBound,
                        sharedAfter, failoverRecords, events.size(), ok, per, Runtime.getRuntime().availableProcessors());
                events.forEach(e -> System.err.println("cluster: " + e));
                return ok;
            } finally {
                instances.values().forEach(i -> i.process.destroyForcibly());
                for (Instance i : instances.values()) {
                    i.process.waitFor(10, TimeUnit.SECONDS);
                }
                Runtime.getRuntime().removeShutdownHook(reaper);
            }
        }
    }

    private synchronized void watch(NodeId n, String id, long at) {
        Set<String> w = watchers.get(n);
        if (w == null) {
            return;
        }
        if (w.isEmpty()) {
            Long since = unwatchedSince.remove(n);
            if (since != null) {
                gap(n, at - since);
                firstWatched.putIfAbsent(n, at);
            }
        }
        w.add(id);
    }

    private synchronized void unwatch(NodeId n, String id, long at) {
        Set<String> w = watchers.get(n);
        if (w != null && w.remove(id) && w.isEmpty() && trackingGaps) {
            unwatchedSince.put(n, at);
        }
    }

    private void gap(NodeId n, long ms) {
        if (ms > longestGapMs) {
            longestGapMs = ms;
            longestGapNode = n;
        }
    }

    private synchronized boolean everyNodeWatchedOnce(List<String> by) {
        return watchers.values().stream().allMatch(w -> w.size() == 1 && by.containsAll(w));
    }

    private synchronized long count(String id) {
        return watchers.values().stream().filter(w -> w.contains(id)).count();
    }

    private synchronized List<NodeId> watchedBy(String id) {
        return nodes.stream().filter(n -> watchers.get(n).contains(id)).toList();
    }

    private void awaitFreshStats(Map<String, long[]> into) throws InterruptedException {
        awaitFreshStats(into, IDS);
    }

    /** Waits for a stats line from each instance newer than now, and keeps it. */
    private void awaitFreshStats(Map<String, long[]> into, List<String> ids) throws InterruptedException {
        long from = System.currentTimeMillis();
        await(Duration.ofSeconds(30), () -> ids.stream().allMatch(id -> {
            long[] s = instances.get(id).lastStats();
            return s != null && s[0] >= from;
        }), "no fresh stats from " + ids);
        ids.forEach(id -> into.put(id, instances.get(id).lastStats()));
    }

    /** Asks each instance for its heap after GC (on its stdin) and waits for the answers. */
    private Map<String, long[]> heaps(List<String> ids) throws IOException, InterruptedException {
        Map<String, Integer> asked = new HashMap<>();
        for (String id : ids) {
            Instance i = instances.get(id);
            asked.put(id, i.heaps.size());
            i.process.getOutputStream().write('\n');
            i.process.getOutputStream().flush();
        }
        await(Duration.ofSeconds(30), () -> ids.stream().allMatch(id -> instances.get(id).heaps.size() > asked.get(id)),
                "no heap from " + ids);
        Map<String, long[]> heaps = new HashMap<>();
        ids.forEach(id -> heaps.put(id, instances.get(id).heaps.get(instances.get(id).heaps.size() - 1)));
        return heaps;
    }

    private static double cores(long[] from, long[] to) {
        return (to[1] - from[1]) / 1e6 / Math.max(1, to[0] - from[0]);
    }

    private Process start(String url, PostgresServer server, Instance instance) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseParallelGC",
                "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                ControllerProcess.class.getName(), url, instance.id, String.valueOf(count));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put(ControllerProcess.PASSWORD_ENV, server.password().reveal());
        Process p = pb.start();
        Thread reader = new Thread(() -> read(p, instance), "cluster-bench-" + instance.id);
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    /** Reads an instance's lines all along (a full pipe would stop it). */
    private void read(Process p, Instance instance) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "+", "-" -> {
                        if (instance.killed) {
                            continue;
                        }
                        if (f[0].equals("+")) {
                            watch(NodeId.of(f[1]), instance.id, Long.parseLong(f[2]));
                        } else {
                            unwatch(NodeId.of(f[1]), instance.id, Long.parseLong(f[2]));
                        }
                    }
                    case "stats" -> instance.stats.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
                    case "heap" -> instance.heaps.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                    case "joined" -> {
                        instance.heapBefore = Long.parseLong(f[2]);
                        instance.joined = true;
                    }
                    default -> events.add(instance.id + ": " + line);
                }
            }
        } catch (IOException gone) {
            // killed
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition, String message) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(message + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
