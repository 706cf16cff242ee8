package org.bmsdk.network;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;

/**
 * Gives tenant networks VLAN ids from configured ranges, through the {@link Store}, so that
 * allocations survive a controller crash and several controllers can share them: never two
 * networks with one id, never one network with two, and an id freed only when its network is
 * released. Thread-safe and safe across processes sharing a store; no lock is held, every write is
 * compare-and-set.
 *
 * <p>Two record namespaces hold the state. {@code vlan-ids} has one record per VLAN in use, keyed
 * by the id, naming the network and a token for the allocation: creating it is the claim, and the
 * store lets one caller create a key. {@code vlan-networks} has one record per network naming its
 * id and the token: creating it completes the allocation, and again only one caller can. A claim is
 * freed only after the network's record is gone, and only the claim that record named, so an id can
 * never be held by two networks. A controller that dies between the two writes leaves a claim no
 * network names; the next allocation of that network takes it over.
 *
 * <p>While allocations are in flight, each holds a claim for a moment; with the last VLANs of the
 * ranges claimed so, another network may be told the ranges are full although one will come free:
 * the answer errs on the safe side, and trying again later is the remedy.
 *
 * <pre>{@code
 * VlanAllocator vlans = VlanAllocator.create(store, List.of(VlanRange.of(100, 999)));
 * VlanId id = vlans.allocate("tenant-a/net-1");   // the same id for every later call
 * ...
 * vlans.release("tenant-a/net-1");                // after the network is gone from every switch
 * }</pre>
 */
public final class VlanAllocator {

    /** The namespace of the claims, one per VLAN in use. */
    public static final String IDS = "vlan-ids";
    /** The namespace of the networks' allocations. */
    public static final String NETWORKS = "vlan-networks";

    private static final Pattern NETWORK = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");
    private static final int ATTEMPTS = 64;

    private final VersionedStore<String, String> ids;
    private final VersionedStore<String, String> networks;
    private final List<VlanRange> ranges;

    private VlanAllocator(Store store, List<VlanRange> ranges) {
        this.ids = store.records(IDS);
        this.networks = store.records(NETWORKS);
        this.ranges = List.copyOf(ranges);
    }

    /**
     * An allocator over a store.
     *
     * @param store where allocations are kept
     * @param ranges the VLANs it may give, in the order it tries them
     * @return the allocator
     */
    public static VlanAllocator create(Store store, List<VlanRange> ranges) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("at least one VLAN range is needed");
        }
        return new VlanAllocator(store, ranges);
    }

    /**
     * The network's VLAN: the one it holds, or a free one, now its own.
     *
     * @param network the network's id: letters, digits and {@code . _ : / -}, 1 to 128 characters
     * @return its VLAN
     * @throws ConflictException when every VLAN of the ranges is taken
     */
    public VlanId allocate(String network) {
        check(network);
        ConflictException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<VlanId> held = vlanOf(network);
            if (held.isPresent()) {
                return held.get();
            }
            Versioned<String, String> claim = orphanOf(network).orElseGet(() -> claimFree(network));
            Claim c = Claim.parse(claim.value());
            try {
                networks.create(network, claim.key() + " " + c.token());
                return VlanId.of(Integer.parseInt(claim.key()));
            } catch (ConflictException lost) {
                // Another caller completed this network's allocation first; give back our claim
                // unless it is the very one the winner used.
                last = lost;
                Optional<String> winner = networks.get(network).map(v -> v.value().split(" ")[0]);
                if (winner.isEmpty() || !winner.get().equals(claim.key())) {
                    deleteQuietly(claim);
                }
            }
        }
        throw last;
    }

    /**
     * The network's VLAN, if it has one.
     *
     * @param network the network's id
     * @return its VLAN
     */
    public Optional<VlanId> vlanOf(String network) {
        check(network);
        return networks.get(network).map(v -> VlanId.of(Integer.parseInt(v.value().split(" ")[0])));
    }

    /**
     * Frees the network's VLAN; does nothing when it has none. Call it only once the network is
     * gone from every switch: the VLAN may be given to another network at once.
     *
     * @param network the network's id
     */
    public void release(String network) {
        check(network);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<String, String>> record = networks.get(network);
            if (record.isEmpty()) {
                return;
            }
            String[] idAndToken = record.get().value().split(" ");
            try {
                networks.delete(network, record.get().version());
            } catch (ConflictException raced) {
                continue;
            }
            ids.get(idAndToken[0]).filter(v -> v.value().equals(new Claim(network, idAndToken[1]).value()))
                    .ifPresent(this::deleteQuietly);
            return;
        }
    }

    /** @return every network's VLAN, by network */
    public Map<String, VlanId> allocations() {
        Map<String, VlanId> out = new TreeMap<>();
        for (Versioned<String, String> v : networks.list()) {
            out.put(v.key(), VlanId.of(Integer.parseInt(v.value().split(" ")[0])));
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
        for (VlanRange r : ranges) {
            for (int v = r.first().value(); v <= r.last().value(); v++) {
                String key = key(v);
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
        throw new ConflictException("no free VLAN for network " + network + " in " + ranges + ": all "
                + ranges.stream().mapToInt(VlanRange::size).sum() + " are in use");
    }

    private void deleteQuietly(Versioned<String, String> claim) {
        try {
            ids.delete(claim.key(), claim.version());
        } catch (ConflictException gone) {
            // already freed or taken over: nothing of ours to give back
        }
    }

    /** Four digits, so that the store's key order is the VLANs' order. */
    private static String key(int vlan) {
        return String.format("%04d", vlan);
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
