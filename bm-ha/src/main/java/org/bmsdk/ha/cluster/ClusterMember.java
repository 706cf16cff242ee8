package org.bmsdk.ha.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;
import org.bmsdk.ha.cluster.internal.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One controller instance in a cluster that shares the monitored nodes through a {@link Store}.
 *
 * <p>Each {@link #refresh()} renews this instance's lease in the store (a record written
 * compare-and-set, expiring {@code lease} after the refresh began), reads every lease back, drops
 * those that ran out, and builds a {@link HashRing} over the live instances: the {@link ClusterView}
 * that says who monitors which node. Run it every {@code refreshInterval} ({@link #start()} does), so
 * that a dead instance's nodes are taken over within {@code lease + refreshInterval} of its last
 * heartbeat, and a node is monitored by exactly one live instance once every instance has refreshed.
 * No node has two owners at any moment, even while instances join and die:
 * <ul>
 *   <li>an instance acts only while its own lease holds, so one cut off from the store stops before
 *       the others, whose clocks see the same expiry, take its nodes;
 *   <li>an instance acts on a view for two refresh intervals at most, and a joining instance claims
 *       nothing for two refresh intervals after its lease was first written: by then every other
 *       instance has either read the store since (and let go of the joiner's share) or stopped
 *       acting on the older view, even when a refresh runs late.
 * </ul>
 * This rests on the instances' clocks agreeing to well within the lease (NTP), as in every lease
 * scheme. A joiner's share is unmonitored for two refresh intervals, a dead instance's for up to
 * {@code lease + refreshInterval}: gaps, never overlaps, since two controllers failing one node
 * over would be worse than a late detection.
 *
 * <p>Two processes given the same instance id are caught: each lease carries a random incarnation,
 * and a refresh that finds another live incarnation under its id fails with a
 * {@link ConflictException} and claims nothing. Thread-safe.
 *
 * <pre>{@code
 * try (ClusterMember me = ClusterMember.builder(store, "controller-1").build()) {
 *     me.start();
 *     List<NodeId> mine = me.view().ownedAmong(allNodes, Instant.now());
 * }
 * }</pre>
 */
public final class ClusterMember implements AutoCloseable {

    /** The records namespace leases go to unless told otherwise. */
    public static final String DEFAULT_NAMESPACE = "ha.cluster";
    /** How long a lease holds unless told otherwise. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);
    /** Instance ids: what a records key and a log line take without trouble. */
    public static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);

    private final VersionedStore<String, String> leases;
    private final String id;
    private final String incarnation = UUID.randomUUID().toString();
    private final Clock clock;
    private final Duration lease;
    private final Duration refreshInterval;
    private final int virtualNodes;
    private final ClusterListener listener;
    private final Object lock = new Object();
    private long version;
    private Instant joinedAt;
    private volatile ClusterView view;
    private ScheduledExecutorService scheduler;

    private ClusterMember(Builder b) {
        this.leases = b.store.records(b.namespace);
        this.id = b.id;
        this.clock = b.clock;
        this.lease = b.lease;
        this.refreshInterval = b.refreshInterval == null ? b.lease.dividedBy(3) : b.refreshInterval;
        this.virtualNodes = b.virtualNodes;
        this.listener = b.listener;
        if (refreshInterval.isZero() || refreshInterval.isNegative() || refreshInterval.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("refreshInterval must be positive and shorter than the lease (" + lease
                    + "), but was " + refreshInterval);
        }
        Instant now = clock.instant();
        this.view = new ClusterView(id, HashRing.of(List.of(), virtualNodes), now, now, now, now);
    }

    /**
     * Starts a member.
     *
     * @param store the store the instances share (PostgreSQL, for instances in several processes)
     * @param instanceId this instance's id, unique in the cluster and stable across restarts
     * @return a builder
     */
    public static Builder builder(Store store, String instanceId) {
        return new Builder(store, instanceId);
    }

    /** @return this instance's id */
    public String id() {
        return id;
    }

    /** @return the lease length */
    public Duration lease() {
        return lease;
    }

    /** @return the refresh interval */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** @return the view of the last successful refresh (before the first, one that owns nothing) */
    public ClusterView view() {
        return view;
    }

    /**
     * Whether this instance should monitor a node now: {@link ClusterView#owns} on the current view
     * and clock.
     *
     * @param node the node
     * @return true when it is this instance's to monitor
     */
    public boolean owns(NodeId node) {
        return view.owns(node, clock.instant());
    }

    /**
     * Renews this instance's lease, reads the live set and rebuilds the ring.
     *
     * @return the new view
     * @throws ConflictException when another live process holds this instance id
     * @throws BareMetalException when the store fails; the previous view stays, and owns nothing
     *     once this instance's lease has run out
     */
    public ClusterView refresh() {
        synchronized (lock) {
            Instant now = clock.instant();
            Instant until = now.plus(lease);
            if (joinedAt != null && !now.isBefore(view.leaseUntil())) {
                // Our lease ran out (a long pause, or the store was away): the others have taken
                // our nodes, so we join again, warm-up included, as a new instance would.
                joinedAt = null;
            }
            heartbeat(new Lease(incarnation, until).encode(), now);
            if (joinedAt == null) {
                // Read after the write committed: any read that missed our lease happened before this.
                joinedAt = clock.instant();
            }
            List<String> live = new ArrayList<>();
            for (Versioned<String, String> v : leases.list()) {
                Optional<Lease> l = decode(v);
                if (v.key().equals(id) || l.map(x -> x.liveAt(now)).orElse(false)) {
                    live.add(v.key());
                } else if (l.isPresent() && !l.get().liveAt(now.minus(lease))) {
                    // Long dead: remove it, so the namespace does not fill with old instances. A
                    // lost race here means it came back or someone else removed it; either is fine.
                    try {
                        leases.delete(v.key(), v.version());
                        LOG.debug("{}: removed the lease of {}, expired at {}", id, v.key(), l.get().expiresAt());
                    } catch (ConflictException e) {
                        LOG.debug("{}: lease of {} changed before its removal", id, v.key());
                    }
                }
            }
            Duration window = refreshInterval.multipliedBy(2);
            ClusterView next = new ClusterView(id, HashRing.of(live, virtualNodes), now, until, now.plus(window),
                    joinedAt.plus(window));
            ClusterView previous = view;
            view = next;
            if (!next.liveInstances().equals(previous.liveInstances())) {
                LOG.info("{}: live instances now {}", id, next.liveInstances());
                try {
                    listener.liveInstancesChanged(previous, next);
                } catch (RuntimeException e) {
                    LOG.warn("{}: cluster listener failed", id, e);
                }
            }
            return next;
        }
    }

    /**
     * Refreshes every {@code refreshInterval} on a thread of its own until {@link #stop()} or
     * {@link #close()}; a failed refresh is logged and tried again at the next tick. The first
     * refresh runs before this returns, so its errors (a duplicate instance id) reach the caller.
     *
     * @return this member
     * @throws IllegalStateException when already started
     */
    public ClusterMember start() {
        synchronized (lock) {
            if (scheduler != null) {
                throw new IllegalStateException(id + " is already started");
            }
            refresh();
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bm-ha-cluster-" + id);
                t.setDaemon(true);
                return t;
            });
            long period = refreshInterval.toNanos();
            scheduler.scheduleAtFixedRate(this::refreshQuietly, period, period, TimeUnit.NANOSECONDS);
            return this;
        }
    }

    /**
     * Stops refreshing but keeps the lease record: the others take this instance's nodes over when
     * the lease runs out, as after a crash, and this instance owns nothing from then on.
     */
    public void stop() {
        ScheduledExecutorService s;
        synchronized (lock) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Leaves the cluster: stops refreshing and deletes this instance's lease, so that the others
     * take its nodes over at their next refresh rather than after the lease runs out.
     */
    @Override
    public void close() {
        stop();
        synchronized (lock) {
            Instant now = clock.instant();
            view = new ClusterView(id, HashRing.of(List.of(), virtualNodes), now, now, now, now);
            joinedAt = null;
            if (version > 0) {
                try {
                    leases.delete(id, version);
                } catch (BareMetalException e) {
                    // Conflict: someone took the record over; failure: it runs out by itself.
                    LOG.info("{}: leaving without deleting its lease ({}); it runs out by itself", id, e.getMessage());
                }
                version = 0;
            }
        }
    }

    @Override
    public String toString() {
        return "ClusterMember[" + id + ", lease " + lease + ", refresh " + refreshInterval + "]";
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("{}: cluster refresh failed; owning nothing once the lease until {} runs out: {}", id,
                    view.leaseUntil(), e.toString());
        }
    }

    /** Writes our lease compare-and-set: renew what we wrote, else create it or take over a dead one. */
    private void heartbeat(String text, Instant now) {
        if (version > 0) {
            try {
                version = leases.update(id, text, version).version();
                return;
            } catch (ConflictException e) {
                LOG.warn("{}: its lease changed behind its back; reading it again", id);
            }
        }
        Optional<Versioned<String, String>> current = leases.get(id);
        if (current.isEmpty()) {
            version = leases.create(id, text).version();
            return;
        }
        Optional<Lease> held = decode(current.get());
        if (held.isPresent() && !held.get().incarnation().equals(incarnation) && held.get().liveAt(now)) {
            version = 0;
            throw new ConflictException("instance id " + id + " is held by another live process (lease until "
                    + held.get().expiresAt() + "); give each controller its own id");
        }
        version = leases.update(id, text, current.get().version()).version();
    }

    private Optional<Lease> decode(Versioned<String, String> v) {
        try {
            return Optional.of(Lease.decode(v.value()));
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: ignoring the unreadable lease of {}: {}", id, v.key(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Builds a {@link ClusterMember}. */
    public static final class Builder {
        private final Store store;
        private final String id;
        private String namespace = DEFAULT_NAMESPACE;
        private Clock clock = Clock.systemUTC();
        private Duration lease = DEFAULT_LEASE;
        private Duration refreshInterval;
        private int virtualNodes = HashRing.DEFAULT_VIRTUAL_NODES;
        private ClusterListener listener = (previous, next) -> { };

        private Builder(Store store, String id) {
            this.store = Objects.requireNonNull(store, "store");
            if (id == null || !INSTANCE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("instance id must match " + INSTANCE_ID + ", but was '" + id + "'");
            }
            this.id = id;
        }

        /**
         * The records namespace of the leases: clusters that share a database use one each.
         *
         * @param namespace as {@link Store#records(String)} takes it
         * @return this builder
         */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /**
         * The clock leases are written and judged by; tests pass one they move by hand.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a lease holds without renewal: the longest a dead instance's nodes go
         * unmonitored is this plus one refresh interval. Default 10 s.
         *
         * @param lease the lease
         * @return this builder
         */
        public Builder lease(Duration lease) {
            if (lease == null || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("lease must be positive, but was " + lease);
            }
            this.lease = lease;
            return this;
        }

        /**
         * How often to renew the lease and read the others'. Default a third of the lease, so two
         * renewals can fail before the lease runs out.
         *
         * @param refreshInterval the interval, shorter than the lease
         * @return this builder
         */
        public Builder refreshInterval(Duration refreshInterval) {
            this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
            return this;
        }

        /**
         * Points per instance on the ring; every instance of a cluster must use the same number.
         *
         * @param virtualNodes 1 to 4096; default {@link HashRing#DEFAULT_VIRTUAL_NODES}
         * @return this builder
         */
        public Builder virtualNodes(int virtualNodes) {
            if (virtualNodes < 1 || virtualNodes > 4096) {
                throw new IllegalArgumentException("virtualNodes must be in 1..4096, but was " + virtualNodes);
            }
            this.virtualNodes = virtualNodes;
            return this;
        }

        /**
         * Who to tell when the live instances change; by default nobody.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ClusterListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Makes the member; it joins at its first {@link ClusterMember#refresh()} or
         * {@link ClusterMember#start()}.
         *
         * @return the member
         */
        public ClusterMember build() {
            return new ClusterMember(this);
        }
    }
}
