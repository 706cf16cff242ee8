package org.bmsdk.hardware.ipmi.peers;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** What the peer fixtures share: finding the programs, ports, waiting, stopping. */
public final class Peers {

    /** The peers bind here and only here. */
    public static final String HOST = "127.0.0.1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Peers() {
    }

    /**
     * Skips the test when a peer is missing, or fails it under {@code CI=true}, where a missing
     * peer is a broken build.
     *
     * @param missing what is missing, or null when nothing is
     */
    public static void require(String missing) {
        if (missing == null) {
            return;
        }
        String message = missing + ": run .ci/install-peers.sh ipmi (as root)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    /** A UDP port on 127.0.0.1 that was free a moment ago. */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), 0))) {
            return s.getLocalPort();
        }
    }

    /** Letters and digits, for passwords nobody could guess and a test can search logs for. */
    public static String randomText(int n) {
        String abc = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(abc.charAt(RANDOM.nextInt(abc.length())));
        }
        return s.toString();
    }

    /**
     * Waits until something listens on udp 127.0.0.1:port, by reading /proc/net/udp.
     *
     * @return true when it does before the timeout, false when the process died or time ran out
     */
    public static boolean awaitUdp(int port, Process process, Duration timeout) throws IOException, InterruptedException {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                return false;
            }
            for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
                List<String> cols = List.of(line.trim().split("\\s+"));
                if (cols.size() > 1 && cols.get(1).equals(local)) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** TERM, then KILL; never leaves the process behind. */
    public static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a program is on the PATH or at an absolute path. */
    public static boolean installed(String program) {
        if (program.startsWith("/")) {
            return Files.isExecutable(Path.of(program));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/bin", program)) || Files.isExecutable(Path.of("/usr/sbin", program));
    }
}
