package org.bmsdk.ha.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A consistent hash ring: each member is placed on a 64-bit ring at {@code virtualNodes} points,
 * and a key belongs to the member at the first point at or after the key's hash. Many points per
 * member even out the shares (with the default 128, the largest share of 20 members stays within
 * about twice the smallest), and a member that joins or leaves moves only its own share: every
 * other key keeps its owner, so a controller joining or dying disturbs the monitoring of nobody
 * else's nodes.
 *
 * <p>The ring depends only on the member names and {@code virtualNodes}: every instance that reads
 * the same live set computes the same owners, without talking to the others. Immutable and
 * thread-safe.
 */
public final class HashRing {

    /** The virtual nodes per member unless told otherwise. */
    public static final int DEFAULT_VIRTUAL_NODES = 128;

    private final TreeMap<Long, String> points;
    private final List<String> members;
    private final int virtualNodes;

    private HashRing(TreeMap<Long, String> points, List<String> members, int virtualNodes) {
        this.points = points;
        this.members = members;
        this.virtualNodes = virtualNodes;
    }

    /**
     * A ring over members with {@link #DEFAULT_VIRTUAL_NODES} points each.
     *
     * @param members the member names; duplicates count once
     * @return the ring
     */
    public static HashRing of(Collection<String> members) {
        return of(members, DEFAULT_VIRTUAL_NODES);
    }

    /**
     * A ring over members.
     *
     * @param members the member names; duplicates count once
     * @param virtualNodes points per member, 1 to 4096
     * @return the ring
     */
    public static HashRing of(Collection<String> members, int virtualNodes) {
        Objects.requireNonNull(members, "members");
        if (virtualNodes < 1 || virtualNodes > 4096) {
            throw new IllegalArgumentException("virtualNodes must be in 1..4096, but was " + virtualNodes);
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String m : members) {
            sorted.add(Objects.requireNonNull(m, "member"));
        }
        TreeMap<Long, String> points = new TreeMap<>();
        for (String m : sorted) {
            for (int i = 0; i < virtualNodes; i++) {
                // On the rare equal hash, the smaller name keeps the point, so that the ring does
                // not depend on the order members were given in.
                points.merge(hash(m + "#" + i), m, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        return new HashRing(points, List.copyOf(sorted), virtualNodes);
    }

    /**
     * The member a key belongs to.
     *
     * @param key such as a node id
     * @return the member, empty when the ring has none
     */
    public Optional<String> owner(String key) {
        Objects.requireNonNull(key, "key");
        if (points.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<Long, String> e = points.ceilingEntry(hash(key));
        return Optional.of(e == null ? points.firstEntry().getValue() : e.getValue());
    }

    /**
     * The share of the hash space each member owns, from 0 to 1, summing to 1: how evenly a large
     * number of keys will spread.
     *
     * @return member to share, in member order
     */
    public Map<String, Double> shares() {
        TreeMap<String, Double> shares = new TreeMap<>();
        members.forEach(m -> shares.put(m, 0.0));
        if (points.isEmpty()) {
            return shares;
        }
        List<Map.Entry<Long, String>> list = new ArrayList<>(points.entrySet());
        double full = Math.pow(2, 64);
        for (int i = 0; i < list.size(); i++) {
            long from = i == 0 ? list.get(list.size() - 1).getKey() : list.get(i - 1).getKey();
            long to = list.get(i).getKey();
            // The arc (from, to]; for the first point it wraps around, which the difference
            // modulo 2^64, read unsigned, gets right.
            double arc = list.size() == 1 ? full : unsigned(to - from);
            shares.merge(list.get(i).getValue(), arc / full, Double::sum);
        }
        return shares;
    }

    /** @return the members, sorted */
    public List<String> members() {
        return members;
    }

    /** @return the points per member */
    public int virtualNodes() {
        return virtualNodes;
    }

    @Override
    public String toString() {
        return "HashRing[" + members.size() + " members x " + virtualNodes + " points]";
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /**
     * FNV-1a over the UTF-8 bytes, then MurmurHash3's 64-bit finaliser: FNV alone leaves keys
     * that differ in their last characters (n-1, n-2) close together, the finaliser scatters them.
     * Fixed forever: changing it would move every node of a running fleet at an upgrade.
     */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
