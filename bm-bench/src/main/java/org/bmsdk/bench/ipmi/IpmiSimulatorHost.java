package org.bmsdk.bench.ipmi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.bmsdk.testkit.ipmi.IpmiLab;
import org.bmsdk.testkit.ipmi.IpmiPrivilege;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.IpmiUser;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;

/**
 * Process 1 of the IPMI polling benchmark: starts a fleet of simulated IPMI BMCs in one
 * {@link IpmiLab} (one UDP socket each on 127.0.0.1, one selector thread for all), writes where
 * they are, and serves until killed.
 *
 * <pre>
 * java -cp ... org.bmsdk.bench.ipmi.IpmiSimulatorHost --bmcs 1000 [--max-sessions 4] [--out endpoints.json]
 * </pre>
 *
 * <p>The endpoints file is JSON: {@code {"host", "username", "password", "ports": [...]}},
 * written atomically (a temporary file, then a rename). Half the machines are powered on, so
 * that polls read both states. The password is in the file because the benchmark's clients need
 * it; it is the simulator's well-known test password, not a secret.
 */
public final class IpmiSimulatorHost {

    private IpmiSimulatorHost() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int bmcs = 1000;
        int maxSessions = 4;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bmcs" -> bmcs = Integer.parseInt(args[++i]);
                case "--max-sessions" -> maxSessions = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String user = "admin";
        String pass = "password";
        IpmiSpec spec = IpmiSpec.builder()
                .users(IpmiUser.of(user, pass, IpmiPrivilege.ADMINISTRATOR))
                .maxSessions(maxSessions)
                .build();
        long t0 = System.nanoTime();
        IpmiLab lab = IpmiLab.create();
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "bench-ipmi-sim-close"));
        List<SimulatedIpmi> fleet = lab.startFleet(bmcs, spec,
                i -> MachineSpec.builder("node-" + i).consoleCapacity(4096).eventLogCapacity(16).build());
        for (int i = 0; i < fleet.size(); i += 2) {
            fleet.get(i).machine().powerOn();
        }
        long startMs = (System.nanoTime() - t0) / 1_000_000;

        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("host", fleet.get(0).address().getAddress().getHostAddress());
        doc.put("username", user);
        doc.put("password", pass);
        doc.put("startMillis", startMs);
        ArrayNode ports = doc.putArray("ports");
        for (SimulatedIpmi bmc : fleet) {
            ports.add(bmc.port());
        }
        String text = json.writeValueAsString(doc);
        if (out == null) {
            System.out.println(text);
        } else {
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        System.err.printf("simulator: %d IPMI BMCs started in %d ms, one selector thread%n", bmcs, startMs);
        Thread.currentThread().join();
    }
}
