package org.bmsdk.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;

/**
 * What every power-polling benchmark does once its driver is chosen, so that the Redfish and IPMI
 * rows measure the same way: connect to every BMC once, then N threads take BMCs round robin and
 * read the power state without pause; a warm-up, then a measured window in which a poll counts
 * when it started and ended inside it; latencies in an HdrHistogram, CPU of this process (and of
 * the simulator, when the caller can read it) over the window.
 */
public final class PowerPollRun implements AutoCloseable {

    private final ExecutorService pool;
    private final BmcClient[] clients;
    private final PowerControl[] power;
    private final double connectSeconds;

    private PowerPollRun(ExecutorService pool, BmcClient[] clients, PowerControl[] power, double connectSeconds) {
        this.pool = pool;
        this.clients = clients;
        this.power = power;
        this.connectSeconds = connectSeconds;
    }

    /**
     * Connects to every BMC, {@code concurrency} at a time; a BMC that cannot be connected fails the run.
     *
     * @param registry the driver
     * @param bmcs the BMCs
     * @param concurrency the threads, for connecting and polling
     * @return the run, connected
     * @throws Exception what a connection threw
     */
    public static PowerPollRun connect(BmcDriverRegistry registry, List<BmcEndpoint> bmcs, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-poll");
            t.setDaemon(true);
            return t;
        });
        int n = bmcs.size();
        BmcClient[] clients = new BmcClient[n];
        PowerControl[] power = new PowerControl[n];
        long c0 = System.nanoTime();
        List<Future<?>> connects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            connects.add(pool.submit(() -> {
                clients[k] = registry.connect(bmcs.get(k), DriverContext.defaults());
                power[k] = clients[k].require(PowerControl.class);
            }));
        }
        try {
            for (Future<?> f : connects) {
                f.get();
            }
        } catch (Exception e) {
            new PowerPollRun(pool, clients, power, 0).close();
            throw e;
        }
        return new PowerPollRun(pool, clients, power, (System.nanoTime() - c0) / 1e9);
    }

    /** @return how long connecting to every BMC took, in seconds */
    public double connectSeconds() {
        return connectSeconds;
    }

    /**
     * Polls: {@code warmupS} seconds not counted, then a window of {@code durationS} seconds.
     *
     * @param concurrency the polling threads (at most the pool's)
     * @param warmupS warm-up seconds
     * @param durationS window seconds
     * @param simulatorCpuNanos the simulator's CPU time so far, or -1 when unknown
     * @return what the window saw
     * @throws Exception what a polling thread threw beyond a failed poll
     */
    public Window poll(int concurrency, long warmupS, long durationS, LongSupplier simulatorCpuNanos) throws Exception {
        Tally tally = new Tally(power.length, warmupS, durationS);
        List<Future<Histogram>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                Histogram h = new Histogram(60_000_000_000L, 3);
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= tally.endNs) {
                        return h;
                    }
                    PowerState s = null;
                    try {
                        s = power[tally.nextIndex()].powerState();
                    } catch (RuntimeException e) {
                        // counted as an error below (s stays null)
                    }
                    tally.count(h, t0, s);
                }
            }));
        }
        return window(tally, simulatorCpuNanos, () -> {
            Histogram all = new Histogram(60_000_000_000L, 3);
            for (Future<Histogram> f : workers) {
                all.add(f.get());
            }
            return all;
        });
    }

    /**
     * Polls as {@link #poll} does, but through an asynchronous reader (such as a fleet poller on an event
     * loop): {@code inFlight} reads at once, each started when the one before it finished, instead of a
     * blocked thread per read.
     *
     * @param reader starts one read of a client's power state
     * @param inFlight reads kept in flight
     * @param warmupS warm-up seconds
     * @param durationS window seconds
     * @param simulatorCpuNanos the simulator's CPU time so far, or -1 when unknown
     * @return what the window saw
     * @throws Exception when the reads did not all stop in time
     */
    public Window pollAsync(Function<BmcClient, CompletableFuture<PowerState>> reader, int inFlight, long warmupS, long durationS,
            LongSupplier simulatorCpuNanos) throws Exception {
        Tally tally = new Tally(clients.length, warmupS, durationS);
        Histogram h = new Histogram(60_000_000_000L, 3);
        CountDownLatch stopped = new CountDownLatch(inFlight);
        for (int c = 0; c < inFlight; c++) {
            new Object() {
                void start() {
                    long t0 = System.nanoTime();
                    if (t0 >= tally.endNs) {
                        stopped.countDown();
                        return;
                    }
                    reader.apply(clients[tally.nextIndex()]).whenComplete((s, e) -> {
                        synchronized (h) {
                            tally.count(h, t0, e == null ? s : null);
                        }
                        start();
                    });
                }
            }.start();
        }
        return window(tally, simulatorCpuNanos, () -> {
            if (!stopped.await(durationS + warmupS + 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("reads still in flight two minutes after the window closed");
            }
            synchronized (h) {
                return h.copy();
            }
        });
    }

    /** The run's window, whose BMC is next, and the counts every poll adds to. */
    private static final class Tally {
        final long startNs;
        final long endNs;
        private final int n;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong on = new AtomicLong();

        Tally(int n, long warmupS, long durationS) {
            this.n = n;
            this.startNs = System.nanoTime() + warmupS * 1_000_000_000L;
            this.endNs = startNs + durationS * 1_000_000_000L;
        }

        int nextIndex() {
            return Math.floorMod(next.getAndIncrement(), n);
        }

        /** Counts a poll begun at {@code t0} that read {@code s} (null: it failed), if it lies in the window. */
        void count(Histogram h, long t0, PowerState s) {
            long t1 = System.nanoTime();
            if (s == null) {
                if (t0 >= startNs) {
                    errors.incrementAndGet();
                }
            } else if (t0 >= startNs && t1 <= endNs) {
                h.recordValue(t1 - t0);
                if (s == PowerState.ON) {
                    on.incrementAndGet();
                }
            }
        }
    }

    /** Waits for the window to open, reads the CPU clocks, waits for the polls to end, reads them again. */
    private static Window window(Tally tally, LongSupplier simulatorCpuNanos, Callable<Histogram> finish) throws Exception {
        long startNs = tally.startNs;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        while (System.nanoTime() < startNs) {
            Thread.sleep(Math.max(1, (startNs - System.nanoTime()) / 1_000_000));
        }
        long cpu0 = os.getProcessCpuTime();
        long jit0 = CompilerCpu.nanos();
        long sim0 = simulatorCpuNanos.getAsLong();
        Histogram all = finish.call();
        long cpu1 = os.getProcessCpuTime();
        long jit1 = CompilerCpu.nanos();
        long sim1 = simulatorCpuNanos.getAsLong();
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        return new Window(all, tally.errors.get(), tally.on.get(), cpu1 - cpu0, jit0 < 0 || jit1 < 0 ? -1 : Math.max(0, jit1 - jit0),
                sim0 < 0 || sim1 < 0 ? -1 : sim1 - sim0, memory.getHeapMemoryUsage().getUsed());
    }

    /** @return the connected clients, in the order of the endpoints */
    public List<BmcClient> clients() {
        return List.of(clients);
    }

    /** Closes every session (a BMC that is gone changes no result) and stops the threads. */
    @Override
    public void close() {
        for (BmcClient c : clients) {
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    // logging out of a BMC that is gone changes no result
                }
            }
        }
        pool.shutdownNow();
    }

    /**
     * What one measured window saw.
     *
     * @param latencies every counted poll's latency, in ns
     * @param errors polls that failed in the window
     * @param on counted polls that read ON
     * @param cpuNanos this process's CPU over the window
     * @param jitCpuNanos the part of it its JIT compiler threads used, or -1 when unknown
     * @param simulatorCpuNanos the simulator's CPU over the window, or -1 when unknown
     * @param heapUsedAfterGc heap in use after a GC at the end
     */
    public record Window(Histogram latencies, long errors, long on, long cpuNanos, long jitCpuNanos, long simulatorCpuNanos,
            long heapUsedAfterGc) {

        /** @return the counted polls */
        public long polls() {
            return latencies.getTotalCount();
        }

        /** @return the share of counted polls that read ON */
        public double onFraction() {
            return polls() == 0 ? 0 : on / (double) polls();
        }
    }
}
