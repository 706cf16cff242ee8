package org.bmsdk.hardware.ipmi.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pyghmi BMC ({@code pyghmi.ipmi.bmc.Bmc}, the base of OpenStack VirtualBMC) on udp 127.0.0.1 and
 * a port chosen at run time, run by Debian's {@code /usr/bin/python3} (the {@code python3} first
 * on PATH may be another one that cannot see Debian's packages). The script is this project's
 * {@code pyghmi_bmc.py}, copied into the fixture's directory; it records every operation in
 * {@code calls.jsonl}.
 */
public final class PyghmiBmc implements AutoCloseable {

    /** Debian's interpreter, which sees python3-pyghmi; -Dbm.test.python=PATH for another one. */
    public static final String PYTHON = System.getProperty("bm.test.python", "/usr/bin/python3");
    /** The user. */
    public static final String USER = "admin";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int port;
    private final String password;
    private final Process process;

    private PyghmiBmc(Path dir, int port, String password, Process process) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.process = process;
    }

    /** @return what is missing to run the pyghmi BMC, or null */
    public static String missing() throws IOException, InterruptedException {
        if (!Peers.installed(PYTHON)) {
            return PYTHON + " is needed for the pyghmi interop tests but is missing";
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import pyghmi.ipmi.bmc").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "python3-pyghmi is needed for the pyghmi interop tests but " + PYTHON + " cannot import it";
        }
        return null;
    }

    /**
     * Starts the BMC, or skips the test (fails it under CI=true) when pyghmi is missing.
     *
     * @param dir an empty directory for its files
     * @param powerOn the initial power state
     * @return the running BMC
     */
    public static PyghmiBmc start(Path dir, boolean powerOn) throws IOException, InterruptedException {
        return start(dir, powerOn, null);
    }

    /**
     * Starts the BMC with a BMC key (Kg) set, or skips the test (fails it under CI=true) when
     * pyghmi is missing.
     *
     * @param dir an empty directory for its files
     * @param powerOn the initial power state
     * @param kg the BMC key, or null for none
     * @return the running BMC
     */
    public static PyghmiBmc start(Path dir, boolean powerOn, String kg) throws IOException, InterruptedException {
        Peers.require(missing());
        Path script = dir.resolve("pyghmi_bmc.py");
        try (InputStream in = PyghmiBmc.class.getResourceAsStream("pyghmi_bmc.py")) {
            Files.write(script, in.readAllBytes());
        }
        String password = Peers.randomText(12);
        // the password goes through a file, not the command line that ps shows
        Path secret = dir.resolve("password");
        Files.writeString(secret, password);
        List<String> kgArgs = new ArrayList<>();
        if (kg != null) {
            Path kgFile = dir.resolve("kg");
            Files.writeString(kgFile, kg);
            kgArgs.addAll(List.of("--kg-file", kgFile.toString()));
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = Peers.freeUdpPort();
            List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script.toString(), "--port", Integer.toString(port), "--user",
                    USER, "--password-file", secret.toString(), "--state-dir", dir.toString(), "--power", powerOn ? "on" : "off"));
            command.addAll(kgArgs);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("bmc.out").toFile()).start();
            if (Peers.awaitUdp(port, p, Duration.ofSeconds(15))) {
                return new PyghmiBmc(dir, port, password, p);
            }
            Peers.stop(p);
            last = new IOException("the pyghmi BMC did not listen on udp " + port + ": " + Files.readString(dir.resolve("bmc.out")));
        }
        throw last;
    }

    /** @return the UDP port */
    public int port() {
        return port;
    }

    /** @return {@code ipmi://127.0.0.1:port} */
    public String uri() {
        return "ipmi://" + Peers.HOST + ":" + port;
    }

    /** @return the user's password */
    public String password() {
        return password;
    }

    /** @return the operations recorded so far, such as {@code power_on}, oldest first */
    public List<String> ops() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode call : calls()) {
            out.add(call.get("op").asText());
        }
        return out;
    }

    /** @return the recorded calls, oldest first */
    public List<JsonNode> calls() throws IOException {
        Path f = dir.resolve("calls.jsonl");
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(f)) {
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    /** @return what the BMC printed, tracebacks included */
    public String output() throws IOException {
        return Files.readString(dir.resolve("bmc.out"));
    }

    @Override
    public void close() {
        Peers.stop(process);
    }
}
