package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class VlanAllocatorTest {

    @Test
    void eachNetworkKeepsOneVlanUntilReleasedAndTheRangesRunOut() {
        Store store = InMemoryStore.create();
        VlanAllocator vlans = VlanAllocator.create(store, List.of(VlanRange.of(100, 101), VlanRange.of(200, 200)));
        assertEquals(VlanId.of(100), vlans.allocate("net-a"));
        assertEquals(VlanId.of(100), vlans.allocate("net-a"));
        assertEquals(VlanId.of(101), vlans.allocate("net-b"));
        assertEquals(VlanId.of(200), vlans.allocate("net-c"));
        ConflictException full = assertThrows(ConflictException.class, () -> vlans.allocate("net-d"));
        assertTrue(full.getMessage().contains("all 3 are in use"), full.getMessage());

        vlans.release("net-b");
        vlans.release("net-b");
        assertEquals(Optional.empty(), vlans.vlanOf("net-b"));
        assertEquals(VlanId.of(101), vlans.allocate("net-d"));
        // A new allocator over the same store (a restarted controller) sees the same allocations.
        assertEquals(Map.of("net-a", VlanId.of(100), "net-c", VlanId.of(200), "net-d", VlanId.of(101)),
                VlanAllocator.create(store, List.of(VlanRange.of(100, 101), VlanRange.of(200, 200))).allocations());
    }

    @Test
    void aClaimLeftByACrashIsTakenOverByItsNetworkAndByNoOtherOne() {
        Store store = InMemoryStore.create();
        store.records(VlanAllocator.IDS).create("0100", "net-x 6b1f");
        VlanAllocator vlans = VlanAllocator.create(store, List.of(VlanRange.of(100, 102)));
        assertEquals(VlanId.of(101), vlans.allocate("net-y"));
        assertEquals(VlanId.of(100), vlans.allocate("net-x"));
        vlans.release("net-x");
        assertEquals(VlanId.of(100), vlans.allocate("net-z"));
    }

    @Test
    void badInputIsRefused() {
        VlanAllocator vlans = VlanAllocator.create(InMemoryStore.create(), List.of(VlanRange.of(5, 6)));
        assertThrows(IllegalArgumentException.class, () -> vlans.allocate("has space"));
        assertThrows(IllegalArgumentException.class, () -> VlanRange.of(9, 8));
        assertThrows(IllegalArgumentException.class, () -> VlanAllocator.create(InMemoryStore.create(), List.of()));
    }

    @RepeatedTest(5)
    void concurrentCallersNeverShareAVlanAndOneNetworkGetsOneVlan() throws Exception {
        Store store = InMemoryStore.create();
        VlanAllocator vlans = VlanAllocator.create(store, List.of(VlanRange.of(10, 13)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // Eight callers allocate one network at once: all get the same VLAN.
            CountDownLatch go = new CountDownLatch(1);
            List<Future<VlanId>> same = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                same.add(pool.submit(() -> {
                    go.await();
                    return vlans.allocate("shared");
                }));
            }
            go.countDown();
            Set<VlanId> got = new HashSet<>();
            for (Future<VlanId> f : same) {
                got.add(f.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, got.size(), "one network, one VLAN: " + got);

            // Then random allocations and releases of six networks over the three VLANs left.
            Map<String, Integer> conflicts = new ConcurrentHashMap<>();
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                work.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 200; i++) {
                        String net = "net-" + r.nextInt(6);
                        if (r.nextBoolean()) {
                            try {
                                vlans.allocate(net);
                            } catch (ConflictException full) {
                                conflicts.merge(net, 1, Integer::sum);
                            }
                        } else {
                            vlans.release(net);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertConsistent(store, vlans);
    }

    /** Every network's VLAN is claimed in its name, and no VLAN serves two networks. */
    private static void assertConsistent(Store store, VlanAllocator vlans) {
        Map<String, VlanId> allocations = vlans.allocations();
        assertEquals(allocations.size(), new HashSet<>(allocations.values()).size(), "a VLAN held twice: " + allocations);
        Map<String, String> claims = new HashMap<>();
        for (Versioned<String, String> v : store.records(VlanAllocator.IDS).list()) {
            claims.put(v.key(), v.value());
        }
        for (Versioned<String, String> n : store.records(VlanAllocator.NETWORKS).list()) {
            String[] idAndToken = n.value().split(" ");
            assertEquals(n.key() + " " + idAndToken[1], claims.get(idAndToken[0]), "the claim of " + n.key());
        }
    }

    /** One step of the sequential model. */
    record Step(boolean allocate, int network) {
    }

    @Property(tries = 300)
    void sequencesMatchAModel(@ForAll("steps") List<Step> steps) {
        Store store = InMemoryStore.create();
        VlanAllocator vlans = VlanAllocator.create(store, List.of(VlanRange.of(40, 42)));
        Map<String, VlanId> model = new HashMap<>();
        for (Step s : steps) {
            String net = "n" + s.network();
            if (s.allocate()) {
                if (model.containsKey(net)) {
                    assertEquals(model.get(net), vlans.allocate(net));
                } else if (model.size() == 3) {
                    assertThrows(ConflictException.class, () -> vlans.allocate(net));
                } else {
                    VlanId id = vlans.allocate(net);
                    assertTrue(!model.containsValue(id) && id.value() >= 40 && id.value() <= 42, id + " for " + model);
                    model.put(net, id);
                }
            } else {
                vlans.release(net);
                model.remove(net);
            }
            assertEquals(model, vlans.allocations());
        }
        assertConsistent(store, vlans);
        assertNotEquals(null, vlans.allocations());
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.integers().between(0, 4))
                .as(Step::new).list().ofMaxSize(40);
    }
}
