package org.bmsdk.ha;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bmsdk.api.ha.HealthProbe;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.ha.cluster.ClusterMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every active node of a store: each round probes its signals (BMC, host heartbeat,
 * switch link where configured), feeds the {@link HealthAssessor}, raises alarms, applies the
 * {@link StormGuard} and hands failed nodes to the {@link FailoverOrchestrator}.
 *
 * <p>{@link #runRound()} does one round on the calling thread (tests drive it on a manual clock);
 * {@link #start(Duration)} runs rounds on its own thread. Failovers run on the failover executor,
 * so a long failover does not stop the watching of the others.
 *
 * <p>With a {@link ClusterMember} ({@link Builder#cluster}), the monitor watches only the nodes that
 * member owns ({@link ClusterMember#owns}, checked again just before a failover is handed over,
 * and for the failovers it resumes): several controller instances over one store then share the
 * fleet, and a dead instance's nodes are watched again by the others once its lease ran out. A node
 * this instance stops owning is forgotten, so that its detectors start afresh if it comes back,
 * rather than reading the time it was watched by another instance as silence.
 */
public final class HaMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HaMonitor.class);

    private final Builder config;
    private final HealthAssessor assessor;
    private final ExecutorService probeRunner;
    private final Map<NodeId, Assessment.Action> lastAction = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Map<NodeId, java.time.Instant> failedSince = new ConcurrentHashMap<>();
    /** The nodes already alarmed for the storm under way, so each is alarmed once per storm. */
    private final Set<NodeId> stormAlarmed = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean resuming = new java.util.concurrent.atomic.AtomicBoolean();
    private ScheduledExecutorService ticker;

    private HaMonitor(Builder b) {
        Objects.requireNonNull(b.store, "store");
        this.config = b;
        this.assessor = HealthAssessor.create(b.clock, b.detector);
        this.probeRunner = Executors.newFixedThreadPool(b.probeThreads, r -> {
            Thread t = new Thread(r, "bm-ha-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the assessor, to read each node's detectors */
    public HealthAssessor assessor() {
        return assessor;
    }

    /**
     * Runs one round: probe, assess, alarm, guard, fail over.
     *
     * @return the assessment of every monitored node
     */
    public List<Assessment> runRound() {
        List<Node> nodes = config.store.nodes().list().stream().map(Versioned::value)
                .filter(n -> n.provisionState() == ProvisionState.ACTIVE).filter(n -> owns(n.id())).toList();
        Set<NodeId> watched = new HashSet<>();
        nodes.forEach(n -> watched.add(n.id()));
        for (NodeId gone : new ArrayList<>(lastAction.keySet())) {
            if (!watched.contains(gone)) {
                lastAction.remove(gone);
                failedSince.remove(gone);
                assessor.forget(gone);
                inFlight.keySet().removeIf(k -> k.startsWith(gone.value() + "/"));
            }
        }
        probeAll(nodes);
        List<Assessment> all = new ArrayList<>();
        List<Assessment> failed = new ArrayList<>();
        for (Node n : nodes) {
            Assessment a = assessor.assess(n);
            all.add(a);
            Assessment.Action before = lastAction.put(n.id(), a.action());
            if (before != a.action()) {
                emit(n.id(), HaEvent.Kind.ASSESSED, a.action() + ": " + a.reason());
                if (a.action() == Assessment.Action.ALARM) {
                    emit(n.id(), HaEvent.Kind.ALARM, "no failover: " + a.reason());
                }
            }
            if (a.failsOver()) {
                failed.add(a);
                failedSince.putIfAbsent(n.id(), config.clock.instant());
            } else {
                failedSince.remove(n.id());
            }
        }
        if (!config.stormGuard.allows(failed, nodes.size())) {
            for (Assessment a : failed) {
                if (stormAlarmed.add(a.node())) {
                    emit(a.node(), HaEvent.Kind.ALARM, "storm guard: " + failed.size() + " of " + nodes.size()
                            + " nodes look failed at once (cap " + config.stormGuard.cap(nodes.size()) + "); no failover");
                }
            }
            return all;
        }
        stormAlarmed.clear();
        if (config.orchestrator != null) {
            java.time.Instant settledBefore = config.clock.instant().minus(config.stormGuard.settle());
            for (Assessment a : failed) {
                if (failedSince.getOrDefault(a.node(), settledBefore).isAfter(settledBefore)) {
                    continue;
                }
                // Read again: a failover that ended since this round read the store has moved the
                // node out of ACTIVE or into maintenance, and must not be asked for a second time.
                boolean stillActive = config.store.nodes().get(a.node()).map(Versioned::value)
                        .filter(n -> n.provisionState() == ProvisionState.ACTIVE && !n.maintenance()).isPresent();
                // And whether it is still ours: the round may have run past this instance's view.
                if (stillActive && owns(a.node()) && config.orchestrator.failover(a.node()).filter(Failover::active).isEmpty()) {
                    boolean bmcAnswers = a.action() == Assessment.Action.FAIL_OVER;
                    config.failoverExecutor.execute(() -> trigger(a, bmcAnswers));
                }
            }
        }
        return all;
    }

    private boolean owns(NodeId node) {
        return config.cluster == null || config.cluster.owns(node);
    }

    private void trigger(Assessment a, boolean bmcAnswers) {
        try {
            config.orchestrator.trigger(a.node(), a.reason(), bmcAnswers);
        } catch (RuntimeException e) {
            LOG.error("failover of {} stopped: {}", a.node(), e.toString());
            emit(a.node(), HaEvent.Kind.ALARM, "failover stopped by an error, resumed later: " + e.getMessage());
        }
    }

    private void probeAll(List<Node> nodes) {
        Map<Signal, HealthProbe> probes = new EnumMap<>(Signal.class);
        if (config.bmcProbe != null) {
            probes.put(Signal.BMC, config.bmcProbe);
        }
        if (config.hostProbe != null) {
            probes.put(Signal.HOST, config.hostProbe);
        }
        if (config.linkProbe != null) {
            probes.put(Signal.SWITCH_LINK, config.linkProbe);
        }
        List<CompletableFuture<Void>> launched = new ArrayList<>();
        for (Node n : nodes) {
            for (Map.Entry<Signal, HealthProbe> p : probes.entrySet()) {
                String key = n.id().value() + "/" + p.getKey();
                CompletableFuture<Void> previous = inFlight.get(key);
                if (previous != null && !previous.isDone()) {
                    // A probe still waiting on a silent BMC is silence already; a second one would
                    // only pile up threads behind it.
                    continue;
                }
                CompletableFuture<Void> f = CompletableFuture.runAsync(() -> assessor.record(n.id(), p.getKey(), probe(p.getValue(), n)),
                        probeRunner);
                inFlight.put(key, f);
                launched.add(f);
            }
        }
        try {
            CompletableFuture.allOf(launched.toArray(CompletableFuture[]::new)).get(config.detector.probeInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            // The slow ones record their result when they finish, stamped with that time.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("a probe failed: {}", e.getCause().toString());
        }
    }

    private ProbeResult probe(HealthProbe probe, Node n) {
        try {
            return probe.probe(n);
        } catch (RuntimeException e) {
            // A probe must not throw; one that does is silence, not a crash of the round.
            return new ProbeResult(ProbeResult.Status.UNKNOWN, "probe failed: " + e, config.clock.instant());
        }
    }

    /**
     * Runs rounds on a thread of its own, one every period, until closed.
     *
     * @param period the time between rounds, usually the detector's probe interval
     */
    public synchronized void start(Duration period) {
        if (ticker != null) {
            throw new IllegalStateException("already started");
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bm-ha-monitor");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                runRound();
                if (config.orchestrator != null && resuming.compareAndSet(false, true)) {
                    // Picks up the failovers of a dead controller once their lease ran out; one
                    // pass at a time, since a pass runs those failovers to their end.
                    config.failoverExecutor.execute(() -> {
                        try {
                            config.orchestrator.resumeAll(this::owns);
                        } catch (RuntimeException e) {
                            LOG.error("resuming failovers failed: {}", e.toString());
                        } finally {
                            resuming.set(false);
                        }
                    });
                }
            } catch (RuntimeException e) {
                LOG.error("monitor round failed: {}", e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void emit(NodeId node, HaEvent.Kind kind, String detail) {
        HaEvent e = new HaEvent(config.clock.instant(), node, kind, null, detail);
        LOG.info("{}", e);
        try {
            config.listener.onEvent(e);
        } catch (RuntimeException ex) {
            LOG.warn("HA listener failed on {}: {}", e, ex.toString());
        }
    }

    /** Stops the rounds and the probes; failovers under way carry on on their executor. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        probeRunner.shutdownNow();
    }

    /** Builds an {@link HaMonitor}. */
    public static final class Builder {
        Store store;
        Clock clock = Clock.systemUTC();
        DetectorOptions detector = DetectorOptions.defaults();
        HealthProbe bmcProbe;
        HostProbe hostProbe;
        HealthProbe linkProbe;
        FailoverOrchestrator orchestrator;
        StormGuard stormGuard = StormGuard.defaults();
        HaListener listener = HaListener.NONE;
        Executor failoverExecutor;
        ClusterMember cluster;
        int probeThreads = 16;

        private Builder() {
        }

        /**
         * Sets the store whose active nodes are watched (required).
         *
         * @param value the store
         * @return this builder
         */
        public Builder store(Store value) {
            this.store = Objects.requireNonNull(value, "store");
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
         * Sets the detector options.
         *
         * @param value detection time and threshold
         * @return this builder
         */
        public Builder detector(DetectorOptions value) {
            this.detector = Objects.requireNonNull(value, "detector");
            return this;
        }

        /**
         * Sets the probe of the BMC signal, usually a {@link BmcProbe}.
         *
         * @param value the probe
         * @return this builder
         */
        public Builder bmcProbe(HealthProbe value) {
            this.bmcProbe = value;
            return this;
        }

        /**
         * Sets the host heartbeat, usually a {@link TcpHostProbe}.
         *
         * @param value the probe
         * @return this builder
         */
        public Builder hostProbe(HostProbe value) {
            this.hostProbe = value;
            return this;
        }

        /**
         * Sets the switch link probe, where a switch driver reads link state.
         *
         * @param value the probe
         * @return this builder
         */
        public Builder linkProbe(HealthProbe value) {
            this.linkProbe = value;
            return this;
        }

        /**
         * Sets the orchestrator failed nodes go to; without one the monitor only raises alarms.
         *
         * @param value the orchestrator
         * @return this builder
         */
        public Builder orchestrator(FailoverOrchestrator value) {
            this.orchestrator = value;
            return this;
        }

        /**
         * Sets the storm guard.
         *
         * @param value the guard
         * @return this builder
         */
        public Builder stormGuard(StormGuard value) {
            this.stormGuard = Objects.requireNonNull(value, "stormGuard");
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
         * Sets where failovers run; the default is a thread per failover. Tests pass
         * {@code Runnable::run} to fail over within the round.
         *
         * @param value the executor
         * @return this builder
         */
        public Builder failoverExecutor(Executor value) {
            this.failoverExecutor = Objects.requireNonNull(value, "failoverExecutor");
            return this;
        }

        /**
         * Shares the nodes with other controller instances: only the nodes this member owns are
         * watched, failed over and resumed. The member's refreshes are the caller's to run
         * ({@link ClusterMember#start()}); until its first, it owns nothing.
         *
         * @param value the member, or null to watch every active node
         * @return this builder
         */
        public Builder cluster(ClusterMember value) {
            this.cluster = value;
            return this;
        }

        /**
         * Sets how many probes run at once.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder probeThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("probeThreads must be at least 1, but was " + value);
            }
            this.probeThreads = value;
            return this;
        }

        /** @return the monitor */
        public HaMonitor build() {
            if (failoverExecutor == null) {
                failoverExecutor = r -> {
                    Thread t = new Thread(r, "bm-ha-failover");
                    t.setDaemon(true);
                    t.start();
                };
            }
            return new HaMonitor(this);
        }
    }
}
