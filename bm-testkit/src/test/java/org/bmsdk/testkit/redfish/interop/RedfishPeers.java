package org.bmsdk.testkit.redfish.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the interop driver script ({@code interop/redfish_driver.py}) with a real third-party
 * Redfish client against a simulated BMC. The clients come from Debian's python3-sushy and
 * redfishtool packages, installed by {@code .ci/install-peers.sh redfish}; without them the tests
 * are skipped, or fail under CI=true.
 */
final class RedfishPeers {

    /** Debian's Python: the python3 first on PATH may be a pyenv one that does not see python3-sushy. */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RedfishPeers() {
    }

    /** Checks that both clients are installed; skips or (under CI=true) fails when not. */
    static void require() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(PYTHON) || exec(List.of(PYTHON.toString(), "-c", "import sushy")) != 0) {
            missing.add("python3-sushy");
        }
        if (exec(List.of("redfishtool", "-h")) != 0) {
            missing.add("redfishtool");
        }
        if (!missing.isEmpty()) {
            String msg = "Redfish interop peers missing: " + missing + "; run .ci/install-peers.sh redfish";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg);
            }
            Assumptions.abort(msg);
        }
    }

    /**
     * Runs steps with a client and returns one JSON result per step.
     *
     * @param client "sushy" or "redfishtool"
     * @param bmc the BMC
     * @param steps the driver's steps
     * @return the results; fails the test when a step failed
     */
    static List<JsonNode> run(String client, SimulatedRedfish bmc, String... steps) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script().toString(), client,
                bmc.baseUri().toString()));
        cmd.addAll(List.of(steps));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        Map<String, String> env = pb.environment();
        env.put("REDFISH_USER", "admin");
        env.put("REDFISH_PASSWORD", "password");
        env.put("REDFISH_CA", bmc.caCertificate().toString());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(client + " " + List.of(steps) + " did not finish in 120 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            List<JsonNode> results = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.startsWith("{")) {
                    results.add(JSON.readTree(line));
                }
            }
            if (p.exitValue() != 0 || results.size() != steps.length) {
                fail(client + " " + List.of(steps) + " exited " + p.exitValue() + ":\n" + out + err);
            }
            return results;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path script() {
        try {
            return Path.of(RedfishPeers.class.getResource("/interop/redfish_driver.py").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static int exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
