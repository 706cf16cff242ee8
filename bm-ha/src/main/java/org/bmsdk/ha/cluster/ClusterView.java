package org.bmsdk.ha.cluster;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.model.NodeId;

/**
 * What one instance knew of the cluster at its last refresh: the live instances, the ring over them,
 * and the times that bound what this instance may act on. Immutable.
 *
 * <p>{@link #owner(NodeId)} is the ring's answer, the same on every instance that read the same live
 * set. {@link #owns(NodeId, Instant)} is what the instance itself may act on: only its own nodes,
 * only while its lease holds (an instance cut off from the store stops acting before the others
 * take its nodes over), only while the view is fresh (two refresh intervals: a view that old may
 * miss an instance that joined since), and only once it has been live for as long (so that every
 * previous owner of its nodes has either seen it join or stopped trusting its older view).
 */
public final class ClusterView {

    private final String self;
    private final HashRing ring;
    private final Instant readAt;
    private final Instant leaseUntil;
    private final Instant actsUntil;
    private final Instant claimsAfter;

    ClusterView(String self, HashRing ring, Instant readAt, Instant leaseUntil, Instant actsUntil, Instant claimsAfter) {
        this.self = self;
        this.ring = ring;
        this.readAt = readAt;
        this.leaseUntil = leaseUntil;
        this.actsUntil = actsUntil.isBefore(leaseUntil) ? actsUntil : leaseUntil;
        this.claimsAfter = claimsAfter;
    }

    /** @return the instance that holds this view */
    public String self() {
        return self;
    }

    /** @return the live instances, sorted, this one included while its lease holds */
    public List<String> liveInstances() {
        return ring.members();
    }

    /** @return the ring over the live instances */
    public HashRing ring() {
        return ring;
    }

    /** @return when the store was read */
    public Instant readAt() {
        return readAt;
    }

    /** @return until when this instance's own lease holds, as of this view */
    public Instant leaseUntil() {
        return leaseUntil;
    }

    /** @return until when this view may be acted on: the lease, or its freshness if that ends first */
    public Instant actsUntil() {
        return actsUntil;
    }

    /** @return after when this instance claims nodes: its warm-up since it joined */
    public Instant claimsAfter() {
        return claimsAfter;
    }

    /**
     * The live instance a node belongs to, by the ring.
     *
     * @param node the node
     * @return the instance, empty when none is live
     */
    public Optional<String> owner(NodeId node) {
        return ring.owner(Objects.requireNonNull(node, "node").value());
    }

    /**
     * Whether this instance should monitor (and may fail over) a node at a time.
     *
     * @param node the node
     * @param now the time, from the member's clock
     * @return true when the node is this instance's by the ring, {@code now} is before
     *     {@link #actsUntil()} and after {@link #claimsAfter()}
     */
    public boolean owns(NodeId node, Instant now) {
        return now.isBefore(actsUntil) && now.isAfter(claimsAfter) && owner(node).filter(self::equals).isPresent();
    }

    /**
     * The nodes of a list that this instance should monitor at a time.
     *
     * @param nodes the nodes to choose from
     * @param now the time, from the member's clock
     * @return the nodes {@link #owns(NodeId, Instant)} says yes to, in the given order
     */
    public List<NodeId> ownedAmong(Collection<NodeId> nodes, Instant now) {
        return nodes.stream().filter(n -> owns(n, now)).toList();
    }

    @Override
    public String toString() {
        return "ClusterView[" + self + " of " + ring.members() + ", read at " + readAt + ", lease until " + leaseUntil + "]";
    }
}
