package org.bmsdk.ha;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.FencingException;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;
import org.bmsdk.ha.internal.FailoverRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step loop of {@link FailoverOrchestrator}: store a step's start under this controller's
 * lease, act with a timeout while the lease is renewed, store the outcome with the next step. Errors of the store are not
 * caught: without a place to write progress, acting would be unsafe.
 */
final class FailoverRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverOrchestrator.class);

    private final FailoverOrchestrator.Builder config;
    private final FailoverActions actions;
    private final VersionedStore<String, String> records;
    private final ExecutorService stepRunner;
    private final ScheduledExecutorService renewer;
    /** Failovers this process is running now: one thread per failover, whatever the lease says. */
    private final Set<NodeId> inFlight = ConcurrentHashMap.newKeySet();

    FailoverRunner(FailoverOrchestrator.Builder config, VersionedStore<String, String> records) {
        this.config = config;
        this.actions = new FailoverActions(config);
        this.records = records;
        this.stepRunner = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bm-ha-failover-step");
            t.setDaemon(true);
            return t;
        });
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bm-ha-failover-lease");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs a failover's steps from where its record stands, until it is done, stopped, or another
     * controller holds it.
     */
    Failover run(NodeId nodeId) {
        if (!inFlight.add(nodeId)) {
            return view(nodeId, FailoverRecord.decode(records.get(nodeId.value()).orElseThrow().value()));
        }
        try {
            return runSteps(nodeId);
        } finally {
            inFlight.remove(nodeId);
        }
    }

    private Failover runSteps(NodeId nodeId) {
        while (true) {
            Versioned<String, String> v = records.get(nodeId.value()).orElseThrow();
            FailoverRecord r = FailoverRecord.decode(v.value());
            if (!"RUNNING".equals(r.get("state")) || !leaseFree(r)) {
                return view(nodeId, r);
            }
            FailoverStep step = FailoverStep.valueOf(r.get("step"));
            Node failed = config.store.nodes().get(nodeId).orElseThrow().value();
            int attempt = Integer.parseInt(r.get("attempt", "0")) + 1;
            FailoverRecord begun = r.with(Map.of("owner", config.controllerId, "leaseUntil",
                    config.clock.instant().plus(config.lease).toString(), "attempt", Integer.toString(attempt)));
            if (step == FailoverStep.FENCE) {
                begun = actions.capture(begun, failed);
            }
            try {
                v = records.update(nodeId.value(), begun.encode(), v.version());
            } catch (ConflictException lost) {
                LOG.info("failover of {} taken by another controller at {}", nodeId, step);
                return view(nodeId, FailoverRecord.decode(records.get(nodeId.value()).orElseThrow().value()));
            }
            emit(nodeId, HaEvent.Kind.STEP_STARTED, step, "attempt " + attempt);
            Map<String, String> result;
            LeaseRenewal renewal = new LeaseRenewal(nodeId, begun, v);
            try {
                result = runStep(step, begun, failed, renewal);
            } catch (CancellationException lostLease) {
                renewal.stop();
                return lost(nodeId, step);
            } catch (FencingException e) {
                v = renewal.stop();
                if (v == null) {
                    return lost(nodeId, step);
                }
                begun = renewal.latest();
                return stop(nodeId, v, begun, "FENCE_FAILED", step, e.getMessage(), true);
            } catch (RuntimeException | TimeoutException e) {
                v = renewal.stop();
                if (v == null) {
                    return lost(nodeId, step);
                }
                begun = renewal.latest();
                String why = e instanceof TimeoutException ? "timed out after " + config.stepTimeout : e.getMessage();
                emit(nodeId, HaEvent.Kind.STEP_FAILED, step, why);
                if (attempt >= config.maxAttempts) {
                    return stop(nodeId, v, begun, "FAILED", step, why, false);
                }
                records.update(nodeId.value(), begun.with("error", step + ": " + why).encode(), v.version());
                continue;
            }
            v = renewal.stop();
            if (v == null) {
                return lost(nodeId, step);
            }
            begun = renewal.latest(); // the same record, with the lease as last renewed
            FailoverStep next = FailoverStep.values()[step.ordinal() + 1];
            FailoverRecord done = begun.with(result).with(Map.of("step", next.name(), "attempt", "0"));
            if (next == FailoverStep.DONE) {
                done = done.with(Map.of("state", "DONE", "finishedAt", config.clock.instant().toString()));
            }
            records.update(nodeId.value(), done.encode(), v.version());
            emit(nodeId, HaEvent.Kind.STEP_DONE, step, String.join("; ", result.values()));
            if (next == FailoverStep.DONE) {
                emit(nodeId, HaEvent.Kind.FAILOVER_DONE, null, done.get("spare") + " runs in place of " + nodeId);
                return view(nodeId, done);
            }
        }
    }

    private Failover lost(NodeId nodeId, FailoverStep step) {
        LOG.warn("failover of {}: lease lost during {}; its outcome is left to the controller that holds it", nodeId, step);
        return view(nodeId, FailoverRecord.decode(records.get(nodeId.value()).orElseThrow().value()));
    }

    private Map<String, String> runStep(FailoverStep step, FailoverRecord r, Node failed, LeaseRenewal renewal) throws TimeoutException {
        Future<Map<String, String>> f = stepRunner.submit(() -> act(step, r, failed));
        renewal.start(f);
        try {
            return f.get(config.stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + step, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(step + ": " + e.getCause(), e.getCause());
        }
    }

    private Map<String, String> act(FailoverStep step, FailoverRecord r, Node failed) throws InterruptedException {
        Protection protection = config.protection.apply(failed);
        if (step == FailoverStep.FENCE) {
            return actions.fence(r, failed);
        }
        if (step == FailoverStep.CLAIM_SPARE) {
            return actions.claimSpare(r, failed, protection);
        }
        Node spare = config.store.nodes().get(NodeId.of(r.get("spare"))).orElseThrow().value();
        return switch (step) {
            case MOVE_NETWORKS -> actions.moveNetworks(r, failed, spare);
            case MOVE_VOLUMES -> actions.moveVolumes(r, failed, spare);
            case PREPARE_BOOT -> actions.prepareBoot(failed, spare, protection);
            case POWER_ON -> actions.powerOn(spare);
            case CONFIRM_UP -> actions.confirmUp(spare);
            case MARK_REPAIR -> actions.markRepair(failed, spare);
            default -> throw new IllegalStateException("no action for " + step);
        };
    }

    private Failover stop(NodeId nodeId, Versioned<String, String> v, FailoverRecord r, String state, FailoverStep step, String why,
            boolean markNode) {
        FailoverRecord stopped = r.with(Map.of("state", state, "error", step + ": " + why));
        records.update(nodeId.value(), stopped.encode(), v.version());
        if (markNode) {
            config.store.nodes().modify(nodeId, n -> n.maintenance() ? n : n.toBuilder().maintenance(true, "could not be fenced: " + why).build());
        }
        emit(nodeId, HaEvent.Kind.ALARM, step, (markNode ? "not fenced, no failover: " : "failover stopped: ") + why);
        emit(nodeId, HaEvent.Kind.FAILOVER_FAILED, step, why);
        return view(nodeId, stopped);
    }

    boolean leaseFree(FailoverRecord r) {
        return r.get("owner") == null || config.controllerId.equals(r.get("owner"))
                || !config.clock.instant().isBefore(Instant.parse(r.get("leaseUntil")));
    }

    static Failover view(NodeId nodeId, FailoverRecord r) {
        return new Failover(nodeId, Failover.State.valueOf(r.get("state")), FailoverStep.valueOf(r.get("step")),
                r.get("spare") == null ? null : NodeId.of(r.get("spare")), r.get("reason", ""), r.get("error", ""));
    }

    void emit(NodeId node, HaEvent.Kind kind, FailoverStep step, String detail) {
        HaEvent e = new HaEvent(config.clock.instant(), node, kind, step, detail);
        LOG.info("{}", e);
        try {
            config.listener.onEvent(e);
        } catch (RuntimeException ex) {
            LOG.warn("HA listener failed on {}: {}", e, ex.toString());
        }
    }

    @Override
    public void close() {
        stepRunner.shutdownNow();
        renewer.shutdownNow();
    }

    /**
     * Keeps a step's lease alive while it acts: every third of the lease, {@code leaseUntil} is
     * pushed a lease ahead (compare-and-set on the record). So the lease can be short (a dead
     * controller's failover is taken over within a lease) while a step may run for its whole
     * timeout. When the renewal loses the record to another controller, or cannot write it before
     * the lease runs out, the step is cancelled: past that point another controller may act.
     */
    private final class LeaseRenewal {
        private final NodeId nodeId;
        private FailoverRecord record;
        private Versioned<String, String> current;
        private Instant holdsUntil;
        private boolean stopped;
        private boolean lost;
        private Future<?> step;
        private java.util.concurrent.ScheduledFuture<?> task;

        LeaseRenewal(NodeId nodeId, FailoverRecord record, Versioned<String, String> current) {
            this.nodeId = nodeId;
            this.record = record;
            this.current = current;
            this.holdsUntil = Instant.parse(record.get("leaseUntil"));
        }

        synchronized void start(Future<?> stepFuture) {
            this.step = stepFuture;
            long every = Math.max(1, config.lease.toMillis() / 3);
            task = renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private synchronized void renew() {
            if (stopped || lost) {
                return;
            }
            Instant now = config.clock.instant();
            FailoverRecord next = record.with("leaseUntil", now.plus(config.lease).toString());
            try {
                current = records.update(nodeId.value(), next.encode(), current.version());
                record = next;
                holdsUntil = now.plus(config.lease);
            } catch (ConflictException e) {
                giveUp("the record changed under this controller");
            } catch (RuntimeException e) {
                // The store is away: try again next tick, unless the lease runs out before it.
                if (!config.clock.instant().plus(config.lease.dividedBy(3)).isBefore(holdsUntil)) {
                    giveUp("the store did not take a renewal before the lease ran out: " + e);
                } else {
                    LOG.warn("failover of {}: lease renewal failed, tried again: {}", nodeId, e.toString());
                }
            }
        }

        private void giveUp(String why) {
            lost = true;
            LOG.warn("failover of {}: stops acting, {}", nodeId, why);
            if (step != null) {
                step.cancel(true);
            }
        }

        /** @return the record as last written (the step's start, with the lease as last renewed) */
        synchronized FailoverRecord latest() {
            return record;
        }

        /** @return the record as last written, or null when the lease was lost */
        synchronized Versioned<String, String> stop() {
            stopped = true;
            if (task != null) {
                task.cancel(false);
            }
            return lost ? null : current;
        }
    }
}
