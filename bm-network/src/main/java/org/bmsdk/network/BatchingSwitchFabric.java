package org.bmsdk.network;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.PartialFailureException;
import org.bmsdk.api.network.DriftReport;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortResult;
import org.bmsdk.api.network.SwitchDriverRegistry;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchFabric;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.network.internal.SwitchWorker;

/**
 * A {@link SwitchFabric} over switch drivers: one worker per switch serialises its changes and
 * keeps one CLI session open to it (so at most one session per switch, however many callers),
 * merging the intents queued while a batch runs into the next one, which goes out with one save
 * and one read-back. Switches are configured in parallel, up to {@link Builder#parallelism(int)}
 * at once.
 *
 * <pre>{@code
 * try (SwitchFabric fabric = BatchingSwitchFabric.builder().endpoint(tor1).endpoint(tor2).build()) {
 *     fabric.applyOrThrow(List.of(
 *             PortIntent.access("tor-1", "Ethernet1", VlanId.of(100)),
 *             PortIntent.idle("tor-2", "Ethernet7", VlanId.of(999))));
 * }
 * }</pre>
 */
public final class BatchingSwitchFabric implements SwitchFabric {

    private final Map<String, SwitchWorker> workers = new TreeMap<>();
    private final Map<String, SwitchEndpoint> endpoints = new TreeMap<>();
    private final ExecutorService executor;
    private final Duration callTimeout;

    private BatchingSwitchFabric(Builder b) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(b.parallelism, r -> {
            Thread t = new Thread(r, "bm-switch-fabric-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.callTimeout = b.callTimeout;
        SwitchDriverRegistry registry = b.drivers == null ? SwitchDriverRegistry.loadInstalled() : b.drivers;
        for (SwitchEndpoint e : b.endpoints.values()) {
            var driver = registry.driverFor(e.dialect());
            endpoints.put(e.id(), e);
            workers.put(e.id(), new SwitchWorker(e.id(), () -> driver.open(e, b.context), executor));
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Set<String> switches() {
        return Set.copyOf(workers.keySet());
    }

    @Override
    public List<PortResult> apply(Collection<PortIntent> intents) {
        Map<String, List<PortIntent>> bySwitch = new LinkedHashMap<>();
        for (PortIntent i : intents) {
            worker(i.switchId());
            bySwitch.computeIfAbsent(i.switchId(), k -> new ArrayList<>()).add(i);
        }
        Map<String, CompletableFuture<SwitchWorker.Outcome>> futures = new LinkedHashMap<>();
        bySwitch.forEach((sw, list) -> futures.put(sw, worker(sw).submit(list, Set.of())));
        Map<PortIntent, PortResult> byIntent = new LinkedHashMap<>();
        long deadline = System.nanoTime() + callTimeout.toNanos();
        for (var e : futures.entrySet()) {
            for (PortResult r : await(e.getKey(), e.getValue(), deadline).results()) {
                byIntent.putIfAbsent(r.intent(), r);
            }
        }
        List<PortResult> out = new ArrayList<>();
        for (PortIntent i : intents) {
            out.add(byIntent.get(i));
        }
        return out;
    }

    @Override
    public void deleteVlans(String switchId, Set<VlanId> vlans) {
        SwitchWorker.Outcome o = await(switchId, worker(switchId).submit(List.of(), vlans), System.nanoTime() + callTimeout.toNanos());
        if (!o.vlansLeft().isEmpty() || o.after() == null) {
            Map<String, String> parts = new LinkedHashMap<>();
            for (VlanId v : new TreeSet<>(vlans)) {
                parts.put("vlan " + v, o.after() == null ? "unknown" : o.vlansLeft().contains(v) ? "present" : "deleted");
            }
            throw new PartialFailureException("switch " + switchId + " kept VLANs it was asked to delete:", context(switchId,
                    "vlan.delete"), parts, o.error());
        }
    }

    @Override
    public DriftReport drift(String switchId) {
        SwitchWorker.Outcome o = await(switchId, worker(switchId).submit(List.of(), Set.of()), System.nanoTime() + callTimeout.toNanos());
        if (o.drift() == null) {
            throw o.error() != null ? o.error()
                    : new BareMetalException("switch " + switchId + " could not be read back", context(switchId, "config.read"),
                            true, null);
        }
        return o.drift();
    }

    @Override
    public Map<String, Boolean> linkStates(String switchId) {
        return await(switchId, worker(switchId).read(SwitchSession::linkStates), System.nanoTime() + callTimeout.toNanos(),
                "ports.linkStates");
    }

    @Override
    public List<PortResult> repair(String switchId) {
        return apply(worker(switchId).desired().values());
    }

    /**
     * How many batches changed a switch (batches that found nothing to do are not counted).
     *
     * @param switchId the switch
     * @return the count
     */
    public long batches(String switchId) {
        return worker(switchId).batches();
    }

    @Override
    public void close() {
        workers.values().forEach(SwitchWorker::close);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(callTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private SwitchWorker worker(String switchId) {
        SwitchWorker w = workers.get(switchId);
        if (w == null) {
            throw new ConfigurationException("no switch " + switchId + " in the fabric; it has " + workers.keySet());
        }
        return w;
    }

    private SwitchWorker.Outcome await(String switchId, CompletableFuture<SwitchWorker.Outcome> f, long deadline) {
        return await(switchId, f, deadline, "ports.apply");
    }

    private <T> T await(String switchId, CompletableFuture<T> f, long deadline, String operation) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new OperationTimeoutException("switch " + switchId + " did not answer " + operation + " within " + callTimeout.toMillis()
                    + " ms; a change may still be applied", context(switchId, operation), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BareMetalException("interrupted waiting for switch " + switchId, context(switchId, operation), true, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BareMetalException bme) {
                throw bme;
            }
            throw new BareMetalException("switch " + switchId + " " + operation + " failed: " + e.getCause(), context(switchId, operation),
                    false, e.getCause());
        }
    }

    private ErrorContext context(String switchId, String operation) {
        SwitchEndpoint e = endpoints.get(switchId);
        return e == null ? ErrorContext.of("", "", operation) : ErrorContext.of(e.uri().toString(), e.dialect(), operation);
    }

    /** Builds a {@link BatchingSwitchFabric}. */
    public static final class Builder {
        private final Map<String, SwitchEndpoint> endpoints = new LinkedHashMap<>();
        private SwitchDriverRegistry drivers;
        private DriverContext context = DriverContext.defaults();
        private Duration callTimeout = Duration.ofMinutes(2);
        private int parallelism = 8;

        private Builder() {
        }

        /**
         * Adds a switch; its id is what intents and local link connections name.
         *
         * @param endpoint the switch
         * @return this builder
         */
        public Builder endpoint(SwitchEndpoint endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoints.putIfAbsent(endpoint.id(), endpoint) != null) {
                throw new IllegalArgumentException("switch " + endpoint.id() + " was added twice");
            }
            return this;
        }

        /**
         * The drivers to choose from by dialect; default every installed one.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder drivers(SwitchDriverRegistry registry) {
            this.drivers = Objects.requireNonNull(registry, "drivers");
            return this;
        }

        /**
         * Clock, listener and credential resolver for the sessions; default {@link DriverContext#defaults()}.
         *
         * @param context the context
         * @return this builder
         */
        public Builder context(DriverContext context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * How long a call waits for its batches; default 2 minutes.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive, but was " + timeout);
            }
            this.callTimeout = timeout;
            return this;
        }

        /**
         * How many switches are configured at once; default 8.
         *
         * @param threads 1 or more
         * @return this builder
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, but was " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /** @return the fabric; no session is opened until the first change */
        public BatchingSwitchFabric build() {
            return new BatchingSwitchFabric(this);
        }
    }
}
