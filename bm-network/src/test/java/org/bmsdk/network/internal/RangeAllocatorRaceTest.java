package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.junit.jupiter.api.Test;

/**
 * The allocator's races, made deterministic: {@link PausingStore} stops one caller between two of
 * its store writes (an allocation is a claim on the id AND a record of the network; a release
 * deletes the claim first, then the record), another caller runs to completion in that gap, then
 * the first goes on. No sleeps: latches decide the order.
 */
class RangeAllocatorRaceTest {

    private static final String IDS = "race-ids";
    private static final String NETS = "race-networks";

    private static RangeAllocator allocator(Store store, int first, int last) {
        return new RangeAllocator(store, IDS, NETS, List.of(new int[] {first, last}), 4, "VLAN");
    }

    /** A caller on its own thread, stopped by the store after its n-th write. */
    private static final class Paused<T> {
        final Thread thread;
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Paused(PausingStore store, int afterWrite, Supplier<T> call) {
            thread = new Thread(() -> {
                try {
                    result.set(call.get());
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    store.done();
                }
            }, "paused-caller");
            store.pauseAfterWrite(thread, afterWrite);
            thread.start();
        }

        T finish(PausingStore store) throws Exception {
            store.resume();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(thread.isAlive(), "the paused caller did not finish");
            if (failure.get() != null) {
                throw new AssertionError("the paused caller failed", failure.get());
            }
            return result.get();
        }
    }

    @Test
    void twoAllocationsNeverShareAnIdWhileOneIsBetweenItsClaimAndItsRecord() throws Exception {
        PausingStore store = new PausingStore(InMemoryStore.create());
        RangeAllocator ids = allocator(store, 10, 12);
        Paused<Integer> a = new Paused<>(store, 1, () -> ids.allocate("net-a"));
        assertTrue(store.awaitPausedOrDone(), "net-a's allocation stopped after its claim");
        assertEquals(List.of("0010"), keys(store, IDS), "net-a claimed 10");
        assertEquals(List.of(), keys(store, NETS), "and has no record yet");
        assertEquals(Map.of(), ids.allocations(), "a claim alone is no allocation");

        int b = ids.allocate("net-b");
        assertEquals(11, b, "10 is claimed, if not yet recorded");
        assertEquals(10, a.finish(store));
        assertEquals(Map.of("net-a", 10, "net-b", 11), ids.allocations());
        assertConsistent(store);
    }

    @Test
    void oneNetworkAllocatedTwiceAtOnceGetsOneIdAndLeavesOneClaim() throws Exception {
        PausingStore store = new PausingStore(InMemoryStore.create());
        RangeAllocator ids = allocator(store, 10, 12);
        Paused<Integer> first = new Paused<>(store, 1, () -> ids.allocate("net-a"));
        assertTrue(store.awaitPausedOrDone());
        assertEquals(10, ids.allocate("net-a"), "the second caller completes the first one's claim");
        assertEquals(10, first.finish(store), "and the first finds it done");
        assertEquals(List.of("0010"), keys(store, IDS), "one claim, none leaked");
        assertEquals(Map.of("net-a", 10), ids.allocations());
        assertConsistent(store);
    }

    /**
     * The race the claim-first release fixed: with the record deleted first, an allocation of the
     * same network in that gap found the claim still there, recorded it, and returned the id, which
     * the release then freed for another network. Now the gap is after the claim went.
     */
    @Test
    void aReleaseStoppedBetweenItsTwoWritesNeverFreesAnIdInUse() throws Exception {
        PausingStore store = new PausingStore(InMemoryStore.create());
        RangeAllocator ids = allocator(store, 10, 12);
        assertEquals(10, ids.allocate("net-x"));
        Paused<Void> release = new Paused<>(store, 1, () -> {
            ids.release("net-x");
            return null;
        });
        assertTrue(store.awaitPausedOrDone());
        assertEquals(List.of(), keys(store, IDS), "the claim went first");
        assertEquals(List.of("net-x"), keys(store, NETS), "the record is still there");
        assertEquals(Map.of(), ids.allocations(), "a record without its claim is no allocation");

        int again = ids.allocate("net-x");
        release.finish(store);
        int other = ids.allocate("net-y");

        assertConsistent(store);
        Map<String, Integer> now = ids.allocations();
        assertEquals(now.size(), new HashSet<>(now.values()).size(), "an id held twice: " + now);
        if (now.containsKey("net-x")) {
            assertEquals(again, now.get("net-x"));
            assertNotEquals(again, other, "net-y got the id net-x holds");
        } else {
            // the release came last: net-x's id may be net-y's now, and net-x holds nothing
            assertEquals(Map.of("net-y", other), now);
        }
    }

    /** One caller's operation. */
    record Op(boolean allocate, String network) {
    }

    /**
     * Any two operations, the first stopped after any of its writes while the second runs whole,
     * then a third network allocated: records and claims agree, no id serves two networks, and a
     * network that was allocated and not released holds the id its allocation returned.
     */
    @Property(tries = 150)
    void aCallerStoppedBetweenAnyTwoWritesNeverLetsTwoNetworksShareAnId(@ForAll("ops") Op first, @ForAll("ops") Op second,
            @ForAll @IntRange(min = 1, max = 5) int afterWrite, @ForAll boolean xHeldBefore) throws Exception {
        PausingStore store = new PausingStore(InMemoryStore.create());
        RangeAllocator ids = allocator(store, 10, 13);
        if (xHeldBefore) {
            ids.allocate("net-x");
        }
        Map<String, Integer> returned = new HashMap<>();
        Paused<Integer> p = new Paused<>(store, afterWrite, () -> run(ids, first));
        store.awaitPausedOrDone();
        Integer second2 = run(ids, second);
        Integer first2 = p.finish(store);
        if (first.allocate()) {
            returned.put(first.network(), first2);
        }
        if (second.allocate()) {
            returned.put(second.network(), second2); // the later return of one network wins; both are checked below
        }
        int z = ids.allocate("net-z");

        assertConsistent(store);
        Map<String, Integer> now = ids.allocations();
        assertEquals(now.size(), new HashSet<>(now.values()).size(), "an id held twice: " + now);
        assertEquals(z, now.get("net-z"));
        for (Op op : List.of(first, second)) {
            boolean releasedToo = List.of(first, second).stream().anyMatch(o -> !o.allocate() && o.network().equals(op.network()));
            if (op.allocate() && !releasedToo) {
                assertEquals(returned.get(op.network()), now.get(op.network()), op + " then " + now);
            }
        }
        for (Map.Entry<String, Integer> e : now.entrySet()) {
            assertEquals(e.getValue(), ids.allocate(e.getKey()), "allocating again changes nothing");
        }
    }

    @Provide
    Arbitrary<Op> ops() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("net-x", "net-y")).as(Op::new);
    }

    private static Integer run(RangeAllocator ids, Op op) {
        if (op.allocate()) {
            try {
                return ids.allocate(op.network());
            } catch (ConflictException full) {
                throw new AssertionError("four ids for three networks cannot run out", full);
            }
        }
        ids.release(op.network());
        return null;
    }

    private static List<String> keys(Store store, String namespace) {
        List<String> out = new ArrayList<>();
        store.records(namespace).list().forEach(v -> out.add(v.key()));
        return out;
    }

    /** Every network's record is backed by its claim: the id's claim names the network with the record's token. */
    private static void assertConsistent(Store store) {
        Map<String, String> claims = new HashMap<>();
        for (Versioned<String, String> v : store.records(IDS).list()) {
            claims.put(v.key(), v.value());
        }
        for (Versioned<String, String> n : store.records(NETS).list()) {
            String[] idAndToken = n.value().split(" ");
            assertEquals(n.key() + " " + idAndToken[1], claims.get(idAndToken[0]), "the claim of " + n.key() + "'s record");
        }
    }
}
