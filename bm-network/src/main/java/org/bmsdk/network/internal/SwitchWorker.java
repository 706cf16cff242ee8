package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.network.DriftReport;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortResult;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises the changes to one switch: callers queue jobs; one drain at a time (on a shared
 * executor) takes every queued job, merges their intents (the last per port wins), and applies
 * them in the one kept session, with one save and one read-back, then completes every job of the
 * batch. While a batch runs, new jobs gather into the next one, so a busy switch gets big batches
 * and an idle one answers at once, with no timer. Reads ({@link #read}, such as link states) go
 * through the same drain, after the batch queued with them, in the same session.
 */
public final class SwitchWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchWorker.class);

    /** A caller's share of a batch. */
    private record Job(List<PortIntent> intents, Set<VlanId> deletes, CompletableFuture<Outcome> done) {
    }

    /** A read in the kept session, run after the batch that was queued before it. */
    private record Read<T>(Function<SwitchSession, T> reader, CompletableFuture<T> done) {
        void run(SwitchSession session) {
            done.complete(reader.apply(session));
        }
    }

    /** What a batch left: the read-back before and after, and the error that stopped it. */
    public record Outcome(SwitchConfig before, SwitchConfig after, Map<String, PortIntent> merged, RuntimeException error,
            List<PortResult> results, Set<VlanId> vlansLeft, DriftReport drift) {
    }

    private final String switchId;
    private final Supplier<SwitchSession> opener;
    private final Executor executor;
    private final Object lock = new Object();
    private final List<Job> pending = new ArrayList<>();
    private final List<Read<?>> reads = new ArrayList<>();
    private final Map<String, PortIntent> desired = new ConcurrentHashMap<>();
    private final AtomicLong batches = new AtomicLong();
    private boolean draining;
    private boolean closed;
    private SwitchSession session;

    /**
     * A worker.
     *
     * @param switchId the switch
     * @param opener opens a session on it
     * @param executor runs the drains
     */
    public SwitchWorker(String switchId, Supplier<SwitchSession> opener, Executor executor) {
        this.switchId = switchId;
        this.opener = opener;
        this.executor = executor;
    }

    /**
     * Queues intents and VLAN deletions.
     *
     * @param intents the ports' desired states
     * @param deletes VLANs to delete after the intents
     * @return completed once the batch carrying them was applied and read back
     */
    public CompletableFuture<Outcome> submit(List<PortIntent> intents, Set<VlanId> deletes) {
        Job job = new Job(List.copyOf(intents), Set.copyOf(deletes), new CompletableFuture<>());
        enqueue(() -> pending.add(job));
        return job.done();
    }

    /**
     * Queues a read of the switch in the kept session (no read-back, no save): run once the
     * changes queued before it were applied, so it sees them.
     *
     * @param <T> what the read returns
     * @param reader what to read
     * @return completed with what was read, or with the session's failure
     */
    public <T> CompletableFuture<T> read(Function<SwitchSession, T> reader) {
        Read<T> read = new Read<>(reader, new CompletableFuture<>());
        enqueue(() -> reads.add(read));
        return read.done();
    }

    private void enqueue(Runnable add) {
        boolean start;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the fabric is closed");
            }
            add.run();
            start = !draining;
            draining = true;
        }
        if (start) {
            executor.execute(this::drain);
        }
    }

    /** @return the last intent of every port, by port */
    public Map<String, PortIntent> desired() {
        return Map.copyOf(desired);
    }

    /** @return how many batches were sent to the switch */
    public long batches() {
        return batches.get();
    }

    /** Fails what is queued and closes the session after the running batch. */
    public void close() {
        List<Job> dropped;
        List<Read<?>> droppedReads;
        synchronized (lock) {
            closed = true;
            dropped = new ArrayList<>(pending);
            droppedReads = new ArrayList<>(reads);
            pending.clear();
            reads.clear();
            if (!draining) {
                closeSession();
            }
        }
        dropped.forEach(j -> j.done().completeExceptionally(new IllegalStateException("the fabric was closed")));
        droppedReads.forEach(r -> r.done().completeExceptionally(new IllegalStateException("the fabric was closed")));
    }

    private void drain() {
        while (true) {
            List<Job> batch;
            List<Read<?>> readBatch;
            synchronized (lock) {
                if (pending.isEmpty() && reads.isEmpty()) {
                    draining = false;
                    if (closed) {
                        closeSession();
                    }
                    return;
                }
                batch = new ArrayList<>(pending);
                readBatch = new ArrayList<>(reads);
                pending.clear();
                reads.clear();
            }
            try {
                if (!batch.isEmpty()) {
                    run(batch);
                }
            } catch (RuntimeException | Error e) {
                LOG.warn("{}: a batch failed unexpectedly", switchId, e);
                batch.forEach(j -> j.done().completeExceptionally(e));
            }
            for (Read<?> r : readBatch) {
                try {
                    r.run(session());
                } catch (RuntimeException | Error e) {
                    // A lost session: the next read or batch opens another.
                    closeSession();
                    r.done().completeExceptionally(e);
                }
            }
        }
    }

    private void run(List<Job> batch) {
        Map<String, PortIntent> merged = new LinkedHashMap<>();
        Set<VlanId> deletes = new TreeSet<>();
        for (Job j : batch) {
            for (PortIntent i : j.intents()) {
                merged.remove(i.port());
                merged.put(i.port(), i);
            }
            deletes.addAll(j.deletes());
        }
        Set<VlanId> needed = new TreeSet<>();
        merged.values().forEach(i -> needed.addAll(i.vlans()));
        deletes.removeAll(needed);
        desired.putAll(merged);

        SwitchConfig before = null;
        SwitchConfig after = null;
        RuntimeException error = null;
        Map<String, String> portErrors = new LinkedHashMap<>();
        try {
            SwitchSession s = session();
            before = s.readBack();
            after = before;
            Set<VlanId> create = new TreeSet<>();
            List<PortIntent> changes = new ArrayList<>();
            for (PortIntent i : merged.values()) {
                Optional<PortState> now = before.port(i.port());
                if (now.isEmpty()) {
                    // Refused here rather than by the switch, so one bad port name does not stop the others' batch.
                    portErrors.put(i.port(), "switch " + switchId + " has no port " + i.port());
                } else if (!i.satisfiedBy(now.get())) {
                    changes.add(i);
                    create.addAll(i.vlans());
                }
            }
            create.removeAll(before.vlans());
            Set<VlanId> delete = new TreeSet<>(deletes);
            delete.retainAll(before.vlans());
            if (!create.isEmpty() || !changes.isEmpty() || !delete.isEmpty()) {
                batches.incrementAndGet();
                for (VlanId v : create) {
                    s.createVlan(v, "bm-" + v);
                }
                for (PortIntent i : changes) {
                    try {
                        PortRenderer.apply(s, i, before.port(i.port()).orElse(null));
                    } catch (DeviceException refused) {
                        // The CLI is back at its prompt after an error line: the other ports go on.
                        portErrors.put(i.port(), refused.getMessage());
                    }
                }
                for (VlanId v : delete) {
                    try {
                        s.deleteVlan(v);
                    } catch (DeviceException refused) {
                        LOG.info("{}: VLAN {} was not deleted: {}", switchId, v, refused.getMessage());
                    }
                }
                s.save();
                after = s.readBack();
            }
        } catch (RuntimeException e) {
            // A lost session, a timeout, a refused save: what the switch did is unknown until read back.
            error = e;
            LOG.info("{}: batch of {} port(s) failed: {}", switchId, merged.size(), e.getMessage());
            closeSession();
            after = readBackAfterFailure();
        }
        for (Job j : batch) {
            j.done().complete(outcome(j, before, after, merged, portErrors, error));
        }
    }

    /** A fresh session's view of the switch, so that each port's state can be reported; null when unreachable. */
    private SwitchConfig readBackAfterFailure() {
        try {
            return session().readBack();
        } catch (RuntimeException again) {
            LOG.info("{}: could not read the switch back after the failure: {}", switchId, again.getMessage());
            closeSession();
            return null;
        }
    }

    private Outcome outcome(Job j, SwitchConfig before, SwitchConfig after, Map<String, PortIntent> merged,
            Map<String, String> portErrors, RuntimeException error) {
        List<PortResult> results = new ArrayList<>();
        for (PortIntent i : j.intents()) {
            PortState now = after == null ? null : after.port(i.port()).orElse(null);
            PortState then = before == null ? null : before.port(i.port()).orElse(null);
            if (!merged.get(i.port()).equals(i)) {
                results.add(new PortResult(i, PortResult.Status.SUPERSEDED, now, null));
            } else if (after != null && i.satisfiedBy(now)) {
                results.add(new PortResult(i, i.satisfiedBy(then) ? PortResult.Status.UNCHANGED : PortResult.Status.APPLIED, now,
                        null));
            } else {
                String why = portErrors.containsKey(i.port()) ? portErrors.get(i.port())
                        : error != null ? error.getMessage()
                        : after == null ? "the switch could not be read back" : "the read-back does not match the intent";
                results.add(new PortResult(i, PortResult.Status.FAILED, now, why));
            }
        }
        Set<VlanId> left = new TreeSet<>(j.deletes());
        if (after != null) {
            left.retainAll(after.vlans());
        }
        List<DriftReport.Drift> drifted = new ArrayList<>();
        if (after != null) {
            for (PortIntent i : new java.util.TreeMap<>(desired).values()) {
                PortState now = after.port(i.port()).orElse(null);
                if (!i.satisfiedBy(now)) {
                    drifted.add(new DriftReport.Drift(i, now));
                }
            }
        }
        DriftReport drift = after == null ? null : new DriftReport(switchId, drifted);
        return new Outcome(before, after, merged, error, results, left, drift);
    }

    private SwitchSession session() {
        if (session == null) {
            session = opener.get();
        }
        return session;
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.debug("{}: closing the session failed: {}", switchId, e.getMessage());
            }
            session = null;
        }
    }
}
