package org.bmsdk.api.fleet;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;

/**
 * Runs one operation over many nodes at once, with a limit overall and a limit per target (a BMC,
 * a switch), because BMCs and switch CLIs take only a few sessions each. Every node gets an
 * {@link Outcome}: one node's failure never stops the others.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.builder().maxConcurrency(64).perTargetLimit(1).build();
 * FleetResult<PowerState> states = fleet.run(nodes, Fleet::bmcTarget,
 *         node -> connect(node).require(PowerControl.class).powerState());
 * }</pre>
 *
 * <p>A task waiting for its target's limit never holds a thread: the calling thread dispatches
 * only tasks whose target has room, so 10 000 nodes behind one switch do not starve the rest.
 */
public final class Fleet {

    private static final AtomicInteger POOL = new AtomicInteger();

    private final int maxConcurrency;
    private final int perTargetLimit;

    private Fleet(Builder b) {
        this.maxConcurrency = b.maxConcurrency;
        this.perTargetLimit = b.perTargetLimit;
    }

    /**
     * Starts a fleet with 32 concurrent operations overall and 2 per target.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The usual target of a node operation: its preferred BMC, as {@code host:port}.
     *
     * @param node the node
     * @return the BMC's host and port, or the node id when it has no BMC
     */
    public static String bmcTarget(Node node) {
        return node.bmcEndpoints().isEmpty()
                ? node.id().value()
                : node.bmcEndpoints().get(0).host() + ":" + node.bmcEndpoints().get(0).port();
    }

    /**
     * Runs an operation on every node and waits for all of them.
     *
     * @param <T> what the operation returns
     * @param nodes the nodes; ids must be distinct
     * @param target the target each node's operation uses, for the per-target limit
     * @param operation the operation; what it throws becomes that node's {@link Outcome.Failure}
     * @return every node's outcome; nodes not started because the calling thread was interrupted
     *     fail with a "cancelled" error
     */
    public <T> FleetResult<T> run(Collection<Node> nodes, Function<Node, String> target, Function<Node, T> operation) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(operation, "operation");
        Map<NodeId, Outcome<T>> outcomes = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (outcomes.put(n.id(), null) != null) {
                throw new IllegalArgumentException("node " + n.id() + " is given twice");
            }
        }
        if (nodes.isEmpty()) {
            return new FleetResult<>(outcomes);
        }
        new Run<>(List.copyOf(nodes), target, operation, outcomes).execute();
        return new FleetResult<>(outcomes);
    }

    /** One call of {@link #run}: the dispatcher state, guarded by {@code lock}. */
    private final class Run<T> {
        private final ArrayDeque<Node> pending;
        private final Function<Node, String> target;
        private final Function<Node, T> operation;
        private final Map<NodeId, Outcome<T>> outcomes;
        private final Map<String, Integer> inFlight = new HashMap<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition finished = lock.newCondition();
        private int running;

        Run(List<Node> nodes, Function<Node, String> target, Function<Node, T> operation, Map<NodeId, Outcome<T>> outcomes) {
            this.pending = new ArrayDeque<>(nodes);
            this.target = target;
            this.operation = operation;
            this.outcomes = outcomes;
        }

        void execute() {
            int threads = Math.min(maxConcurrency, pending.size());
            String prefix = "bm-fleet-" + POOL.incrementAndGet() + "-";
            AtomicInteger n = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, prefix + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
            lock.lock();
            try {
                while (!pending.isEmpty() || running > 0) {
                    dispatch(pool);
                    finished.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (Node node : pending) {
                    outcomes.put(node.id(), new Outcome.Failure<>(new BareMetalException("cancelled before it started",
                            ErrorContext.of(target.apply(node), "", "fleet"), true, e)));
                }
                pending.clear();
                pool.shutdownNow();
                // Operations already running were interrupted; wait for their outcomes so that
                // the result is complete and no thread writes to it after we return.
                while (running > 0) {
                    finished.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
                pool.shutdown();
            }
        }

        private void dispatch(ExecutorService pool) {
            Iterator<Node> it = pending.iterator();
            while (it.hasNext() && running < maxConcurrency) {
                Node node = it.next();
                String key = target.apply(node);
                int busy = inFlight.getOrDefault(key, 0);
                if (busy < perTargetLimit) {
                    it.remove();
                    inFlight.put(key, busy + 1);
                    running++;
                    pool.execute(() -> complete(node, key, call(node, key)));
                }
            }
        }

        private Outcome<T> call(Node node, String key) {
            try {
                return new Outcome.Success<>(operation.apply(node));
            } catch (BareMetalException e) {
                return new Outcome.Failure<>(e);
            } catch (RuntimeException | Error e) {
                return new Outcome.Failure<>(new BareMetalException("unexpected " + e.getClass().getName() + ": " + e.getMessage(),
                        ErrorContext.of(key, "", "fleet"), false, e));
            }
        }

        private void complete(Node node, String key, Outcome<T> outcome) {
            lock.lock();
            try {
                outcomes.put(node.id(), outcome);
                inFlight.merge(key, -1, Integer::sum);
                running--;
                finished.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Builds a {@link Fleet}. */
    public static final class Builder {
        private int maxConcurrency = 32;
        private int perTargetLimit = 2;

        private Builder() {
        }

        /**
         * How many operations run at once overall; default 32.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxConcurrency(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1, but was " + max);
            }
            this.maxConcurrency = max;
            return this;
        }

        /**
         * How many operations run at once on one target; default 2.
         *
         * @param limit at least 1
         * @return this builder
         */
        public Builder perTargetLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("perTargetLimit must be at least 1, but was " + limit);
            }
            this.perTargetLimit = limit;
            return this;
        }

        /**
         * Builds the fleet.
         *
         * @return the fleet
         */
        public Fleet build() {
            return new Fleet(this);
        }
    }
}
