package org.bmsdk.hardware.redfish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.hardware.redfish.internal.PollLoop;
import org.bmsdk.hardware.redfish.internal.RedfishBmcClient;
import org.bmsdk.hardware.redfish.internal.RedfishConnection;

/**
 * Reads the power state of a whole fleet at once, the way a controller's periodic power-state sync
 * does (Ironic's {@code _sync_power_states}), from one or a few event-loop threads instead of a
 * blocked thread per BMC.
 *
 * <p>For a Redfish client each read is one GET of the System on a keep-alive connection of the
 * poller's own (HTTPS through an {@code SSLEngine} with the client's trust and host-name check, or
 * plain HTTP), with the request's bytes kept per BMC and the answer decoded as it arrives. The
 * driver's rules hold as for every other call: each read takes a slot of the BMC's budget of
 * concurrent requests, which it shares with every other caller in the process (the poller never
 * keeps more than one request in flight per BMC, and waits, without blocking a thread, when the
 * budget is spent); requests carry the client's shared session token; a 401 logs in again through
 * the client's session (once per expiry, however many callers saw it) and reads again; any other
 * answer but a 2xx (a 503, a redirect) is read again through the client's blocking path, which
 * retries and raises the typed error as {@link PowerControl#powerState()} does; a read that is not
 * finished within the endpoint's request timeout (counted from the call: waiting for a slot,
 * connecting, the TLS handshake and the answer) fails with an {@code OperationTimeoutException}; a
 * certificate that is not trusted is an {@code AuthenticationException}; a malformed or oversized
 * answer fails that BMC's read with a {@code DeviceException} and closes its connection, nothing
 * else. Errors name the endpoint, never a secret. The client's event listener sees each read as
 * the operation {@code power.state}.
 *
 * <p>The poller keeps one connection of its own to each BMC it reads, besides the client's, and
 * closes it after 30 seconds without a read (a sync every minute connects again each time).
 *
 * <p>Clients of other drivers are read through their blocking {@link PowerControl#powerState()} on
 * the poller's pool of {@code blockingThreads}: the result and errors are the same, only the cost
 * is not.
 *
 * <p>Futures complete on the poller's threads: a callback may start the next read
 * ({@link #powerState(BmcClient)} from a callback costs no wake-up), but must not block; use the
 * {@code ...Async} forms of {@link CompletableFuture} for slow work.
 *
 * <pre>{@code
 * try (RedfishPowerPoller poller = RedfishPowerPoller.create()) {
 *     Map<BmcClient, CompletableFuture<PowerState>> states = poller.powerStates(clients);
 *     states.forEach((client, state) -> state.whenComplete((s, error) -> record(client, s, error)));
 * }
 * }</pre>
 */
public final class RedfishPowerPoller implements AutoCloseable {

    private final List<PollLoop> loops;
    private final ExecutorService blocking;

    private RedfishPowerPoller(Builder b) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(b.blockingThreads, b.blockingThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "bm-redfish-poll-blocking-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.blocking = pool;
        List<PollLoop> started = new ArrayList<>();
        try {
            for (int i = 0; i < b.ioThreads; i++) {
                started.add(new PollLoop("bm-redfish-poll-" + i, pool));
            }
        } catch (IOException e) {
            started.forEach(PollLoop::close);
            pool.shutdownNow();
            throw new UncheckedIOException("could not open a selector for the Redfish fleet poller", e);
        }
        this.loops = List.copyOf(started);
    }

    /**
     * A poller with the defaults: one event-loop thread, four blocking threads.
     *
     * @return the poller; close it to stop its threads
     */
    public static RedfishPowerPoller create() {
        return builder().build();
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads one BMC's power state.
     *
     * @param client a connected client of any driver; it must stay open until the future completes
     * @return the state, or a bm-api exception naming the BMC
     */
    public CompletableFuture<PowerState> powerState(BmcClient client) {
        Objects.requireNonNull(client, "client");
        if (client instanceof RedfishBmcClient redfish) {
            RedfishConnection c = redfish.connection();
            return loops.get(Math.floorMod(System.identityHashCode(c), loops.size())).submit(c);
        }
        try {
            return CompletableFuture.supplyAsync(() -> client.require(PowerControl.class).powerState(), blocking);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new TransportException("the fleet poller is closed"));
        }
    }

    /**
     * Reads the power state of every client, all at once (each BMC's budget still bounds what is sent
     * to it).
     *
     * @param clients connected clients; they must stay open until their futures complete
     * @return each client's state, in the order given
     */
    public Map<BmcClient, CompletableFuture<PowerState>> powerStates(Collection<? extends BmcClient> clients) {
        Map<BmcClient, CompletableFuture<PowerState>> states = new LinkedHashMap<>();
        for (BmcClient c : clients) {
            states.put(c, powerState(c));
        }
        return states;
    }

    /** Stops the threads; reads not yet finished fail with a {@code TransportException}. Idempotent. */
    @Override
    public void close() {
        loops.forEach(PollLoop::close);
        blocking.shutdown();
    }

    /** Options of a {@link RedfishPowerPoller}. */
    public static final class Builder {
        private int ioThreads = 1;
        private int blockingThreads = 4;

        private Builder() {
        }

        /**
         * Event-loop threads (default 1: a loop keeps thousands of BMCs busy on one core).
         *
         * @param n 1 to 64
         * @return this builder
         */
        public Builder ioThreads(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("ioThreads must be in 1..64, but was " + n);
            }
            this.ioThreads = n;
            return this;
        }

        /**
         * Threads for the blocking path: other drivers' reads, and Redfish answers but 2xx and 401
         * (default 4).
         *
         * @param n 1 to 1024
         * @return this builder
         */
        public Builder blockingThreads(int n) {
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("blockingThreads must be in 1..1024, but was " + n);
            }
            this.blockingThreads = n;
            return this;
        }

        /** @return the poller, its threads started */
        public RedfishPowerPoller build() {
            return new RedfishPowerPoller(this);
        }
    }
}
