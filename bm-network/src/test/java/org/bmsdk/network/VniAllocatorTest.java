package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.network.Vni;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.junit.jupiter.api.Test;

class VniAllocatorTest {

    @Test
    void vnisComeFromTheRangesInOrderAndLiveApartFromVlans() {
        Store store = InMemoryStore.create();
        VniAllocator vnis = VniAllocator.create(store, List.of(VniRange.of(16_777_214, 16_777_215), VniRange.of(5000, 5000)));
        VlanAllocator vlans = VlanAllocator.create(store, List.of(VlanRange.of(100, 100)));
        assertEquals(Vni.of(16_777_214), vnis.allocate("t/a"));
        assertEquals(Vni.of(16_777_215), vnis.allocate("t/b"));
        assertEquals(Vni.of(5000), vnis.allocate("t/c"));
        assertEquals(100, vlans.allocate("t/a").value(), "a network's VLAN and VNI are allocated independently");
        ConflictException full = assertThrows(ConflictException.class, () -> vnis.allocate("t/d"));
        assertTrue(full.getMessage().contains("no free VNI") && full.getMessage().contains("all 3 are in use"), full.getMessage());
        vnis.release("t/b");
        assertEquals(Vni.of(16_777_215), vnis.allocate("t/d"));
        assertEquals(Vni.of(16_777_214), vnis.allocate("t/a"), "held until released");
        assertThrows(IllegalArgumentException.class, () -> VniRange.of(10, 9));
    }

    @Test
    void concurrentCallersNeverShareAVni() throws Exception {
        Store store = InMemoryStore.create();
        VniAllocator vnis = VniAllocator.create(store, List.of(VniRange.of(7000, 7063)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Vni>> got = new ArrayList<>();
            for (int k = 0; k < 64; k++) {
                String net = "t/n" + (k % 32);
                got.add(pool.submit(() -> {
                    go.await();
                    return vnis.allocate(net);
                }));
            }
            go.countDown();
            Map<String, Vni> seen = new HashMap<>();
            for (int k = 0; k < 64; k++) {
                Vni v = got.get(k).get();
                Vni before = seen.putIfAbsent("t/n" + (k % 32), v);
                assertTrue(before == null || before.equals(v), "one network, one VNI");
            }
            assertEquals(32, new HashSet<>(seen.values()).size());
            assertEquals(seen, vnis.allocations());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One step: allocate or release a network's VNI. */
    record Step(boolean allocate, int network) {
    }

    @Property(tries = 200)
    void sequencesMatchAModel(@ForAll("steps") List<Step> steps) {
        VniAllocator vnis = VniAllocator.create(InMemoryStore.create(), List.of(VniRange.of(9_999_998, 10_000_000)));
        Map<String, Vni> model = new HashMap<>();
        for (Step s : steps) {
            String net = "n" + s.network();
            if (!s.allocate()) {
                vnis.release(net);
                model.remove(net);
            } else if (model.containsKey(net)) {
                assertEquals(model.get(net), vnis.allocate(net));
            } else if (model.size() == 3) {
                assertThrows(ConflictException.class, () -> vnis.allocate(net));
            } else {
                Vni v = vnis.allocate(net);
                assertTrue(!model.containsValue(v) && v.value() >= 9_999_998 && v.value() <= 10_000_000, v + " for " + model);
                model.put(net, v);
            }
            assertEquals(model, vnis.allocations());
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.integers().between(0, 4))
                .as(Step::new).list().ofMaxSize(40);
    }
}
