package org.bmsdk.storage.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;

/**
 * The lease lock as a state machine: holders on different hosts, with clocks that differ by less
 * than a quarter of the lease, acquire, renew, check and release in any order while time jumps.
 * Whatever happens, a holder's check before a change ({@code confirm} before a manifest,
 * {@code ensureHeld} before a chunk or a delete) succeeds only if nobody else has written the lock
 * since this holder last did: no other process took it over in between. And an acquire is refused
 * only while another holder's unexpired lease is in the store.
 */
class LeaseLockPropertiesTest {

    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final String KEY = "repo/locks/writer";
    private static final int HOLDERS = 3;

    enum Kind { ACQUIRE, CONFIRM, ENSURE, RELEASE, ADVANCE }

    record Step(Kind kind, int holder, long advanceSeconds) {
    }

    @Property(tries = 300)
    void aCheckSucceedsOnlyWhileNobodyElseTookTheLockOver(@ForAll("steps") List<Step> steps, @ForAll("skews") List<Long> skews) {
        InMemoryObjectStore store = new InMemoryObjectStore();
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        List<LeaseLock> locks = new ArrayList<>();
        for (int h = 0; h < HOLDERS; h++) {
            Duration skew = Duration.ofSeconds(skews.get(h));
            Clock clock = new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now[0].plus(skew);
                }
            };
            locks.add(new LeaseLock(store, KEY, LEASE, clock, null, ErrorContext.NONE, "host-" + h, 1000 + h, null));
        }
        Map<Integer, LeaseLock.Held> held = new HashMap<>();
        for (Step s : steps) {
            String me = "holder-" + s.holder();
            store.actor = me;
            LeaseLock.Held mine = held.get(s.holder());
            switch (s.kind()) {
                case ADVANCE -> now[0] = now[0].plusSeconds(s.advanceSeconds());
                case ACQUIRE -> {
                    if (mine != null) {
                        continue; // the engine takes one lock at a time
                    }
                    Optional<ObjectStore.Stored> before = store.get(KEY);
                    try {
                        held.put(s.holder(), locks.get(s.holder()).acquire("step", false));
                        assertEquals(me, store.lastWriter(KEY));
                    } catch (ConflictException e) {
                        assertTrue(before.isPresent(), "refused with no lock in the store: " + e.getMessage());
                        LockRecord other = LockRecord.decode(before.get().data()).orElseThrow();
                        Instant mineNow = now[0].plusSeconds(skews.get(s.holder()));
                        assertTrue(!mineNow.isAfter(other.expires()), "refused although the lease lapsed: " + other);
                    }
                }
                case CONFIRM, ENSURE -> {
                    if (mine == null) {
                        continue;
                    }
                    try {
                        if (s.kind() == Kind.CONFIRM) {
                            mine.confirm();
                        } else {
                            mine.ensureHeld();
                        }
                        assertEquals(me, store.lastWriter(KEY),
                                s.kind() + " succeeded although another holder wrote the lock since this one");
                    } catch (ConflictException e) {
                        assertTrue(!store.lastWriter(KEY).equals(me), "a holder that still owns the lock was refused: "
                                + e.getMessage());
                        release(store, mine, me);
                        held.remove(s.holder());
                    }
                }
                case RELEASE -> {
                    if (mine != null) {
                        release(store, mine, me);
                        held.remove(s.holder());
                    }
                }
            }
        }
    }

    /** Releasing deletes the lock only when this holder still owns it: never another's. */
    private static void release(InMemoryObjectStore store, LeaseLock.Held lock, String me) {
        String owner = store.lastWriter(KEY);
        Optional<String> etag = store.head(KEY);
        lock.close();
        if (owner.equals(me) && etag.isPresent()) {
            assertTrue(store.head(KEY).isEmpty(), "the owner's release deletes the lock");
        } else {
            assertEquals(etag, store.head(KEY), "a release by a former holder leaves the current lock alone");
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, HOLDERS - 1),
                Arbitraries.of(1L, LEASE.toSeconds() / 3, LEASE.toSeconds() / 2 + 1, LEASE.toSeconds() + 1))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Long>> skews() {
        // Each clock within an eighth of the lease of true time: any two differ by less than a quarter.
        long bound = LEASE.toSeconds() / 8;
        return Arbitraries.longs().between(-bound, bound).list().ofSize(HOLDERS);
    }
}
