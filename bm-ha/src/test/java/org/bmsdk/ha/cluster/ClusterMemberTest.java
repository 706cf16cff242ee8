package org.bmsdk.ha.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.VersionedStore;
import org.junit.jupiter.api.Test;

class ClusterMemberTest {

    static final Duration LEASE = Duration.ofSeconds(9);
    static final Duration REFRESH = Duration.ofSeconds(3);
    /** Two refresh intervals and a bit: when a joined member starts claiming. */
    static final Duration WARM_UP = REFRESH.multipliedBy(2).plusMillis(1);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final InMemoryStore store = InMemoryStore.create();

    private ClusterMember member(String id) {
        return member(store, id);
    }

    private ClusterMember member(Store s, String id) {
        return ClusterMember.builder(s, id).clock(clock).lease(LEASE).refreshInterval(REFRESH).build();
    }

    static List<NodeId> nodes(int n) {
        List<NodeId> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(NodeId.of("node-" + i));
        }
        return nodes;
    }

    @Test
    void membersSeeEachOtherAndSplitTheNodesAfterTheWarmUp() {
        ClusterMember a = member("a");
        ClusterMember b = member("b");
        a.refresh();
        b.refresh();
        assertEquals(List.of("a"), a.view().liveInstances());
        assertEquals(List.of("a", "b"), b.view().liveInstances());
        List<NodeId> nodes = nodes(100);
        // Nobody claims anything during its first two refresh intervals.
        assertTrue(a.view().ownedAmong(nodes, clock.instant()).isEmpty());
        clock.advance(WARM_UP);
        a.refresh();
        b.refresh();
        assertEquals(List.of("a", "b"), a.view().liveInstances());
        List<NodeId> ofA = a.view().ownedAmong(nodes, clock.instant());
        List<NodeId> ofB = b.view().ownedAmong(nodes, clock.instant());
        assertEquals(100, ofA.size() + ofB.size());
        assertTrue(ofA.stream().noneMatch(ofB::contains));
        assertTrue(ofA.size() > 20 && ofB.size() > 20, ofA.size() + " / " + ofB.size());
        for (NodeId n : nodes) {
            assertEquals(a.view().owner(n), b.view().owner(n));
            assertEquals(a.owns(n), !b.owns(n));
        }
    }

    @Test
    void aDeadMembersNodesAreTakenOverWithinLeasePlusOneRefresh() {
        ClusterMember a = member("a");
        ClusterMember b = member("b");
        a.refresh();
        b.refresh();
        clock.advance(WARM_UP);
        a.refresh();
        b.refresh();
        List<NodeId> ofB = b.view().ownedAmong(nodes(100), clock.instant());
        Instant died = clock.instant();
        // b dies: no more refreshes. a refreshes every REFRESH.
        Instant takenOver = null;
        for (int tick = 0; tick < 10 && takenOver == null; tick++) {
            clock.advance(REFRESH);
            a.refresh();
            if (ofB.stream().allMatch(a::owns)) {
                takenOver = clock.instant();
            }
            // Whatever a holds, b no longer acts on once its own lease ran out.
            if (!clock.instant().isBefore(died.plus(LEASE))) {
                assertTrue(ofB.stream().noneMatch(b::owns));
            }
        }
        assertTrue(takenOver != null, "never taken over");
        Duration after = Duration.between(died, takenOver);
        assertTrue(after.compareTo(LEASE.plus(REFRESH)) <= 0, "taken over after " + after);
        assertTrue(after.compareTo(LEASE) >= 0, "taken over before b's lease ran out: " + after);
        assertEquals(List.of("a"), a.view().liveInstances());
    }

    @Test
    void aLeavingMembersNodesAreTakenOverAtTheNextRefresh() {
        ClusterMember a = member("a");
        ClusterMember b = member("b");
        a.refresh();
        b.refresh();
        clock.advance(WARM_UP);
        a.refresh();
        List<NodeId> ofB = b.refresh().ownedAmong(nodes(50), clock.instant());
        b.close();
        assertTrue(ofB.stream().noneMatch(b::owns));
        clock.advance(Duration.ofMillis(10));
        a.refresh();
        assertTrue(ofB.stream().allMatch(a::owns));
        assertTrue(store.records(ClusterMember.DEFAULT_NAMESPACE).get("b").isEmpty());
    }

    @Test
    void aSecondProcessWithTheSameIdIsRefusedUntilTheFirstsLeaseRunsOut() {
        ClusterMember first = member("a");
        first.refresh();
        ClusterMember impostor = member("a");
        ConflictException e = assertThrows(ConflictException.class, impostor::refresh);
        assertTrue(e.getMessage().contains("instance id a is held by another live process"), e.getMessage());
        assertTrue(impostor.view().liveInstances().isEmpty());
        clock.advance(LEASE);
        impostor.refresh();
        assertEquals(List.of("a"), impostor.view().liveInstances());
        // The first one finds its record taken; it is the impostor now.
        assertThrows(ConflictException.class, first::refresh);
    }

    @Test
    void aMemberCutOffFromTheStoreStopsActingWhenItsLeaseRunsOut() {
        FailingStore failing = new FailingStore(store);
        ClusterMember a = member(failing, "a");
        a.refresh();
        clock.advance(WARM_UP);
        a.refresh();
        NodeId n = NodeId.of("n1");
        assertTrue(a.owns(n));
        failing.down = true;
        clock.advance(REFRESH);
        assertThrows(TransportException.class, a::refresh);
        assertTrue(a.owns(n), "still within its lease");
        clock.advance(LEASE.minus(REFRESH));
        assertFalse(a.owns(n), "lease ran out");
        // Back: it joins again, with its warm-up, since the others may have taken its nodes.
        failing.down = false;
        a.refresh();
        assertFalse(a.owns(n));
        clock.advance(WARM_UP);
        a.refresh();
        assertTrue(a.owns(n));
    }

    @Test
    void longDeadLeasesAreRemoved() {
        member("old").refresh();
        ClusterMember a = member("a");
        clock.advance(LEASE.multipliedBy(2).plusMillis(1));
        a.refresh();
        assertEquals(List.of("a"), store.records(ClusterMember.DEFAULT_NAMESPACE).list().stream().map(v -> v.key()).toList());
    }

    @Test
    void theListenerHearsOfEachChangeOfTheLiveSet() {
        List<String> heard = new ArrayList<>();
        ClusterMember a = ClusterMember.builder(store, "a").clock(clock).lease(LEASE).refreshInterval(REFRESH)
                .listener((before, after) -> heard.add(before.liveInstances() + "->" + after.liveInstances()))
                .build();
        a.refresh();
        ClusterMember b = member("b");
        b.refresh();
        a.refresh();
        a.refresh();
        b.close();
        a.refresh();
        assertEquals(List.of("[]->[a]", "[a]->[a, b]", "[a, b]->[a]"), heard);
    }

    @Test
    void aFailingListenerDoesNotStopTheRefresh() {
        ClusterMember a = ClusterMember.builder(store, "a").clock(clock).lease(LEASE).refreshInterval(REFRESH)
                .listener((before, after) -> {
                    throw new IllegalStateException("listener bug");
                }).build();
        assertEquals(List.of("a"), a.refresh().liveInstances());
        assertEquals(List.of("a"), a.view().liveInstances());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClusterMember.builder(store, "bad id"));
        assertThrows(IllegalArgumentException.class,
                () -> ClusterMember.builder(store, "a").lease(Duration.ofSeconds(3)).refreshInterval(Duration.ofSeconds(3)).build());
        assertThrows(IllegalArgumentException.class, () -> ClusterMember.builder(store, "a").virtualNodes(0));
    }

    /** A store whose records fail while {@link #down}, as a database that went away. */
    static final class FailingStore implements Store {
        private final Store delegate;
        volatile boolean down;

        FailingStore(Store delegate) {
            this.delegate = delegate;
        }

        @Override
        public VersionedStore<NodeId, Node> nodes() {
            return delegate.nodes();
        }

        @Override
        public VersionedStore<String, String> records(String namespace) {
            VersionedStore<String, String> r = delegate.records(namespace);
            return (VersionedStore<String, String>) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {VersionedStore.class}, (proxy, method, args) -> {
                        if (down) {
                            throw new TransportException("store down");
                        }
                        try {
                            return method.invoke(r, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
