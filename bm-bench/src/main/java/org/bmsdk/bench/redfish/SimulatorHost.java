package org.bmsdk.bench.redfish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.FleetAddressing;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;

/**
 * Process 1 of the Redfish polling benchmark: starts a fleet of simulated BMCs in one
 * {@link RedfishLab}, writes where they are, and serves until killed.
 *
 * <pre>
 * java -cp ... org.bmsdk.bench.redfish.SimulatorHost --bmcs 1000 [--http] [--address-per-bmc --port 8443]
 *      [--io-threads 2] [--console-bytes 4096] [--first-index 0] [--out endpoints.json]
 * </pre>
 *
 * <p>{@code --first-index K} (with {@code --address-per-bmc}) starts BMCs K..K+N-1 of a larger
 * fleet, on the addresses {@link RedfishLab#loopbackAddress(int)} gives them: a fleet too big for
 * one process's file descriptors (a listening socket and a client connection per BMC) is split
 * over several hosts this way.
 *
 * <p>The endpoints file is JSON: {@code {"ca": path or null, "username", "password", "tls",
 * "baseUris": [...]}}; it is written atomically (a temporary file, then a rename), so a reader
 * that sees it sees it whole. Half the machines are powered on, so that polls read both states.
 */
public final class SimulatorHost {

    private SimulatorHost() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int bmcs = 1000;
        boolean tls = true;
        boolean perBmc = false;
        int port = 0;
        int ioThreads = 2;
        int console = 4096;
        int first = 0;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bmcs" -> bmcs = Integer.parseInt(args[++i]);
                case "--http" -> tls = false;
                case "--address-per-bmc" -> perBmc = true;
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--io-threads" -> ioThreads = Integer.parseInt(args[++i]);
                case "--console-bytes" -> console = Integer.parseInt(args[++i]);
                case "--first-index" -> first = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (perBmc && port == 0) {
            port = tls ? 8443 : 8080;
        }
        String user = "admin";
        String pass = "password";
        RedfishSpec spec = RedfishSpec.builder().credentials(user, pass).tls(tls).port(perBmc ? port : 0).build();
        final int consoleBytes = console;
        long t0 = System.nanoTime();
        RedfishLab lab = RedfishLab.create(ioThreads);
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "bench-sim-close"));
        IntFunction<MachineSpec> machines =
                i -> MachineSpec.builder("node-" + i).consoleCapacity(consoleBytes).eventLogCapacity(16).build();
        List<SimulatedRedfish> fleet;
        if (first == 0) {
            fleet = lab.startFleet(bmcs, spec, machines, perBmc ? FleetAddressing.ADDRESS_PER_BMC : FleetAddressing.SHARED_ADDRESS);
        } else {
            // A second (third...) host of one fleet: the same addresses as startFleet's, from index first on.
            if (!perBmc) {
                throw new IllegalArgumentException("--first-index needs --address-per-bmc");
            }
            fleet = new ArrayList<>(bmcs);
            for (int i = first; i < first + bmcs; i++) {
                SimulatedMachine machine = SimulatedMachine.create(machines.apply(i), spec.clock());
                fleet.add(lab.start(spec.toBuilder().address(RedfishLab.loopbackAddress(i)).build(), machine));
            }
        }
        for (int i = 0; i < fleet.size(); i += 2) {
            fleet.get(i).machines().get(0).powerOn();
        }
        long startMs = (System.nanoTime() - t0) / 1_000_000;

        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("ca", tls ? lab.caCertificate().toAbsolutePath().toString() : null);
        doc.put("username", user);
        doc.put("password", pass);
        doc.put("tls", tls);
        doc.put("addressPerBmc", perBmc);
        doc.put("ioThreads", ioThreads);
        doc.put("startMillis", startMs);
        ArrayNode uris = doc.putArray("baseUris");
        for (SimulatedRedfish bmc : fleet) {
            uris.add(bmc.baseUri().toString());
        }
        String text = json.writeValueAsString(doc);
        if (out == null) {
            System.out.println(text);
        } else {
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        System.err.printf("simulator: %d BMCs (%s, %s) started in %d ms, %d I/O threads%n", bmcs, tls ? "https" : "http",
                perBmc ? "an address per BMC" : "one address", startMs, ioThreads);
        Thread.currentThread().join();
    }
}
