package org.bmsdk.bench.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortResult;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchDriverRegistry;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.network.BatchingSwitchFabric;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;

/**
 * The switch port-move benchmark of issue 5 (bench/switch-moves.sh): simulated switches, IOS, EOS and
 * NX-OS in turn, then side by side against them
 * <ol>
 *   <li>our {@link BatchingSwitchFabric}: MOVES access-port moves, each on its own port, asked for by
 *       CALLERS threads at once as a controller would (each call returns once its change is applied,
 *       saved and read back); the fabric's ten SSH logins are inside the timing;</li>
 *   <li>netmiko as networking-generic-switch drives it without batching
 *       (bm-bench/src/main/python/netmiko_moves.py): a session per change, NETMIKO_MOVES moves on other
 *       ports, one switch at a time per worker and every switch at once.</li>
 * </ol>
 * Every move of both is then checked on the simulated switch. Prints one JSON line.
 *
 * <pre>
 * SwitchMoves OUT_DIR PYTHON SCRIPT [switches moves netmikoMoves callers [--fast-cli]]
 * </pre>
 * netmiko runs with its defaults, as networking-generic-switch runs it; {@code --fast-cli} passes
 * netmiko's fast_cli (shorter waits: faster, but its prompt detection fails on a loaded machine).
 */
public final class SwitchMoves {

    private static final String USER = "netadmin";
    private static final int VLANS = 20;
    private static final int FIRST_VLAN = 100;

    private SwitchMoves() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String python = args[1];
        Path script = Path.of(args[2]);
        int switches = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int moves = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int netmikoMoves = args.length > 5 ? Integer.parseInt(args[5]) : 100;
        int callers = args.length > 6 ? Integer.parseInt(args[6]) : 100;
        boolean fastCli = args.length > 7 && args[7].equals("--fast-cli");
        int oursPerSwitch = moves / switches;
        int netmikoPerSwitch = netmikoMoves / switches;

        // A throwaway password for a throwaway lab; it reaches netmiko in a mode-600 file, not argv.
        String password = "bench-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        SwitchDialect[] dialects = {SwitchDialect.CISCO_IOS, SwitchDialect.ARISTA_EOS, SwitchDialect.CISCO_NXOS};
        List<SwitchSpec> specs = new ArrayList<>();
        for (int i = 0; i < switches; i++) {
            specs.add(SwitchSpec.builder("sw-" + i, dialects[i % dialects.length]).ports(oursPerSwitch + netmikoPerSwitch)
                    .login(USER, Secret.of(password)).build());
        }
        ObjectMapper json = new ObjectMapper();
        try (SimulatedSwitches lab = SimulatedSwitches.start(specs)) {
            Path knownHosts = lab.writeKnownHosts(out.resolve("known_hosts"));
            List<SwitchEndpoint> endpoints = new ArrayList<>();
            for (SimulatedSwitch sw : lab.switches()) {
                endpoints.add(SwitchEndpoint.builder(sw.name(), sw.sshUri().toString(), sw.dialect().id())
                        .credentials(CredentialRef.inline(Credentials.of(USER, password)))
                        .knownHosts(knownHosts).commandTimeout(Duration.ofSeconds(30)).build());
            }
            createVlans(endpoints);

            List<PortIntent> ours = new ArrayList<>();
            ArrayNode theirs = json.createArrayNode();
            for (SimulatedSwitch sw : lab.switches()) {
                List<String> ports = sw.ports();
                for (int p = 0; p < oursPerSwitch; p++) {
                    ours.add(PortIntent.access(sw.name(), ports.get(p), vlan(p)));
                }
                for (int p = oursPerSwitch; p < oursPerSwitch + netmikoPerSwitch; p++) {
                    theirs.addObject().put("switch", sw.name()).put("port", ports.get(p)).put("vlan", vlan(p).value());
                }
            }

            ObjectNode result = json.createObjectNode();
            result.put("switches", switches);
            result.set("ours", runOurs(endpoints, ours, callers, json));
            result.set("netmiko", runNetmiko(lab, password, theirs, out, python, script, switches, fastCli, json));
            check(lab, ours, theirs);
            double oursPerChange = result.get("ours").get("per_change_s").asDouble();
            double theirsPerChange = result.get("netmiko").get("per_change_s").asDouble();
            result.put("ratio_per_change", theirsPerChange / oursPerChange);
            System.out.println(json.writeValueAsString(result));
        }
    }

    private static VlanId vlan(int port) {
        return VlanId.of(FIRST_VLAN + port % VLANS);
    }

    /** The VLANs exist before either side moves a port, as tenant networks are created before binding. */
    private static void createVlans(List<SwitchEndpoint> endpoints) {
        SwitchDriverRegistry drivers = SwitchDriverRegistry.loadInstalled();
        for (SwitchEndpoint e : endpoints) {
            try (SwitchSession s = drivers.driverFor(e.dialect()).open(e, DriverContext.defaults())) {
                for (int v = 0; v < VLANS; v++) {
                    s.createVlan(VlanId.of(FIRST_VLAN + v), "bench-" + (FIRST_VLAN + v));
                }
                s.save();
            }
        }
    }

    private static ObjectNode runOurs(List<SwitchEndpoint> endpoints, List<PortIntent> moves, int callers, ObjectMapper json)
            throws Exception {
        Histogram latency = new Histogram(3);
        long t0 = System.nanoTime();
        int failed = 0;
        BatchingSwitchFabric.Builder b = BatchingSwitchFabric.builder();
        endpoints.forEach(b::endpoint);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (BatchingSwitchFabric fabric = b.build()) {
            List<Future<PortResult>> results = new ArrayList<>();
            for (PortIntent move : moves) {
                results.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    PortResult r = fabric.apply(List.of(move)).get(0);
                    synchronized (latency) {
                        latency.recordValue((System.nanoTime() - start) / 1000);
                    }
                    return r;
                }));
            }
            for (Future<PortResult> f : results) {
                if (!f.get().ok()) {
                    failed++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long batches = endpoints.stream().mapToLong(e -> fabric.batches(e.id())).sum();
            ObjectNode o = json.createObjectNode();
            o.put("tool", "bm-sdk BatchingSwitchFabric");
            o.put("moves", moves.size());
            o.put("callers", callers);
            o.put("seconds", seconds);
            o.put("per_change_s", seconds / moves.size());
            o.put("p50_s", latency.getValueAtPercentile(50) / 1e6);
            o.put("p99_s", latency.getValueAtPercentile(99) / 1e6);
            o.put("max_s", latency.getMaxValue() / 1e6);
            o.put("batches", batches);
            o.put("failed", failed);
            return o;
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode runNetmiko(SimulatedSwitches lab, String password, ArrayNode moves, Path out, String python,
            Path script, int workers, boolean fastCli, ObjectMapper json) throws IOException, InterruptedException {
        ObjectNode doc = json.createObjectNode();
        ObjectNode switches = doc.putObject("switches");
        for (SimulatedSwitch sw : lab.switches()) {
            switches.putObject(sw.name()).put("dialect", sw.dialect().id()).put("host", sw.host()).put("port", sw.port())
                    .put("username", USER).put("password", password);
        }
        doc.set("moves", moves);
        Path file = out.resolve("netmiko-moves.json");
        Files.writeString(file, "", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Files.writeString(file, json.writeValueAsString(doc), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(python, script.toString(), file.toString(), "--workers", String.valueOf(workers)));
        if (fastCli) {
            command.add("--fast-cli");
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || line.isEmpty()) {
            throw new IllegalStateException("netmiko_moves.py failed (exit " + p.exitValue() + ")");
        }
        Files.delete(file);
        JsonNode result = json.readTree(line);
        if (result.get("error_count").asInt() > 0) {
            throw new IllegalStateException("netmiko failed " + result.get("error_count") + " moves, e.g. " + result.get("errors"));
        }
        return result;
    }

    /** Both sides' moves must be on the switches: a benchmark of changes that did not happen measures nothing. */
    private static void check(SimulatedSwitches lab, List<PortIntent> ours, ArrayNode theirs) {
        for (PortIntent i : ours) {
            PortState state = lab.get(i.switchId()).runningConfig().port(i.port()).orElse(null);
            if (!i.satisfiedBy(state)) {
                throw new IllegalStateException("our move " + i + " is not on the switch: " + state);
            }
        }
        for (JsonNode m : theirs) {
            PortState state = lab.get(m.get("switch").asText()).runningConfig().port(m.get("port").asText()).orElse(null);
            if (state == null || state.accessVlan() == null || state.accessVlan().value() != m.get("vlan").asInt()) {
                throw new IllegalStateException("netmiko's move " + m + " is not on the switch: " + state);
            }
        }
    }
}
