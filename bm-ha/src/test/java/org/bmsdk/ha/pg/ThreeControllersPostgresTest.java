package org.bmsdk.ha.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.ha.DetectorOptions;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.HaEvent;
import org.bmsdk.ha.Signal;
import org.bmsdk.store.fixture.PostgresServer;
import org.bmsdk.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three controller instances over a real PostgreSQL monitor 150 nodes: two in this JVM (each with
 * its own connections), one in a child JVM. The child is killed with SIGKILL: every one of its nodes
 * is watched again by the two others within the cluster lease plus the refresh and warm-up, and no
 * node is failed over, before or after. The nodes are {@link Fleet} fakes behind the bm-api
 * interfaces (150 simulated Redfish servers would not fit CI time on this machine); the detection
 * time is 3 s, so that the run covers several detection times after the kill.
 */
@Tag("interop")
class ThreeControllersPostgresTest {

    private static final Logger LOG = LoggerFactory.getLogger(ThreeControllersPostgresTest.class);
    private static final int NODES = 150;
    private static final Duration LEASE = Duration.ofMillis(2000);
    private static final Duration REFRESH = Duration.ofMillis(500);
    private static final DetectorOptions DETECTOR = DetectorOptions.builder().detectionTime(Duration.ofSeconds(3))
            .probeInterval(Duration.ofMillis(500)).build();
    /** Lease, then a refresh to see it gone, two refreshes of warm-up, a probe round: with slack for a loaded machine. */
    private static final Duration TAKEOVER_BOUND = LEASE.plus(REFRESH.multipliedBy(3)).plus(DETECTOR.probeInterval())
            .plus(Duration.ofSeconds(3));

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.startOrSkip();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void threeControllersShareTheNodesAndAKilledOnesNodesStayMonitoredWithoutAFailover() throws Exception {
        String url = server.newSchema();
        List<HaEvent> events = new CopyOnWriteArrayList<>();
        List<String> childOut = new CopyOnWriteArrayList<>();
        try (JdbcStore seedStore = JdbcStore.postgres(url, PostgresServer.USER, server.password());
                JdbcStore storeA = JdbcStore.postgres(url, PostgresServer.USER, server.password());
                JdbcStore storeB = JdbcStore.postgres(url, PostgresServer.USER, server.password())) {
            Fleet.seed(seedStore, NODES);
            List<NodeId> nodes = Fleet.nodes(NODES);
            Fleet fleet = new Fleet();
            try (Fleet.Controller a = fleet.controller(storeA, "a", LEASE, REFRESH, DETECTOR, events::add);
                    Fleet.Controller b = fleet.controller(storeB, "b", LEASE, REFRESH, DETECTOR, events::add)) {
                Process child = start(url, "c", childOut);
                try {
                    a.member().start();
                    b.member().start();
                    a.monitor().start(DETECTOR.probeInterval());
                    b.monitor().start(DETECTOR.probeInterval());
                    await(Duration.ofSeconds(30), () -> childOut.contains("joined c") && a.member().view().liveInstances().size() == 3
                            && b.member().view().liveInstances().size() == 3, () -> "c never joined: " + childOut);
                    List<NodeId> ofC = nodes.stream().filter(n -> a.member().view().owner(n).orElseThrow().equals("c")).toList();
                    assertTrue(ofC.size() > 20 && ofC.size() < 100, "c owns " + ofC.size());
                    // Two detection times with the three of them (a and b heard each of theirs after
                    // that): a and b watch their own and not c's.
                    List<NodeId> ofAB = nodes.stream().filter(n -> !ofC.contains(n)).toList();
                    awaitHeardAfter(a, b, ofAB, Instant.now().plus(DETECTOR.detectionTime().multipliedBy(2)));
                    assertTrue(ofAB.stream().allMatch(n -> watchedNow(a, n) || watchedNow(b, n)), "a and b do not watch all theirs");
                    assertTrue(ofC.stream().noneMatch(n -> watchedNow(a, n) || watchedNow(b, n)), "c's nodes watched by a or b too");

                    child.destroyForcibly(); // SIGKILL
                    assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                    long killed = System.nanoTime();
                    await(TAKEOVER_BOUND, () -> ofC.stream().allMatch(n -> watchedNow(a, n) || watchedNow(b, n)),
                            () -> "c's nodes not all watched again: " + ofC.stream().filter(n -> !watchedNow(a, n) && !watchedNow(b, n)).count()
                                    + " left");
                    Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
                    LOG.info("c's {} nodes watched again by a and b {} ms after its SIGKILL (lease {} ms, refresh {} ms, probe {} ms)",
                            ofC.size(), takeover.toMillis(), LEASE.toMillis(), REFRESH.toMillis(), DETECTOR.probeInterval().toMillis());
                    // Three detection times more: nothing looked failed in the hand-over.
                    awaitHeardAfter(a, b, nodes, Instant.now().plus(DETECTOR.detectionTime().multipliedBy(3)));
                    assertTrue(nodes.stream().allMatch(n -> watchedNow(a, n) ^ watchedNow(b, n)), "every node watched by exactly one of a, b");
                } finally {
                    child.destroyForcibly();
                }
            }
            assertTrue(seedStore.records(FailoverOrchestrator.NAMESPACE).list().isEmpty(), "a failover on record");
            assertEquals(0, fleet.powerOffs.get());
            assertEquals(List.of(), events.stream().filter(e -> e.kind() != HaEvent.Kind.ASSESSED).toList(), "failover events or alarms");
            assertEquals(List.of(), childOut.stream().filter(l -> l.startsWith("event")).toList(), "the child's failover events or alarms");
        }
    }

    /**
     * Waits until a or b has heard every one of the nodes after a moment: they watched them (and
     * could have failed them over) until then, which a sleep would not prove on a stalled machine.
     */
    private static void awaitHeardAfter(Fleet.Controller a, Fleet.Controller b, List<NodeId> nodes, Instant moment)
            throws InterruptedException {
        await(Duration.between(Instant.now(), moment).plusSeconds(15), () -> nodes.stream().allMatch(n -> heardAfter(a, n, moment)
                || heardAfter(b, n, moment)), () -> "not every node heard after " + moment);
    }

    private static boolean heardAfter(Fleet.Controller c, NodeId n, Instant moment) {
        return c.monitor().assessor().detector(Signal.HOST).lastHeartbeat(n).filter(t -> t.isAfter(moment)).isPresent();
    }

    /** Whether a controller has a heartbeat of the node from the last two probe intervals. */
    private static boolean watchedNow(Fleet.Controller c, NodeId n) {
        Optional<Instant> last = c.monitor().assessor().detector(Signal.HOST).lastHeartbeat(n);
        return last.isPresent() && last.get().isAfter(Instant.now().minus(DETECTOR.probeInterval().multipliedBy(3)));
    }

    private static Process start(String url, String id, List<String> out) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), MonitorChild.class.getName(), url, id, String.valueOf(LEASE.toMillis()),
                String.valueOf(REFRESH.toMillis()), String.valueOf(DETECTOR.detectionTime().toMillis()),
                String.valueOf(DETECTOR.probeInterval().toMillis()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put(FailoverChild.PASSWORD_ENV, server.password().reveal());
        Process p = pb.start();
        Thread drain = new Thread(() -> {
            // Drained all along: a full pipe would stop the child.
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("joined") || line.startsWith("event")) {
                        out.add(line);
                    }
                }
            } catch (java.io.IOException gone) {
                // killed
            }
        }, "child-out");
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    private static void await(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> message)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), message);
    }
}
