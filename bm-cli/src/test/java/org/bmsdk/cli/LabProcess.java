package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code bmctl lab} running in a JVM of its own, as a user runs it: started on the main class path
 * (what the shaded jar holds), its first line of stdout read and parsed, stopped with SIGTERM.
 */
final class LabProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String line;
    private final JsonNode lab;
    private final Path stderr;

    private LabProcess(Process process, String line, JsonNode lab, Path stderr) {
        this.process = process;
        this.line = line;
        this.lab = lab;
        this.stderr = stderr;
    }

    /**
     * Starts {@code bmctl lab ARGS} and waits (up to a minute) for its line of JSON.
     *
     * @param args options of {@code lab}
     * @return the running lab
     */
    static LabProcess start(String... args) {
        try {
            Path err = Files.createTempFile("bmctl-lab-test-", ".err");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", Run.mainClassPath(), Bmctl.class.getName(), "lab"));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
            Process p = pb.start();
            p.getOutputStream().close();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first;
            try {
                first = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
                throw new AssertionError("bmctl lab printed no line within 60 s; stderr: " + Files.readString(err), e);
            }
            if (first == null) {
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("bmctl lab ended without a line, exit " + p.exitValue() + "; stderr: " + Files.readString(err));
            }
            return new LabProcess(p, first, JSON.readTree(first), err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return the line it printed, as printed */
    String line() {
        return line;
    }

    /** @return that line, parsed */
    JsonNode json() {
        return lab;
    }

    /** @return the CA file, or null for an HTTP lab */
    String ca() {
        return lab.get("ca").isNull() ? null : lab.get("ca").asText();
    }

    /** @return machine {@code i}'s {@code --endpoint} */
    String endpoint(int i) {
        return lab.get("machines").get(i).get("redfish").asText();
    }

    /** @return how many machines it runs */
    int size() {
        return lab.get("machines").size();
    }

    /** @return the environment that gives bmctl the lab's credentials */
    Map<String, String> env() {
        JsonNode m = lab.get("machines").get(0);
        return Map.of("BMCTL_USERNAME", m.get("username").asText(), "BMCTL_PASSWORD", m.get("password").asText());
    }

    /** @return every BMC's address */
    List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (JsonNode m : lab.get("machines")) {
            URI u = URI.create(m.get("redfish").asText());
            out.add(new InetSocketAddress(u.getHost(), u.getPort()));
        }
        return out;
    }

    /** @return what it wrote to stderr so far */
    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    /**
     * Its line on stderr, which it prints just after its line of JSON, so it may not be there yet
     * when {@link #start} returns: waits up to 10 s for it.
     *
     * @return what it wrote to stderr by then
     */
    String stderrLine() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!stderr().contains("\n") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return stderr();
    }

    /** @return the process */
    Process process() {
        return process;
    }

    /**
     * Sends SIGTERM and waits for the process to end.
     *
     * @param within how long it may take
     * @return whether it ended in time
     */
    boolean terminate(java.time.Duration within) {
        process.destroy();
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether something accepts connections at an address.
     *
     * @param a the address
     * @return true when a connection was made
     */
    static boolean listening(InetSocketAddress a) {
        try (Socket s = new Socket()) {
            s.connect(a, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the process if it still runs, with SIGTERM first so that the lab deletes its CA and
     * known_hosts files, then SIGKILL; and deletes its stderr file.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                if (!terminate(java.time.Duration.ofSeconds(10))) {
                    process.destroyForcibly();
                    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            // a temp file
        }
    }
}
