package org.bmsdk.network;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.network.Vni;
import org.bmsdk.api.store.Store;
import org.bmsdk.network.internal.RangeAllocator;

/**
 * Gives tenant networks VXLAN VNIs from configured ranges through the {@link Store}, with the
 * guarantees and the algorithm of {@link VlanAllocator} (never two networks with one VNI, freed
 * only on release, compare-and-set only), in namespaces of its own.
 *
 * <pre>{@code
 * VniAllocator vnis = VniAllocator.create(store, List.of(VniRange.of(10_000, 19_999)));
 * Vni vni = vnis.allocate("tenant-a/net-1");
 * }</pre>
 */
public final class VniAllocator {

    /** The namespace of the claims, one per VNI in use. */
    public static final String IDS = "vni-ids";
    /** The namespace of the networks' allocations. */
    public static final String NETWORKS = "vni-networks";

    private final RangeAllocator ids;

    private VniAllocator(Store store, List<VniRange> ranges) {
        // Eight digits hold 16777215, so the store's key order is the VNIs' order.
        this.ids = new RangeAllocator(store, IDS, NETWORKS,
                ranges.stream().map(r -> new int[] {r.first().value(), r.last().value()}).toList(), 8, "VNI");
    }

    /**
     * An allocator over a store.
     *
     * @param store where allocations are kept
     * @param ranges the VNIs it may give, in the order it tries them
     * @return the allocator
     */
    public static VniAllocator create(Store store, List<VniRange> ranges) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("at least one VNI range is needed");
        }
        return new VniAllocator(store, ranges);
    }

    /**
     * The network's VNI: the one it holds, or a free one, now its own.
     *
     * @param network the network's id: letters, digits and {@code . _ : / -}, 1 to 128 characters
     * @return its VNI
     * @throws ConflictException when every VNI of the ranges is taken
     */
    public Vni allocate(String network) {
        return Vni.of(ids.allocate(network));
    }

    /**
     * The network's VNI, if it has one.
     *
     * @param network the network's id
     * @return its VNI
     */
    public Optional<Vni> vniOf(String network) {
        return ids.idOf(network).map(Vni::of);
    }

    /**
     * Frees the network's VNI; does nothing when it has none. Call it only once the network is
     * gone from every switch.
     *
     * @param network the network's id
     */
    public void release(String network) {
        ids.release(network);
    }

    /** @return every network's VNI, by network */
    public Map<String, Vni> allocations() {
        Map<String, Vni> out = new TreeMap<>();
        ids.allocations().forEach((n, v) -> out.put(n, Vni.of(v)));
        return out;
    }
}
