package org.bmsdk.testkit.network.interop;

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
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code interop/netmiko_switch.py} with Debian's python3-netmiko against a simulated switch.
 * netmiko is installed by {@code .ci/install-peers.sh network}; without it the tests are skipped,
 * or fail under CI=true.
 */
final class Netmiko {

    /** Debian's Python: the python3 first on PATH may be a pyenv one that does not see python3-netmiko. */
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Netmiko() {
    }

    static void require() {
        if (!Files.isExecutable(PYTHON) || exec(List.of(PYTHON.toString(), "-c", "import netmiko")) != 0) {
            String msg = "netmiko missing (Debian python3-netmiko); run .ci/install-peers.sh network";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg);
            }
            Assumptions.abort(msg);
        }
    }

    /**
     * Runs steps against a switch with netmiko's device type for its dialect.
     *
     * @return one result per step: {@code step}, {@code output} and the {@code prompt} after it
     */
    static List<JsonNode> run(SimulatedSwitch sw, String secret, String... steps) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), script().toString(), sw.dialect().id(), sw.host(),
                Integer.toString(sw.port())));
        cmd.addAll(List.of(steps));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("SWITCH_USER", sw.spec().username());
        env.put("SWITCH_PASSWORD", sw.spec().password().reveal());
        if (secret != null) {
            env.put("SWITCH_SECRET", secret);
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("netmiko " + List.of(steps) + " did not finish in 120 s");
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
                fail("netmiko " + sw.dialect().id() + " " + List.of(steps) + " exited " + p.exitValue() + ":\n" + out + err);
            }
            return results;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path script() {
        try {
            return Path.of(Netmiko.class.getResource("/interop/netmiko_switch.py").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static int exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
