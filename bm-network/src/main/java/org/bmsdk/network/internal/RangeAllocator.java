package org.bmsdk.network.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;

/**
 * Gives networks integer ids (VLANs, VNIs) from ranges through a {@link Store}, compare-and-set
 * only: never two networks with one id, never one network with two, an id freed only when its
 * network is released. The algorithm is documented on {@link org.bmsdk.network.VlanAllocator}.
 */
public final class RangeAllocator {

    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");
    private static final int ATTEMPTS = 64;

    private final VersionedStore<String, String> ids;
    private final VersionedStore<String, String> networks;
    private final List<int[]> ranges;
    private final String what;
    private final String keyFormat;

    /**
     * An allocator.
     *
     * @param store where allocations are kept
     * @param idsNamespace the namespace of the claims, one per id in use
     * @param networksNamespace the namespace of the networks' allocations
     * @param ranges inclusive {first, last} pairs, tried in order
     * @param digits the key width, so that the store's key order is the ids' order
     * @param what what the ids are, for messages ({@code VLAN})
     */
    public RangeAllocator(Store store, String idsNamespace, String networksNamespace, List<int[]> ranges, int digits, String what) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("at least one " + what + " range is needed");
        }
        this.ids = store.records(idsNamespace);
        this.networks = store.records(networksNamespace);
        this.ranges = List.copyOf(ranges);
        this.what = what;
        this.keyFormat = "%0" + digits + "d";
    }

    /**
     * The network's id: the one it holds, or a free one, now its own.
     *
     * @param network the network
     * @return its id
     * @throws ConflictException when every id of the ranges is taken
     */
    public int allocate(String network) {
        check(network);
        ConflictException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<String, String>> record = networks.get(network);
            if (record.isPresent()) {
                if (claimed(network, record.get())) {
                    return idIn(record.get());
                }
                // A record whose claim a concurrent release already deleted: not an allocation.
                deleteQuietly(networks, record.get());
                continue;
            }
            Versioned<String, String> claim = orphanOf(network).orElseGet(() -> claimFree(network));
            Claim c = Claim.parse(claim.value());
            try {
                Versioned<String, String> created = networks.create(network, claim.key() + " " + c.token());
                if (claimed(network, created)) {
                    return Integer.parseInt(claim.key());
                }
                // Released between our claim and our record: the id may already be another's.
                deleteQuietly(networks, created);
            } catch (ConflictException lost) {
                // Another caller completed this network's allocation first; give back our claim
                // unless it is the very one the winner used.
                last = lost;
                Optional<String> winner = networks.get(network).map(v -> v.value().split(" ")[0]);
                if (winner.isEmpty() || !winner.get().equals(claim.key())) {
                    deleteQuietly(ids, claim);
                }
            }
        }
        throw last != null ? last : new ConflictException("could not allocate a " + what + " for network " + network
                + " in " + ATTEMPTS + " attempts: it is being released and allocated at once");
    }

    /**
     * The network's id, if it has one.
     *
     * @param network the network
     * @return its id
     */
    public Optional<Integer> idOf(String network) {
        check(network);
        return networks.get(network).filter(v -> claimed(network, v)).map(RangeAllocator::idIn);
    }

    /**
     * Frees the network's id; does nothing when it has none.
     *
     * @param network the network
     */
    public void release(String network) {
        check(network);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<String, String>> record = networks.get(network);
            if (record.isEmpty()) {
                return;
            }
            String[] idAndToken = record.get().value().split(" ");
            // The claim goes first: an allocation is a record AND its claim, so from here on no
            // caller takes this record for a live allocation, and one that recreates it finds no
            // claim and backs off. (Deleting the record first let a slow allocation recreate it
            // just before the claim went, leaving a record whose id another network could take.)
            ids.get(idAndToken[0]).filter(v -> v.value().equals(new Claim(network, idAndToken[1]).value()))
                    .ifPresent(claim -> deleteQuietly(ids, claim));
            try {
                networks.delete(network, record.get().version());
                return;
            } catch (ConflictException raced) {
                // changed meanwhile: look again
            }
        }
    }

    /** @return every network's id, by network */
    public Map<String, Integer> allocations() {
        Map<String, Integer> out = new TreeMap<>();
        for (Versioned<String, String> v : networks.list()) {
            if (claimed(v.key(), v)) {
                out.put(v.key(), idIn(v));
            }
        }
        return out;
    }

    /** A claim left by an allocation of this network that never completed. */
    private Optional<Versioned<String, String>> orphanOf(String network) {
        return ids.list().stream().filter(v -> Claim.parse(v.value()).network().equals(network)).findFirst();
    }

    private Versioned<String, String> claimFree(String network) {
        Set<String> taken = new HashSet<>();
        ids.list().forEach(v -> taken.add(v.key()));
        String value = new Claim(network, UUID.randomUUID().toString()).value();
        long size = 0;
        for (int[] r : ranges) {
            size += r[1] - r[0] + 1L;
            for (int v = r[0]; v <= r[1]; v++) {
                String key = String.format(keyFormat, v);
                if (taken.contains(key)) {
                    continue;
                }
                try {
                    return ids.create(key, value);
                } catch (ConflictException takenMeanwhile) {
                    taken.add(key);
                }
            }
        }
        // Callers allocating this same network at once may hold the last free ones: join them.
        Optional<Versioned<String, String>> mine = orphanOf(network);
        if (mine.isPresent()) {
            return mine.get();
        }
        StringBuilder shown = new StringBuilder();
        for (int[] r : ranges) {
            shown.append(shown.length() == 0 ? "" : ", ").append(r[0]).append('-').append(r[1]);
        }
        throw new ConflictException("no free " + what + " for network " + network + " in [" + shown + "]: all " + size
                + " are in use");
    }

    /** Whether the network's record is backed by its claim: the id's claim names it with the same token. */
    private boolean claimed(String network, Versioned<String, String> record) {
        String[] idAndToken = record.value().split(" ");
        return ids.get(idAndToken[0]).map(v -> v.value().equals(new Claim(network, idAndToken[1]).value())).orElse(false);
    }

    private static int idIn(Versioned<String, String> record) {
        return Integer.parseInt(record.value().split(" ")[0]);
    }

    private static void deleteQuietly(VersionedStore<String, String> store, Versioned<String, String> record) {
        try {
            store.delete(record.key(), record.version());
        } catch (ConflictException gone) {
            // already deleted or changed by another caller: nothing of ours to remove
        }
    }

    private static void check(String network) {
        if (network == null || !NETWORK.matcher(network).matches()) {
            throw new IllegalArgumentException("network id must match " + NETWORK + ", but was '" + network + "'");
        }
    }

    /** What a claim record holds: the network and the allocation's token. */
    private record Claim(String network, String token) {
        static Claim parse(String value) {
            int space = value.lastIndexOf(' ');
            return new Claim(value.substring(0, space), value.substring(space + 1));
        }

        String value() {
            return network + " " + token;
        }
    }
}
