package org.bmsdk.network;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.store.Store;
import org.bmsdk.network.internal.RangeAllocator;

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
 * id and the token: creating it completes the allocation, and again only one caller can. An
 * allocation is a network record AND the claim it names (same network, same token): a record whose
 * claim is gone counts for nothing, and the caller that meets one deletes it. A release deletes the
 * claim first and then the record, so an allocation racing it finds no claim and starts over; since
 * a key holds one claim, an id can never be held by two networks. A controller that dies between
 * the two writes leaves a claim no network names; the next allocation of that network takes it over.
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

    private final RangeAllocator ids;

    private VlanAllocator(Store store, List<VlanRange> ranges) {
        this.ids = new RangeAllocator(store, IDS, NETWORKS,
                ranges.stream().map(r -> new int[] {r.first().value(), r.last().value()}).toList(), 4, "VLAN");
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
        return VlanId.of(ids.allocate(network));
    }

    /**
     * The network's VLAN, if it has one.
     *
     * @param network the network's id
     * @return its VLAN
     */
    public Optional<VlanId> vlanOf(String network) {
        return ids.idOf(network).map(VlanId::of);
    }

    /**
     * Frees the network's VLAN; does nothing when it has none. Call it only once the network is
     * gone from every switch: the VLAN may be given to another network at once.
     *
     * @param network the network's id
     */
    public void release(String network) {
        ids.release(network);
    }

    /** @return every network's VLAN, by network */
    public Map<String, VlanId> allocations() {
        Map<String, VlanId> out = new TreeMap<>();
        ids.allocations().forEach((n, v) -> out.put(n, VlanId.of(v)));
        return out;
    }
}
