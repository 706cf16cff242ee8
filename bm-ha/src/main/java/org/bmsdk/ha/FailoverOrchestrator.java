package org.bmsdk.ha;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.TenantNetworks;
import org.bmsdk.api.storage.BlockStorage;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.ha.internal.FailoverRecord;

/**
 * Fails a node over to a spare: fence, claim a spare by capability, move the tenant's networks,
 * move the volumes, prepare the boot, power on, confirm the heartbeat, mark the failed node for
 * repair ({@link FailoverStep}).
 *
 * <p>Progress lives in the {@link Store} ({@value #NAMESPACE} records, one per failed node, written
 * compare-and-set). Each step's start is stored before it acts, under a lease held by this
 * controller; a controller that dies leaves the lease to run out, and any controller's
 * {@link #resumeAll()} then picks the failover up at the step it was in. Every step is idempotent,
 * so repeating that one step changes nothing twice, and the failover completes exactly once: the
 * record that says DONE is written once, by one controller.
 *
 * <p>A failover that cannot fence stops before touching anything ({@link Failover.State#FENCE_FAILED}),
 * marks the node in maintenance and raises an alarm. A node with a failover on record is never
 * failed over a second time until it is active again (repaired and redeployed). Errors of the store
 * itself are not caught: without a place to write progress, acting would be unsafe.
 */
public final class FailoverOrchestrator implements AutoCloseable {

    /**
     * How long a failover's lease holds unless told otherwise; it is renewed every third of it while
     * a step acts, so a dead controller's failover is taken over within it.
     */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    /** The records namespace of failovers. */
    public static final String NAMESPACE = "ha-failovers";

    private final Builder config;
    private final VersionedStore<String, String> records;
    private final FailoverRunner runner;

    private FailoverOrchestrator(Builder b) {
        Objects.requireNonNull(b.store, "store");
        Objects.requireNonNull(b.fencer, "fencer");
        Objects.requireNonNull(b.bmcs, "bmcs");
        this.config = b;
        this.records = b.store.records(NAMESPACE);
        this.runner = new FailoverRunner(b, records);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this controller's id, the holder of the leases it writes */
    public String controllerId() {
        return config.controllerId;
    }

    /**
     * Starts failing a node over, unless its policy says none, it already has a failover on record,
     * or the concurrency cap is reached. Runs the failover to its end on the calling thread when the
     * policy is automatic.
     *
     * @param nodeId the failed node
     * @param reason why, for the record and events
     * @param bmcAnswers false when the BMC is silent too, so fencing tries the switch ports first
     * @return the failover as it stands afterwards; empty when none was started or found
     */
    public Optional<Failover> trigger(NodeId nodeId, String reason, boolean bmcAnswers) {
        Node node = config.store.nodes().get(nodeId).map(Versioned::value)
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in the store"));
        Protection protection = config.protection.apply(node);
        if (protection.policy() == FailoverPolicy.NONE) {
            runner.emit(nodeId, HaEvent.Kind.ALARM, null, "failed (" + reason + ") but its policy is no failover");
            return Optional.empty();
        }
        Optional<Versioned<String, String>> existing = records.get(nodeId.value());
        if (existing.isPresent()) {
            Failover f = FailoverRunner.view(nodeId, FailoverRecord.decode(existing.get().value()));
            boolean activeAgain = f.state() == Failover.State.DONE && node.provisionState() == ProvisionState.ACTIVE && !node.maintenance();
            if (!activeAgain) {
                runner.emit(nodeId, HaEvent.Kind.FAILOVER_SKIPPED, null, "already handled: " + f.state() + " at " + f.step());
                return Optional.of(f);
            }
        }
        long running = records.list().stream().filter(v -> "RUNNING".equals(FailoverRecord.decode(v.value()).get("state"))).count();
        if (running >= config.maxConcurrent) {
            runner.emit(nodeId, HaEvent.Kind.FAILOVER_SKIPPED, null, running + " failovers running, the cap is " + config.maxConcurrent
                    + "; tried again next round");
            return Optional.empty();
        }
        boolean ask = protection.policy() == FailoverPolicy.ASK_FIRST;
        FailoverRecord r = FailoverRecord.empty().with(Map.of("state", ask ? "AWAITING_APPROVAL" : "RUNNING", "step",
                FailoverStep.FENCE.name(), "reason", reason, "bmcAnswers", Boolean.toString(bmcAnswers), "startedAt",
                config.clock.instant().toString()));
        try {
            if (existing.isPresent()) {
                records.update(nodeId.value(), r.encode(), existing.get().version());
            } else {
                records.create(nodeId.value(), r.encode());
            }
        } catch (ConflictException lost) {
            runner.emit(nodeId, HaEvent.Kind.FAILOVER_SKIPPED, null, "another controller started it first");
            return failover(nodeId);
        }
        if (ask) {
            runner.emit(nodeId, HaEvent.Kind.APPROVAL_NEEDED, null, reason + "; waiting for approval");
            return failover(nodeId);
        }
        runner.emit(nodeId, HaEvent.Kind.FAILOVER_STARTED, null, reason);
        return Optional.of(runner.run(nodeId));
    }

    /**
     * Lets a waiting (ask-first) failover go, and runs it.
     *
     * @param nodeId the failed node
     * @return the failover as it stands afterwards
     * @throws ConflictException when it is not waiting for approval
     */
    public Failover approve(NodeId nodeId) {
        records.modify(nodeId.value(), text -> {
            FailoverRecord r = FailoverRecord.decode(text);
            if (!"AWAITING_APPROVAL".equals(r.get("state"))) {
                throw new ConflictException("the failover of " + nodeId + " is " + r.get("state") + ", not waiting for approval");
            }
            return r.with("state", "RUNNING").encode();
        });
        runner.emit(nodeId, HaEvent.Kind.FAILOVER_STARTED, null, "approved");
        return runner.run(nodeId);
    }

    /**
     * Gives up a failover that stopped ({@link Failover.State#FAILED}), or declines one waiting for
     * approval: the record says {@link Failover.State#ABANDONED}, so the node is not failed over
     * again until it is active again. A spare it claimed may already carry the tenant's networks,
     * volumes or disk, so it does not go back to the pool: it leaves the claim, goes to ERROR and
     * maintenance ("clean it before reuse"), as does the failed node, for an operator. An alarm is
     * raised.
     *
     * @param nodeId the failed node
     * @param why the operator's reason, for the record
     * @return the failover as it stands afterwards
     * @throws ConflictException when it is running, done, or not on record
     */
    public Failover abandon(NodeId nodeId, String why) {
        Objects.requireNonNull(why, "why");
        Versioned<String, String> v = records.get(nodeId.value())
                .orElseThrow(() -> new ConflictException("no failover of " + nodeId + " on record"));
        FailoverRecord r = FailoverRecord.decode(v.value());
        String state = r.get("state");
        if (!"FAILED".equals(state) && !"AWAITING_APPROVAL".equals(state)) {
            throw new ConflictException("the failover of " + nodeId + " is " + state + "; only a failed or waiting one is abandoned");
        }
        FailoverRecord abandoned = r.with(Map.of("state", "ABANDONED", "abandoned", why, "abandonedAt", config.clock.instant().toString()));
        records.update(nodeId.value(), abandoned.encode(), v.version()); // a concurrent change makes this fail: nothing done yet
        String at = r.get("step");
        VersionedStore<String, String> claims = config.store.records(FailoverActions.SPARES);
        for (Versioned<String, String> c : claims.list()) {
            if (!c.value().equals(nodeId.value())) {
                continue;
            }
            NodeId spare = NodeId.of(c.key());
            config.store.nodes().get(spare).ifPresent(n -> config.store.nodes().modify(spare, x -> x.toBuilder()
                    .provisionState(ProvisionState.ERROR).maintenance(true, "spare of the abandoned failover of " + nodeId + " (stopped at "
                            + at + "): may hold its tenant's networks, volumes or disk; clean it before reuse").build()));
            try {
                claims.delete(c.key(), c.version());
            } catch (ConflictException gone) {
                // released meanwhile: nothing more to do
            }
        }
        if (!"AWAITING_APPROVAL".equals(state)) {
            config.store.nodes().modify(nodeId, n -> n.maintenance() ? n
                    : n.toBuilder().maintenance(true, "failover abandoned at " + at + ": " + why).build());
        }
        runner.emit(nodeId, HaEvent.Kind.ALARM, null, "failover abandoned at " + at + " by an operator: " + why);
        return FailoverRunner.view(nodeId, abandoned);
    }

    /**
     * Resumes every running failover whose lease has run out or is this controller's: after a
     * restart, and from time to time to take over those of a dead controller.
     *
     * @return the failovers resumed, as they stand afterwards
     */
    public List<Failover> resumeAll() {
        return resumeAll(n -> true);
    }

    /**
     * Resumes the running failovers of some nodes whose lease has run out or is this controller's:
     * those of the nodes a {@link org.bmsdk.ha.cluster.ClusterMember} owns, for instance, so that
     * the instances of a cluster do not all race for the same record (the race would be safe, each
     * step being claimed compare-and-set, only wasteful).
     *
     * @param which the nodes whose failovers to resume
     * @return the failovers resumed, as they stand afterwards
     */
    public List<Failover> resumeAll(java.util.function.Predicate<NodeId> which) {
        Objects.requireNonNull(which, "which");
        List<Failover> out = new ArrayList<>();
        for (Versioned<String, String> v : records.list()) {
            FailoverRecord r = FailoverRecord.decode(v.value());
            if ("RUNNING".equals(r.get("state")) && runner.leaseFree(r) && which.test(NodeId.of(v.key()))) {
                out.add(runner.run(NodeId.of(v.key())));
            }
        }
        return out;
    }

    /**
     * A failover as stored.
     *
     * @param nodeId the failed node
     * @return it, empty when none is on record
     */
    public Optional<Failover> failover(NodeId nodeId) {
        return records.get(nodeId.value()).map(v -> FailoverRunner.view(nodeId, FailoverRecord.decode(v.value())));
    }

    /** @return every failover on record */
    public List<Failover> failovers() {
        return records.list().stream().map(v -> FailoverRunner.view(NodeId.of(v.key()), FailoverRecord.decode(v.value()))).toList();
    }

    @Override
    public void close() {
        runner.close();
    }

    /** Builds a {@link FailoverOrchestrator}. */
    public static final class Builder {
        Store store;
        FenceLadder fencer;
        BmcConnector bmcs;
        TenantNetworks networks;
        BlockStorage storage;
        VolumeConnectors connectors = n -> Optional.empty();
        HostProbe hostProbe;
        SnapshotRestorer restorer;
        Function<Node, Protection> protection = n -> Protection.automatic(org.bmsdk.api.capability.Requirements.none());
        HaListener listener = HaListener.NONE;
        Clock clock = Clock.systemUTC();
        String controllerId = "controller-" + UUID.randomUUID();
        Duration lease = DEFAULT_LEASE;
        Duration stepTimeout = Duration.ofMinutes(5);
        Duration powerTimeout = Duration.ofMinutes(2);
        Duration confirmTimeout = Duration.ofMinutes(4);
        Duration confirmPoll = Duration.ofSeconds(1);
        int maxAttempts = 3;
        int maxConcurrent = StormGuard.defaults().maxConcurrentFailovers();

        private Builder() {
        }

        /**
         * Sets the store holding nodes, spares and failover progress (required).
         *
         * @param value the store
         * @return this builder
         */
        public Builder store(Store value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * Sets the fence ladder (required).
         *
         * @param value the ladder
         * @return this builder
         */
        public Builder fencer(FenceLadder value) {
            this.fencer = Objects.requireNonNull(value, "fencer");
            return this;
        }

        /**
         * Sets how to reach BMCs, to power the spare on (required).
         *
         * @param value the connector
         * @return this builder
         */
        public Builder bmcs(BmcConnector value) {
            this.bmcs = Objects.requireNonNull(value, "bmcs");
            return this;
        }

        /**
         * Sets the tenant networks, to move the failed node's bindings; without them no network moves.
         *
         * @param value the networks
         * @return this builder
         */
        public Builder networks(TenantNetworks value) {
            this.networks = value;
            return this;
        }

        /**
         * Sets the block storage and each node's initiator, to move volumes; without them no volume moves.
         *
         * @param value the storage
         * @param nodeConnectors each node's initiator
         * @return this builder
         */
        public Builder storage(BlockStorage value, VolumeConnectors nodeConnectors) {
            this.storage = value;
            this.connectors = Objects.requireNonNull(nodeConnectors, "nodeConnectors");
            return this;
        }

        /**
         * Sets the heartbeat that confirms the spare is up; without it the spare is not waited for.
         *
         * @param value the probe
         * @return this builder
         */
        public Builder hostProbe(HostProbe value) {
            this.hostProbe = value;
            return this;
        }

        /**
         * Sets how disk snapshots are restored, for nodes booting from their own disk.
         *
         * @param value the restorer
         * @return this builder
         */
        public Builder restorer(SnapshotRestorer value) {
            this.restorer = value;
            return this;
        }

        /**
         * Sets each node's protection; the default is automatic, any spare, boot from volume.
         *
         * @param value the node's protection
         * @return this builder
         */
        public Builder protection(Function<Node, Protection> value) {
            this.protection = Objects.requireNonNull(value, "protection");
            return this;
        }

        /**
         * Sets the event listener.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(HaListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Sets this controller's id, unique among the controllers sharing the store.
         *
         * @param value the id
         * @return this builder
         */
        public Builder controllerId(String value) {
            this.controllerId = Objects.requireNonNull(value, "controllerId");
            return this;
        }

        /**
         * Sets how long a failover's lease lasts: another controller resumes a failover only after
         * its lease ran out, so this bounds how long a dead controller's failover waits
         * ({@link #DEFAULT_LEASE} by default). The lease is renewed every third of it while a step
         * acts, so it may be much shorter than the step timeout; a step whose renewal fails until
         * the lease runs out is cancelled.
         *
         * @param value the lease
         * @return this builder
         */
        public Builder lease(Duration value) {
            this.lease = Objects.requireNonNull(value, "lease");
            return this;
        }

        /**
         * Sets the time a step may take before it counts as failed.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder stepTimeout(Duration value) {
            this.stepTimeout = Objects.requireNonNull(value, "stepTimeout");
            return this;
        }

        /**
         * Sets the time the spare may take to power on.
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder powerTimeout(Duration value) {
            this.powerTimeout = Objects.requireNonNull(value, "powerTimeout");
            return this;
        }

        /**
         * Sets how long to wait for the spare's heartbeat, and how often to look.
         *
         * @param timeout the wait
         * @param poll the interval between probes
         * @return this builder
         */
        public Builder confirmUp(Duration timeout, Duration poll) {
            this.confirmTimeout = Objects.requireNonNull(timeout, "timeout");
            this.confirmPoll = Objects.requireNonNull(poll, "poll");
            return this;
        }

        /**
         * Sets how often a failing step is tried before the failover stops.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxAttempts(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + value);
            }
            this.maxAttempts = value;
            return this;
        }

        /**
         * Sets how many failovers may run at once across the controllers sharing the store.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxConcurrent(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1, but was " + value);
            }
            this.maxConcurrent = value;
            return this;
        }

        /**
         * Builds the orchestrator.
         *
         * @return the orchestrator
         * @throws IllegalArgumentException when the lease is under 30 ms (too short to be renewed in
         *     time), or a device wait is not shorter than the step timeout
         */
        public FailoverOrchestrator build() {
            if (lease.toMillis() < 30) {
                throw new IllegalArgumentException("lease must be at least 30 ms (renewed every third of it), but was " + lease);
            }
            if (confirmTimeout.compareTo(stepTimeout) >= 0 || powerTimeout.compareTo(stepTimeout) >= 0) {
                throw new IllegalArgumentException("the power (" + powerTimeout + ") and heartbeat (" + confirmTimeout
                        + ") waits must be shorter than the step timeout " + stepTimeout);
            }
            return new FailoverOrchestrator(this);
        }
    }
}
