package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private, real tgtd for {@code bmctl volume}'s tests: the portal on 127.0.0.1 and a control
 * socket number both chosen at run time, so that it meets no system tgtd and no other test's. A
 * small copy of bm-storage's {@code TgtServer} fixture (package-private there, and bm-storage has no
 * test jar): only what these tests need, start, libiscsi's {@code iscsi-ls}, stop.
 *
 * <p>tgtd ignores SIGTERM while it has targets, so {@link #close()} deletes them with
 * {@code --force} and asks it to exit ({@code --op delete --mode system}) before any signal. When a
 * program is missing, {@link #startIfInstalled()} returns nothing and the tests skip, except under
 * {@code CI=true}, where it fails.
 */
final class TgtDaemon implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final List<String> PROGRAMS = List.of("tgtd", "tgtadm", "iscsi-ls", "iscsi-inq");

    private final int port;
    private final int control;
    private final Process process;
    private final Path log;

    private TgtDaemon(int port, int control, Process process, Path log) {
        this.port = port;
        this.control = control;
        this.process = process;
        this.log = log;
    }

    /** Starts a tgtd when tgt and libiscsi are there and this is root; empty (or a failure under CI=true) when not. */
    static Optional<TgtDaemon> startIfInstalled() throws IOException, InterruptedException {
        String missing = missing();
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing);
            }
            System.err.println("SKIPPED: " + missing);
            return Optional.empty();
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            int control = 1024 + new java.security.SecureRandom().nextInt(32767 - 1024);
            if (Files.exists(Path.of("/var/run/tgtd/socket." + control))) {
                continue;
            }
            Path log = Files.createTempFile("bmctl-tgtd-", ".log");
            Process p = new ProcessBuilder("tgtd", "-f", "-C", String.valueOf(control), "--iscsi", "portal=" + HOST + ":" + port)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            TgtDaemon d = new TgtDaemon(port, control, p, log);
            try {
                d.awaitReady();
                return Optional.of(d);
            } catch (IOException e) {
                d.close();
                last = e;
            }
        }
        throw last != null ? last : new IOException("no free tgtd control socket number found");
    }

    /** What is missing, saying how to install it; null when nothing is. */
    static String missing() {
        List<String> missing = new ArrayList<>();
        for (String p : PROGRAMS) {
            if (!onPath(p)) {
                missing.add(p);
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (tgtd runs as root)");
        }
        return missing.isEmpty() ? null : "tgt and libiscsi are needed for bmctl volume's tests but " + String.join(", ", missing)
                + " is missing: run .ci/install-peers.sh iscsi (as root)";
    }

    /** @return {@code 127.0.0.1:PORT}, the iSCSI portal */
    String portal() {
        return HOST + ":" + port;
    }

    /** @return tgtd's control socket number, for {@code tgtadm -C} and {@code bmctl volume --control-port} */
    int control() {
        return control;
    }

    /** What {@code iscsi-ls -s} lists for an initiator logging in with CHAP; exit status and both streams. */
    String iscsiLs(String initiator, String chapUser, String secret) throws IOException, InterruptedException {
        return run(List.of("iscsi-ls", "-i", initiator, "-s", "iscsi://" + chapUser + "%" + secret + "@" + portal()));
    }

    /** What {@code iscsi-inq} says when an initiator logs in to LUN 1 of a target with CHAP; exit status and both streams. */
    String iscsiInq(String initiator, String chapUser, String secret, String target) throws IOException, InterruptedException {
        return run(List.of("iscsi-inq", "-i", initiator, "iscsi://" + chapUser + "%" + secret + "@" + portal() + "/" + target + "/1"));
    }

    /** Runs tgtadm against this tgtd; its output. */
    String tgtadm(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tgtadm", "-C", String.valueOf(control), "--lld", "iscsi"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not end within 60 s");
        }
        return "exit " + p.exitValue() + "\n" + out;
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                Matcher m = Pattern.compile("(?m)^Target (\\d+):").matcher(tgtadm("--mode", "target", "--op", "show"));
                while (m.find()) {
                    tgtadm("--mode", "target", "--op", "delete", "--force", "--tid", m.group(1));
                }
                run(List.of("tgtadm", "-C", String.valueOf(control), "--op", "delete", "--mode", "system"));
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + control));
            Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + control + ".lock"));
            Files.deleteIfExists(log);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("tgtd exited with " + process.exitValue() + ": " + Files.readString(log).strip());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 200);
                if (tgtadm("--mode", "target", "--op", "show").startsWith("exit 0\n")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("tgtd did not answer on " + portal() + " within 10 s: " + Files.readString(log).strip());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/sbin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }
}
