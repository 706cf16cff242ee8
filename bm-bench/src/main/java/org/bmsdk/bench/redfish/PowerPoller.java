package org.bmsdk.bench.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.bench.CompilerCpu;
import org.bmsdk.bench.PowerPollRun;
import org.bmsdk.hardware.redfish.RedfishDriverProvider;
import org.bmsdk.hardware.redfish.RedfishOptions;
import org.bmsdk.hardware.redfish.RedfishPowerPoller;

/**
 * Process 2 of the Redfish polling benchmark: bm-sdk's own Redfish driver polling the power state
 * of every BMC a {@link SimulatorHost} wrote to its endpoints file.
 *
 * <pre>
 * java -cp ... org.bmsdk.bench.redfish.PowerPoller --endpoints endpoints.json [--endpoints more.json ...] [--concurrency 64]
 *      [--warmup 5] [--duration 20] [--label ours-https-1000] [--basic] [--simulator-pids PID,PID]
 *      [--mode fleet|blocking] [--io-threads 1]
 * </pre>
 *
 * <p>Two ways to poll. {@code fleet} (the default; {@code auto} is the same): a {@link RedfishPowerPoller},
 * the library's fleet power-state read on {@code io-threads} event loops, keeping {@code concurrency}
 * reads in flight, each started when one finishes. {@code blocking}: the path described next, the
 * only one before the fifth round.
 *
 * <p>One {@link org.bmsdk.api.bmc.BmcClient} per BMC, made through a {@link BmcDriverRegistry} holding the Redfish
 * driver (sessions, as by default). Then {@code concurrency} threads take BMCs round robin from a
 * shared counter and call {@link org.bmsdk.api.bmc.PowerControl#powerState()} (one GET of the System each), without
 * pause, for the warm-up and then the measured duration; with at least as many BMCs as threads no
 * BMC has more than one poll in flight (the driver's own per-BMC budget is 2). Prints one JSON
 * line: polls/s, p50/p99/max latency, errors, heap used after GC, process CPU seconds during the
 * measured window (and per poll) and the part of it the JIT compiler took, the connect phase's time, and, given the simulator hosts' PIDs,
 * their CPU time over the same window (and per poll) and the part of it their JIT compilers took.
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
        String mode = "auto";
        int ioThreads = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoints" -> endpoints.add(Path.of(args[++i]));
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupS = Integer.parseInt(args[++i]);
                case "--duration" -> durationS = Integer.parseInt(args[++i]);
                case "--label" -> label = args[++i];
                case "--basic" -> sessions = false;
                case "--simulator-pids" -> simulatorPids = args[++i];
                case "--mode" -> mode = args[++i];
                case "--io-threads" -> ioThreads = Integer.parseInt(args[++i]);
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
        if (mode.equals("auto")) {
            mode = "fleet";
        }
        if (!mode.equals("fleet") && !mode.equals("blocking")) {
            throw new IllegalArgumentException("--mode must be auto, fleet or blocking, but was " + mode);
        }
        boolean fleet = mode.equals("fleet");
        RedfishOptions options = RedfishOptions.builder().sessions(sessions).build();
        BmcDriverRegistry registry = BmcDriverRegistry.create().register(RedfishDriverProvider.create(options));

        // Connect (service root, session login, systems collection; each BMC once), then poll.
        String pids = simulatorPids;
        try (PowerPollRun run = PowerPollRun.connect(registry, bmcs, concurrency);
                RedfishPowerPoller poller = RedfishPowerPoller.builder().ioThreads(ioThreads).blockingThreads(concurrency).build()) {
            System.err.printf(Locale.ROOT, "poller: %d BMCs connected in %.1f s; %d s warm-up, then %d s measured%n", bmcs.size(),
                    run.connectSeconds(), warmupS, durationS);
            // The run reads the simulator's CPU once as the window opens and once as it closes; its JIT
            // compilers' share is read alongside (a fresh simulator may still be compiling in our window,
            // while wrk's row meets it warm).
            long[] simJit = {-1, -1};
            int[] reads = {0};
            java.util.function.LongSupplier simulatorCpu = () -> {
                if (reads[0] < 2 && !pids.isBlank()) {
                    simJit[reads[0]++] = CompilerCpu.nanosOf(pids);
                }
                return simulatorCpuNanos(pids);
            };
            PowerPollRun.Window w = fleet ? run.pollAsync(poller::powerState, concurrency, warmupS, durationS, simulatorCpu)
                    : run.poll(concurrency, warmupS, durationS, simulatorCpu);
            long simJitNanos = simJit[0] < 0 || simJit[1] < 0 ? -1 : Math.max(0, simJit[1] - simJit[0]);
            Histogram all = w.latencies();
            long polls = w.polls();
            long sim = w.simulatorCpuNanos();
            System.out.println(String.format(Locale.ROOT,
                    "{\"label\":\"%s\",\"client\":\"bm-sdk redfish driver\",\"mode\":\"%s\",\"ioThreads\":%d,\"bmcs\":%d,\"protocol\":\"%s\",\"auth\":\"%s\","
                            + "\"concurrency\":%d,\"durationS\":%d,\"polls\":%d,\"pollsPerS\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,"
                            + "\"maxMs\":%.3f,\"errors\":%d,\"onFraction\":%.3f,\"heapUsedAfterGcMiB\":%.1f,\"cpuS\":%.2f,"
                            + "\"jitCpuS\":%.2f,\"connectS\":%.2f,\"cpuUsPerPoll\":%.1f,\"simulatorWindowCpuS\":%.2f,\"simulatorJitCpuS\":%.2f,"
                            + "\"simulatorCpuUsPerPoll\":%.1f}",
                    label, mode, fleet ? ioThreads : 0, bmcs.size(), tls ? "https" : "http", sessions ? "session" : "basic", concurrency, durationS, polls,
                    polls / (double) durationS, all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6,
                    all.getMaxValue() / 1e6, w.errors(), w.onFraction(), w.heapUsedAfterGc() / 1048576.0,
                    w.cpuNanos() / 1e9, w.jitCpuNanos() / 1e9, run.connectSeconds(), polls == 0 ? 0 : w.cpuNanos() / 1e3 / polls,
                    sim < 0 ? -1 : sim / 1e9, simJitNanos < 0 ? -1 : simJitNanos / 1e9, sim < 0 || polls == 0 ? -1 : sim / 1e3 / polls));
        }
        System.exit(0);
    }
}
