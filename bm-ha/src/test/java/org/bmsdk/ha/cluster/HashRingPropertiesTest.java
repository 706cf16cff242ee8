package org.bmsdk.ha.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HashRingPropertiesTest {

    /** Max over min share with the default points per member; see {@link #balanceBoundHoldsWithMargin()}. */
    static final double BALANCE_BOUND = 2.0;

    private static final List<String> KEYS = keys(3000);

    @Provide
    Arbitrary<Set<String>> members() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '.').ofMinLength(1).ofMaxLength(24)
                .set().ofMinSize(2).ofMaxSize(20);
    }

    @Property
    void sharesStayWithinTheBalanceBound(@ForAll("members") Set<String> members) {
        Map<String, Double> shares = HashRing.of(members).shares();
        double max = Collections.max(shares.values());
        double min = Collections.min(shares.values());
        assertEquals(1.0, shares.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(max / min <= BALANCE_BOUND, "max/min share " + max / min + " for " + shares);
    }

    @Property(tries = 200)
    void nodeIdsSpreadLikeTheShares(@ForAll @IntRange(min = 2, max = 10) int n) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add("controller-" + i);
        }
        HashRing ring = HashRing.of(members);
        Map<String, Integer> load = new HashMap<>();
        for (String k : KEYS) {
            load.merge(ring.owner(k).orElseThrow(), 1, Integer::sum);
        }
        assertEquals(Set.copyOf(members), load.keySet());
        for (String m : members) {
            double expected = ring.shares().get(m) * KEYS.size();
            // Binomial noise around the share: 5 standard deviations.
            assertEquals(expected, load.get(m), 5 * Math.sqrt(expected) + 1, m + " of " + load);
        }
    }

    @Property
    void aJoiningMemberTakesKeysOnlyForItself(@ForAll("members") Set<String> members, @ForAll("name") String joiner) {
        List<String> before = new ArrayList<>(members);
        before.remove(joiner);
        HashRing old = HashRing.of(before);
        List<String> after = new ArrayList<>(before);
        after.add(joiner);
        HashRing next = HashRing.of(after);
        int moved = 0;
        for (String k : KEYS) {
            String was = old.owner(k).orElseThrow();
            String is = next.owner(k).orElseThrow();
            if (!was.equals(is)) {
                assertEquals(joiner, is, "key " + k + " moved from " + was + " to " + is);
                moved++;
            }
        }
        // It takes about its share, no more: 1/(n+1) of the keys, within the balance bound and noise.
        double share = next.shares().get(joiner);
        assertEquals(share * KEYS.size(), moved, 5 * Math.sqrt(share * KEYS.size()) + 1);
    }

    @Property
    void aLeavingMemberGivesAwayOnlyItsOwnKeys(@ForAll("members") Set<String> members, @ForAll @IntRange(max = 19) int which) {
        List<String> list = new ArrayList<>(members);
        String leaver = list.get(which % list.size());
        HashRing old = HashRing.of(list);
        list.remove(leaver);
        HashRing next = HashRing.of(list);
        for (String k : KEYS) {
            String was = old.owner(k).orElseThrow();
            if (!was.equals(leaver)) {
                assertEquals(was, next.owner(k).orElseThrow(), "key " + k);
            } else {
                assertTrue(list.contains(next.owner(k).orElseThrow()));
            }
        }
    }

    @Property
    void theRingDependsOnTheMembersNotTheirOrder(@ForAll("members") Set<String> members, @ForAll long seed) {
        List<String> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled, new Random(seed));
        HashRing a = HashRing.of(members);
        HashRing b = HashRing.of(shuffled);
        for (String k : KEYS.subList(0, 300)) {
            assertEquals(a.owner(k), b.owner(k));
        }
    }

    @Provide
    Arbitrary<String> name() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    }

    @Test
    void anEmptyRingHasNoOwnerAndOneMemberOwnsAll() {
        assertTrue(HashRing.of(List.of()).owner("n1").isEmpty());
        HashRing one = HashRing.of(List.of("only"), 1);
        assertEquals("only", one.owner("n1").orElseThrow());
        assertEquals(1.0, one.shares().get("only"), 1e-12);
    }

    /**
     * The bound the property checks, against many more rings than its tries: 20 members (the
     * worst case of the property) at the default points, 2,000 random name sets.
     */
    @Test
    void balanceBoundHoldsWithMargin() {
        Random random = new Random(7);
        double worst = 0;
        for (int round = 0; round < 2000; round++) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                members.add("c" + Long.toHexString(random.nextLong()));
            }
            Map<String, Double> shares = HashRing.of(members).shares();
            worst = Math.max(worst, Collections.max(shares.values()) / Collections.min(shares.values()));
        }
        assertTrue(worst <= BALANCE_BOUND, "worst max/min share " + worst);
        System.out.println("worst max/min share over 2000 rings of 20: " + worst);
    }

    private static List<String> keys(int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("node-" + i);
        }
        return keys;
    }
}
