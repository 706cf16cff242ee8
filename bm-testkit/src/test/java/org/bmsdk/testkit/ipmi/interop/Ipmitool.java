package org.bmsdk.testkit.ipmi.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's ipmitool, the reference IPMI client, against a simulated BMC. Installed by
 * {@code .ci/install-peers.sh ipmi}; without it the tests are skipped, or fail under CI=true.
 */
final class Ipmitool {

    static final Path IPMITOOL = Path.of("/usr/bin/ipmitool");
    static final Path SCRIPT = Path.of("/usr/bin/script");

    private Ipmitool() {
    }

    /** What a run printed and how it ended. */
    record Result(int exit, String out, String err) {
        Result ok() {
            if (exit != 0) {
                fail("ipmitool exited " + exit + ":\n" + out + err);
            }
            return this;
        }
    }

    static void require(boolean needsScript) {
        String missing = !Files.isExecutable(IPMITOOL) ? "ipmitool" : needsScript && !Files.isExecutable(SCRIPT) ? "script (bsdutils)" : null;
        if (missing == null) {
            return;
        }
        String msg = missing + " is missing: run .ci/install-peers.sh ipmi (as root)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(msg);
        }
        Assumptions.abort(msg);
    }

    /** The ipmitool arguments that reach a BMC over lanplus with a cipher suite. */
    static List<String> base(SimulatedIpmi bmc, int suite, String user, String password) {
        return new ArrayList<>(List.of(IPMITOOL.toString(), "-I", "lanplus", "-H", "127.0.0.1", "-p",
                Integer.toString(bmc.port()), "-U", user, "-P", password, "-C", Integer.toString(suite), "-N", "1", "-R", "3"));
    }

    static Result run(SimulatedIpmi bmc, int suite, String... args) {
        return runAs(bmc, suite, "admin", "password", args);
    }

    static Result runAs(SimulatedIpmi bmc, int suite, String user, String password, String... args) {
        List<String> cmd = base(bmc, suite, user, password);
        cmd.addAll(List.of(args));
        return exec(cmd, null);
    }

    static Result exec(List<String> cmd, byte[] input) {
        try {
            Process p = new ProcessBuilder(cmd).start();
            if (input == null) {
                p.getOutputStream().close();
            }
            Thread writer = null;
            if (input != null) {
                writer = new Thread(() -> {
                    try (var in = p.getOutputStream()) {
                        in.write(input);
                    } catch (IOException e) {
                        // the process ended early; its output says why
                    }
                });
                writer.start();
            }
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd + " did not finish in 60 s; printed:\n" + out);
            }
            o.join();
            e.join();
            if (writer != null) {
                writer.join(1000);
            }
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Thread pump(java.io.InputStream in, java.io.ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(to);
            } catch (IOException e) {
                // closed
            }
        });
        t.start();
        return t;
    }
}
