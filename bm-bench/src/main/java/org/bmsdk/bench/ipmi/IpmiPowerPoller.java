package org.bmsdk.bench.ipmi;

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
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;

/**
 * Process 2 of the IPMI polling benchmark: bm-sdk's own IPMI driver polling the chassis power
 * status of every BMC an {@link IpmiSimulatorHost} wrote to its endpoints file.
 *
 * <pre>
 * java -cp ... org.bmsdk.bench.ipmi.IpmiPowerPoller --endpoints endpoints.json [--concurrency 16]
 *      [--warmup 5] [--duration 15] [--label ours-ipmi-1000] [--cipher-suite 17]
 * </pre>
 *
 * <p>One {@link BmcClient} per BMC (one RMCP+ session each, all over the driver's one UDP socket
 * and I/O thread), opened {@code concurrency} at a time and kept open, as a controller keeps them.
 * Then {@code concurrency} threads take BMCs round robin from a shared counter and call
 * {@link PowerControl#powerState()} (one Get Chassis Status each), without pause, for the warm-up
 * and then the measured duration. Prints one JSON line: polls/s, p50/p99/max latency, errors,
 * heap used after GC, process CPU seconds during the measured window, and the connect phase's time.
 */
public final class IpmiPowerPoller {

    private IpmiPowerPoller() {
    }

    public static void main(String[] args) throws Exception {
        Path endpoints = null;
        int concurrency = 16;
        int warmupS = 5;
        int durationS = 15;
        int suite = 17;
        String label = "ours";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoints" -> endpoints = Path.of(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupS = Integer.parseInt(args[++i]);
                case "--duration" -> durationS = Integer.parseInt(args[++i]);
                case "--label" -> label = args[++i];
                case "--cipher-suite" -> suite = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (endpoints == null) {
            throw new IllegalArgumentException("--endpoints FILE is required");
        }
        JsonNode doc = new ObjectMapper().readTree(endpoints.toFile());
        Credentials credentials = Credentials.of(doc.get("username").asText(), doc.get("password").asText());
        String host = doc.get("host").asText();
        List<BmcEndpoint> bmcs = new ArrayList<>();
        for (JsonNode port : doc.get("ports")) {
            bmcs.add(BmcEndpoint.builder("ipmi://" + host + ":" + port.asInt())
                    .credentials(CredentialRef.inline(credentials))
                    .connectTimeout(Duration.ofSeconds(30))
                    .requestTimeout(Duration.ofSeconds(30))
                    .build());
        }
        int n = bmcs.size();
        IpmiOptions options = IpmiOptions.builder().cipherSuites(suite).build();
        BmcDriverRegistry registry = BmcDriverRegistry.create().register(IpmiDriverProvider.create(options));
        DriverContext context = DriverContext.defaults();

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-poll");
            t.setDaemon(true);
            return t;
        });

        // Connect: authentication capabilities, cipher suites, Open Session, RAKP 1-4, privilege; each BMC once.
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
        Histogram all = new Histogram(60_000_000_000L, 3);
        for (Future<Histogram> f : workers) {
            all.add(f.get());
        }
        long cpu1 = os.getProcessCpuTime();
        memory.gc();
        long heapUsed = memory.getHeapMemoryUsage().getUsed();
        pool.shutdown();

        long polls = all.getTotalCount();
        String line = String.format(Locale.ROOT,
                "{\"label\":\"%s\",\"client\":\"bm-sdk ipmi driver\",\"bmcs\":%d,\"cipherSuite\":%d,"
                        + "\"concurrency\":%d,\"durationS\":%d,\"polls\":%d,\"pollsPerS\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,"
                        + "\"maxMs\":%.3f,\"errors\":%d,\"onFraction\":%.3f,\"heapUsedAfterGcMiB\":%.1f,\"cpuS\":%.2f,"
                        + "\"connectS\":%.2f}",
                label, n, suite, concurrency, durationS, polls, polls / (double) durationS,
                all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6, all.getMaxValue() / 1e6,
                errors.get(), polls == 0 ? 0 : on.get() / (double) polls, heapUsed / 1048576.0, (cpu1 - cpu0) / 1e9,
                connectS);
        System.out.println(line);
        for (BmcClient c : clients) {
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    // closing a session of a BMC that is gone changes no result
                }
            }
        }
        System.exit(0);
    }
}
