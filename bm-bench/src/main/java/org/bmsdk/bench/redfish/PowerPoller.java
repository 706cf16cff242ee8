package org.bmsdk.bench.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.redfish.RedfishDriverProvider;
import org.bmsdk.hardware.redfish.RedfishOptions;

/**
 * Process 2 of the Redfish polling benchmark: bm-sdk's own Redfish driver polling the power state
 * of every BMC a {@link SimulatorHost} wrote to its endpoints file.
 *
 * <pre>
 * java -cp ... org.bmsdk.bench.redfish.PowerPoller --endpoints endpoints.json [--endpoints more.json ...] [--concurrency 64]
 *      [--warmup 5] [--duration 20] [--label ours-https-1000] [--basic] [--simulator-pids PID,PID]
 * </pre>
 *
 * <p>One {@link BmcClient} per BMC, made through a {@link BmcDriverRegistry} holding the Redfish
 * driver (sessions, as by default). Then {@code concurrency} threads take BMCs round robin from a
 * shared counter and call {@link PowerControl#powerState()} (one GET of the System each), without
 * pause, for the warm-up and then the measured duration; with at least as many BMCs as threads no
 * BMC has more than one poll in flight (the driver's own per-BMC budget is 2). Prints one JSON
 * line: polls/s, p50/p99/max latency, errors, heap used after GC, process CPU seconds during the
 * measured window (and per poll), the connect phase's time, and, given the simulator hosts' PIDs,
 * their CPU time over the same window (and per poll).
 */
public final class PowerPoller {

    private PowerPoller() {
    }

    /**
     * CPU time (user and system) used so far by the simulator processes, from {@code /proc/PID/stat}
     * (Linux), so that the simulator's CPU is measured over exactly the poller's window; -1 when no
     * PIDs were given or one cannot be read.
     */
    private static long simulatorCpuNanos(String pids) {
        if (pids.isBlank()) {
            return -1;
        }
        long ticks = 0;
        for (String pid : pids.split(",")) {
            try {
                String stat = java.nio.file.Files.readString(Path.of("/proc", pid.strip(), "stat"));
                // fields after the command name, which is in parentheses and may hold spaces: utime is the 14th, stime the 15th
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    public static void main(String[] args) throws Exception {
        List<Path> endpoints = new ArrayList<>();
        int concurrency = 64;
        int warmupS = 5;
        int durationS = 20;
        String label = "ours";
        boolean sessions = true;
        String simulatorPids = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoints" -> endpoints.add(Path.of(args[++i]));
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupS = Integer.parseInt(args[++i]);
                case "--duration" -> durationS = Integer.parseInt(args[++i]);
                case "--label" -> label = args[++i];
                case "--basic" -> sessions = false;
                case "--simulator-pids" -> simulatorPids = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("--endpoints FILE is required (repeat it for a fleet split over hosts)");
        }
        List<BmcEndpoint> bmcs = new ArrayList<>();
        boolean tls = false;
        for (Path file : endpoints) {
            JsonNode doc = new ObjectMapper().readTree(file.toFile());
            Credentials credentials = Credentials.of(doc.get("username").asText(), doc.get("password").asText());
            Path ca = doc.hasNonNull("ca") ? Path.of(doc.get("ca").asText()) : null;
            tls = ca != null;
            for (JsonNode uri : doc.get("baseUris")) {
                String u = uri.asText();
                String driverUri = u.startsWith("https://") ? "redfish://" + u.substring(8) : "redfish+http://" + u.substring(7);
                BmcEndpoint.Builder b = BmcEndpoint.builder(driverUri)
                        .credentials(CredentialRef.inline(credentials))
                        .connectTimeout(Duration.ofSeconds(10))
                        .requestTimeout(Duration.ofSeconds(30));
                if (ca != null) {
                    b.caCertificate(ca);
                }
                bmcs.add(b.build());
            }
        }
        int n = bmcs.size();
        RedfishOptions options = RedfishOptions.builder().sessions(sessions).build();
        BmcDriverRegistry registry = BmcDriverRegistry.create().register(RedfishDriverProvider.create(options));
        DriverContext context = DriverContext.defaults();

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-poll");
            t.setDaemon(true);
            return t;
        });

        // Connect: service root, session login, systems collection; each BMC once, concurrently.
        long c0 = System.nanoTime();
        PowerControl[] power = new PowerControl[n];
        BmcClient[] clients = new BmcClient[n];
        List<Future<?>> connects = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            connects.add(pool.submit(() -> {
                clients[k] = registry.connect(bmcs.get(k), context);
                power[k] = clients[k].require(PowerControl.class);
            }));
        }
        for (Future<?> f : connects) {
            f.get();
        }
        double connectS = (System.nanoTime() - c0) / 1e9;
        System.err.printf(Locale.ROOT, "poller: %d BMCs connected in %.1f s; %d s warm-up, then %d s measured%n", n, connectS,
                warmupS, durationS);

        // Poll: warm-up, then the measured window; each thread keeps its own histogram.
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong on = new AtomicLong();
        long startNs = System.nanoTime() + warmupS * 1_000_000_000L;
        long endNs = startNs + durationS * 1_000_000_000L;
        List<Future<Histogram>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                Histogram h = new Histogram(60_000_000_000L, 3);
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= endNs) {
                        return h;
                    }
                    int k = Math.floorMod(next.getAndIncrement(), n);
                    PowerState s;
                    try {
                        s = power[k].powerState();
                    } catch (RuntimeException e) {
                        if (t0 >= startNs) {
                            errors.incrementAndGet();
                        }
                        continue;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= startNs && t1 <= endNs) {
                        h.recordValue(t1 - t0);
                        if (s == PowerState.ON) {
                            on.incrementAndGet();
                        }
                    }
                }
            }));
        }
        while (System.nanoTime() < startNs) {
            Thread.sleep(Math.max(1, (startNs - System.nanoTime()) / 1_000_000));
        }
        long cpu0 = os.getProcessCpuTime();
        long sim0 = simulatorCpuNanos(simulatorPids);
        Histogram all = new Histogram(60_000_000_000L, 3);
        for (Future<Histogram> f : workers) {
            all.add(f.get());
        }
        long cpu1 = os.getProcessCpuTime();
        long sim1 = simulatorCpuNanos(simulatorPids);
        double windowS = durationS;
        memory.gc();
        long heapUsed = memory.getHeapMemoryUsage().getUsed();
        pool.shutdown();

        long polls = all.getTotalCount();
        String line = String.format(Locale.ROOT,
                "{\"label\":\"%s\",\"client\":\"bm-sdk redfish driver\",\"bmcs\":%d,\"protocol\":\"%s\",\"auth\":\"%s\","
                        + "\"concurrency\":%d,\"durationS\":%d,\"polls\":%d,\"pollsPerS\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,"
                        + "\"maxMs\":%.3f,\"errors\":%d,\"onFraction\":%.3f,\"heapUsedAfterGcMiB\":%.1f,\"cpuS\":%.2f,"
                        + "\"connectS\":%.2f,\"cpuUsPerPoll\":%.1f,\"simulatorWindowCpuS\":%.2f,\"simulatorCpuUsPerPoll\":%.1f}",
                label, n, tls ? "https" : "http", sessions ? "session" : "basic", concurrency, durationS, polls,
                polls / windowS, all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6,
                all.getMaxValue() / 1e6, errors.get(), polls == 0 ? 0 : on.get() / (double) polls, heapUsed / 1048576.0,
                (cpu1 - cpu0) / 1e9, connectS, polls == 0 ? 0 : (cpu1 - cpu0) / 1e3 / polls,
                sim0 < 0 || sim1 < 0 ? -1 : (sim1 - sim0) / 1e9, sim0 < 0 || sim1 < 0 || polls == 0 ? -1 : (sim1 - sim0) / 1e3 / polls);
        System.out.println(line);
        for (BmcClient c : clients) {
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    // logging out of a BMC that is gone changes no result
                }
            }
        }
        System.exit(0);
    }
}
