package org.bmsdk.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.ConflictException;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest {

    @Test
    void writesAreCompareAndSet() {
        VersionedStore<String, String> s = InMemoryStore.create().records("alloc");
        assertEquals(1, s.create("vlan-100", "tenant-a").version());
        assertThrows(ConflictException.class, () -> s.create("vlan-100", "tenant-b"));
        assertEquals(2, s.update("vlan-100", "tenant-c", 1).version());
        assertThrows(ConflictException.class, () -> s.update("vlan-100", "tenant-d", 1));
        assertThrows(ConflictException.class, () -> s.delete("vlan-100", 1));
        s.delete("vlan-100", 2);
        assertEquals(List.of(), s.list());
        assertThrows(IllegalArgumentException.class, () -> InMemoryStore.create().records("bad namespace"));
    }

    @Test
    void aConflictRaisedByTheChangeItselfIsNotRetried() {
        VersionedStore<String, String> s = InMemoryStore.create().records("r");
        s.create("k", "v");
        int[] calls = {0};
        assertThrows(ConflictException.class, () -> s.modify("k", v -> {
            calls[0]++;
            throw new ConflictException("not allowed in this state");
        }));
        assertEquals(1, calls[0]);
    }

    @Test
    void concurrentModifiersLoseNoUpdate() throws Exception {
        VersionedStore<String, String> s = InMemoryStore.create().records("counters");
        s.create("c", "0");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    s.modify("c", v -> Integer.toString(Integer.parseInt(v) + 1));
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals("4000", s.get("c").orElseThrow().value());
        assertEquals(4001, s.get("c").orElseThrow().version());
    }
}
