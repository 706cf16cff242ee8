package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.hardware.ipmi.internal.ReplayWindow.Verdict;

/**
 * The replay window as a state machine, checked against a model that keeps every number ever
 * accepted: a number is accepted at most once, never when it is zero, more than
 * {@link ReplayWindow#AHEAD} ahead or {@link ReplayWindow#BEHIND} behind the highest, and always
 * otherwise; across the 2^32 wrap too.
 */
class ReplayWindowPropertiesTest {

    /** The model: the highest accepted and everything accepted, in unsigned arithmetic. */
    static final class Model {
        Long highest;
        final Set<Long> accepted = new HashSet<>();

        Verdict accept(long seq) {
            if (seq == 0) {
                return Verdict.OUT_OF_WINDOW;
            }
            if (highest == null) {
                highest = seq;
                accepted.add(seq);
                return Verdict.ACCEPTED;
            }
            long ahead = (seq - highest) & 0xFFFFFFFFL;
            long behind = (highest - seq) & 0xFFFFFFFFL;
            if (ahead != 0 && ahead <= ReplayWindow.AHEAD) {
                highest = seq;
                accepted.add(seq);
                return Verdict.ACCEPTED;
            }
            if (behind >= ReplayWindow.BEHIND) {
                return Verdict.OUT_OF_WINDOW;
            }
            return accepted.add(seq) ? Verdict.ACCEPTED : Verdict.REPLAYED;
        }
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        // mostly small moves around the highest, some far jumps, some exact repeats (0)
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(-40, 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers())).list().ofMaxSize(200);
    }

    @Property
    void agreesWithTheModel(@ForAll("start") long start, @ForAll("steps") List<Integer> steps) {
        ReplayWindow w = new ReplayWindow();
        Model m = new Model();
        long last = start;
        for (int step : steps) {
            long seq = (last + step) & 0xFFFFFFFFL;
            assertEquals(m.accept(seq), w.accept((int) seq), "sequence " + seq + " after " + m.highest);
            if (m.highest != null) {
                last = m.highest;
            }
        }
    }

    @Provide
    Arbitrary<Long> start() {
        // near zero, near the wrap, and anywhere
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 100), Arbitraries.longs().between(0xFFFFFF00L, 0xFFFFFFFFL),
                Arbitraries.longs().between(1, 0xFFFFFFFFL));
    }

    @Property
    void acceptsAnyOrderOfAShuffledBlockExactlyOnce(@ForAll @IntRange(min = 1, max = 16) int size, @ForAll("start") long start,
            @ForAll java.util.Random random) {
        ReplayWindow w = new ReplayWindow();
        w.accept((int) start);
        List<Long> block = new java.util.ArrayList<>();
        for (int i = 1; i <= size; i++) {
            long s = (start + i) & 0xFFFFFFFFL;
            if (s != 0) {
                block.add(s);
            }
        }
        java.util.Collections.shuffle(block, random);
        for (long s : block) {
            assertEquals(Verdict.ACCEPTED, w.accept((int) s));
        }
        for (long s : block) {
            assertEquals(Verdict.REPLAYED, w.accept((int) s));
        }
    }
}
