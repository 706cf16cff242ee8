package org.bmsdk.ha.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.InMemoryStore;

/**
 * Random lives of a cluster of up to five instances over one store: instances join, leave, crash and
 * come back, time passes in steps of at most one refresh interval with every running instance
 * refreshing after each step (the schedule {@link ClusterMember#start()} keeps), except that a
 * third of the refreshes come late, until the end where all are on time.
 */
class ClusterMemberPropertiesTest {

    private static final Duration LEASE = Duration.ofSeconds(9);
    private static final Duration REFRESH = Duration.ofSeconds(3);
    private static final List<NodeId> NODES = ClusterMemberTest.nodes(120);

    enum Kind { JOIN, LEAVE, CRASH, TICK }

    record Step(Kind kind, int instance, long millis) {
    }

    @Provide
    Arbitrary<List<Step>> lives() {
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(2, Kind.JOIN), Tuple.of(1, Kind.LEAVE), Tuple.of(1, Kind.CRASH),
                Tuple.of(5, Kind.TICK));
        Arbitrary<Step> step = Combinators.combine(kind, Arbitraries.integers().between(0, 4),
                Arbitraries.longs().between(1, REFRESH.toMillis())).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void afterConvergenceEveryNodeHasExactlyOneOwnerAmongTheLiveInstances(@ForAll("lives") List<Step> life, @ForAll long seed) {
        Cluster c = new Cluster(seed);
        for (Step s : life) {
            c.apply(s);
            // Safety at every moment, not only at the end: never two instances acting on one node.
            c.assertAtMostOneOwnerEach();
        }
        // Converge: no more changes, every refresh on time; after lease + one refresh every crashed
        // lease has run out and every running instance has seen the others and finished its warm-up.
        c.lateRefreshes = false;
        for (long t = 0; t <= LEASE.plus(REFRESH).plus(REFRESH).toMillis(); t += REFRESH.toMillis()) {
            c.apply(new Step(Kind.TICK, 0, REFRESH.toMillis()));
            c.assertAtMostOneOwnerEach();
        }
        List<String> running = new ArrayList<>(c.running.keySet());
        for (ClusterMember m : c.running.values()) {
            assertEquals(running, m.view().liveInstances(), m.id() + "'s view");
        }
        for (NodeId n : NODES) {
            List<String> owners = c.owners(n);
            assertEquals(running.isEmpty() ? 0 : 1, owners.size(), n + " owned by " + owners);
        }
    }

    /** The instances and the one clock and store they share. */
    private static final class Cluster {
        final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T12:00:00Z"));
        final InMemoryStore store = InMemoryStore.create();
        final TreeMap<String, ClusterMember> running = new TreeMap<>();
        final Random random;
        boolean lateRefreshes = true;

        Cluster(long seed) {
            this.random = new Random(seed);
        }

        void apply(Step s) {
            String id = "c" + s.instance();
            switch (s.kind()) {
                case JOIN -> {
                    if (!running.containsKey(id)) {
                        ClusterMember m = ClusterMember.builder(store, id).clock(clock).lease(LEASE).refreshInterval(REFRESH).build();
                        try {
                            m.refresh();
                            running.put(id, m);
                        } catch (ConflictException e) {
                            // Its crashed predecessor's lease still holds: it may join later.
                        }
                    }
                }
                case LEAVE -> {
                    ClusterMember m = running.remove(id);
                    if (m != null) {
                        m.close();
                    }
                }
                // A crash: the process is gone, its lease stays in the store until it runs out.
                case CRASH -> running.remove(id);
                case TICK -> {
                    clock.advance(Duration.ofMillis(s.millis()));
                    List<ClusterMember> order = new ArrayList<>(running.values());
                    Collections.shuffle(order, random);
                    for (ClusterMember m : order) {
                        // A refresh runs late now and then (a loaded machine, a slow database):
                        // safety must not depend on the schedule, only convergence does.
                        if (!lateRefreshes || random.nextInt(3) != 0) {
                            m.refresh();
                        }
                    }
                }
            }
        }

        List<String> owners(NodeId n) {
            return running.values().stream().filter(m -> m.owns(n)).map(ClusterMember::id).toList();
        }

        void assertAtMostOneOwnerEach() {
            for (NodeId n : NODES) {
                List<String> owners = owners(n);
                assertTrue(owners.size() <= 1, n + " owned by " + owners + " at " + clock.instant());
            }
        }
    }
}
