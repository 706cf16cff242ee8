package org.bmsdk.ha.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.store.fixture.PostgresServer;
import org.bmsdk.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three controller instances over a real PostgreSQL, each with its own store (its own connections,
 * as separate processes have), on the real clock: 150 nodes split between them; one dies and its
 * nodes are taken over within lease + one refresh, never owned twice on the way.
 */
@Tag("interop")
class ClusterPostgresTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPostgresTest.class);
    private static final Duration LEASE = Duration.ofMillis(2000);
    private static final Duration REFRESH = Duration.ofMillis(500);
    /** Scheduling on a loaded 2-core machine: a refresh may start late and take a while over JDBC. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final List<NodeId> NODES = ClusterMemberTest.nodes(150);

    private static PostgresServer server;

    private final List<AutoCloseable> open = new ArrayList<>();
    private String url;

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

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ClusterMember member(String id) throws Exception {
        if (url == null) {
            url = server.newSchema();
        }
        JdbcStore store = JdbcStore.postgres(url, PostgresServer.USER, server.password());
        open.add(store);
        ClusterMember m = ClusterMember.builder(store, id).lease(LEASE).refreshInterval(REFRESH).build();
        open.add(m);
        return m;
    }

    @Test
    void aStoppedInstancesNodesAreTakenOverByTheOthersWithinTheBound() throws Exception {
        List<ClusterMember> members = List.of(member("a").start(), member("b").start(), member("c").start());
        awaitOrFail(Duration.ofSeconds(15), () -> members.stream().allMatch(m -> m.view().liveInstances().size() == 3)
                && exactlyOneOwnerEach(members), "the three never converged: " + ownerCounts(members));
        ClusterMember c = members.get(2);
        List<NodeId> ofC = c.view().ownedAmong(NODES, java.time.Instant.now());
        assertTrue(ofC.size() > 20, "c owns " + ofC.size());
        LOG.info("owners before: {}", ownerCounts(members));

        c.stop();
        java.time.Instant lastHeartbeat = c.view().readAt();
        List<ClusterMember> survivors = members.subList(0, 2);
        long deadline = System.nanoTime() + LEASE.plus(REFRESH).plus(SLACK).toNanos() + Duration.ofSeconds(10).toNanos();
        java.time.Instant takenOver = null;
        while (System.nanoTime() < deadline) {
            assertAtMostOneOwnerEach(members);
            if (ofC.stream().allMatch(n -> survivors.stream().anyMatch(m -> m.owns(n)))) {
                takenOver = java.time.Instant.now();
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(takenOver != null, "c's nodes were never all taken over: " + ownerCounts(members));
        Duration after = Duration.between(lastHeartbeat, takenOver);
        LOG.info("c's {} nodes taken over {} ms after its last heartbeat (lease {} ms, refresh {} ms); owners after: {}",
                ofC.size(), after.toMillis(), LEASE.toMillis(), REFRESH.toMillis(), ownerCounts(members));
        assertTrue(after.compareTo(LEASE.plus(REFRESH).plus(SLACK)) <= 0, "taken over after " + after);
        assertTrue(exactlyOneOwnerEach(survivors));
        assertEquals(List.of("a", "b"), survivors.get(0).view().liveInstances());
    }

    @Test
    void aKilledProcesssNodesAreTakenOverWithinTheBound() throws Exception {
        List<ClusterMember> members = List.of(member("a").start(), member("b").start());
        Process child = startChild("d");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertEquals("joined d", line, () -> "child: " + stderr(child));
            awaitOrFail(Duration.ofSeconds(15), () -> members.stream().allMatch(m -> m.view().liveInstances().equals(List.of("a", "b", "d"))),
                    "a and b never saw d");
            List<NodeId> ofD = NODES.stream().filter(n -> members.get(0).view().owner(n).orElseThrow().equals("d")).toList();
            assertTrue(ofD.size() > 20, "d owns " + ofD.size());
            // While d lives, a and b leave its nodes alone.
            assertTrue(ofD.stream().noneMatch(n -> members.stream().anyMatch(m -> m.owns(n))));

            long killed = System.nanoTime();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no lease deletion.
            child.waitFor();
            awaitOrFail(LEASE.plus(REFRESH).plus(SLACK).plus(Duration.ofSeconds(10)),
                    () -> ofD.stream().allMatch(n -> members.stream().anyMatch(m -> m.owns(n))), "d's nodes never taken over");
            Duration after = Duration.ofNanos(System.nanoTime() - killed);
            LOG.info("killed d's {} nodes taken over {} ms after kill -9 (lease {} ms, refresh {} ms)", ofD.size(),
                    after.toMillis(), LEASE.toMillis(), REFRESH.toMillis());
            assertTrue(after.compareTo(LEASE.plus(REFRESH).plus(SLACK)) <= 0, "taken over after " + after);
            assertTrue(exactlyOneOwnerEach(members));
        } finally {
            child.destroyForcibly();
        }
    }

    private Process startChild(String id) throws Exception {
        if (url == null) {
            url = server.newSchema();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClusterChild.class.getName(), url, id,
                String.valueOf(LEASE.toMillis()), String.valueOf(REFRESH.toMillis())));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(ClusterChild.PASSWORD_ENV, server.password().reveal());
        return pb.start();
    }

    private static boolean exactlyOneOwnerEach(List<ClusterMember> members) {
        return NODES.stream().allMatch(n -> members.stream().filter(m -> m.owns(n)).count() == 1);
    }

    private static void assertAtMostOneOwnerEach(List<ClusterMember> members) {
        for (NodeId n : NODES) {
            List<String> owners = members.stream().filter(m -> m.owns(n)).map(ClusterMember::id).toList();
            assertTrue(owners.size() <= 1, n + " owned by " + owners);
        }
    }

    private static Map<String, Long> ownerCounts(List<ClusterMember> members) {
        Map<String, Long> counts = new TreeMap<>();
        for (ClusterMember m : members) {
            counts.put(m.id(), NODES.stream().filter(m::owns).count());
        }
        return counts;
    }

    private static void awaitOrFail(Duration timeout, BooleanSupplier condition, String message) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        fail(message);
    }

    private static String stderr(Process p) {
        try {
            return new String(p.getErrorStream().readNBytes(10_000), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
