package org.bmsdk.bench.ipmi;

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
import org.bmsdk.bench.PowerPollRun;
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
 * <p>One {@link org.bmsdk.api.bmc.BmcClient} per BMC (one RMCP+ session each, all over the driver's one UDP socket
 * and I/O thread), opened {@code concurrency} at a time and kept open, as a controller keeps them.
 * Then {@code concurrency} threads take BMCs round robin from a shared counter and call
 * {@link org.bmsdk.api.bmc.PowerControl#powerState()} (one Get Chassis Status each), without pause, for the warm-up
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
        IpmiOptions options = IpmiOptions.builder().cipherSuites(suite).build();
        BmcDriverRegistry registry = BmcDriverRegistry.create().register(IpmiDriverProvider.create(options));

        // Connect (authentication capabilities, cipher suites, Open Session, RAKP 1-4, privilege; each
        // BMC once), then poll with the sessions kept open.
        try (PowerPollRun run = PowerPollRun.connect(registry, bmcs, concurrency)) {
            PowerPollRun.Window w = run.poll(concurrency, warmupS, durationS, () -> -1);
            Histogram all = w.latencies();
            long polls = w.polls();
            System.out.println(String.format(Locale.ROOT,
                    "{\"label\":\"%s\",\"client\":\"bm-sdk ipmi driver\",\"bmcs\":%d,\"cipherSuite\":%d,"
                            + "\"concurrency\":%d,\"durationS\":%d,\"polls\":%d,\"pollsPerS\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,"
                            + "\"maxMs\":%.3f,\"errors\":%d,\"onFraction\":%.3f,\"heapUsedAfterGcMiB\":%.1f,\"cpuS\":%.2f,"
                            + "\"connectS\":%.2f}",
                    label, bmcs.size(), suite, concurrency, durationS, polls, polls / (double) durationS,
                    all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6, all.getMaxValue() / 1e6,
                    w.errors(), w.onFraction(), w.heapUsedAfterGc() / 1048576.0, w.cpuNanos() / 1e9, run.connectSeconds()));
        }
        System.exit(0);
    }
}
