package org.bmsdk.storage.iscsi;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private, real tgtd for interoperability tests: {@code tgtd -f -C N --iscsi
 * portal=127.0.0.1:PORT}, the portal on a port chosen at run time and the control socket
 * {@code /var/run/tgtd/socket.N} on a number chosen at run time too (tgtd takes 0 to 32767), so that it never meets a system tgtd
 * (socket.0) or another test's. Needs root, as tgtd does.
 *
 * <p>tgtd ignores SIGTERM while it has targets, so {@link #close()} deletes every target with
 * {@code --force}, asks it to exit ({@code tgtadm --op delete --mode system}) and only then falls
 * back to signals.
 *
 * <p>Also runs libiscsi's initiator tools and qemu-img, the clients the tests check with. When a
 * program is missing, {@link #startIfInstalled()} returns nothing and the tests skip, except under
 * {@code CI=true}, where it fails.
 */
final class TgtServer implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final List<String> PROGRAMS = List.of("tgtd", "tgtadm", "iscsi-ls", "iscsi-inq",
            "iscsi-readcapacity16", "qemu-img");

    private final int port;
    private final int control;
    private final Process process;
    private final Path dir;

    private TgtServer(int port, int control, Process process, Path dir) {
        this.port = port;
        this.control = control;
        this.process = process;
        this.dir = dir;
    }

    /** Starts a tgtd when every program is there; empty (or a failure under CI=true) when not. */
    static Optional<TgtServer> startIfInstalled() throws IOException, InterruptedException {
        String missing = missing();
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing);
            }
            System.err.println("SKIPPED: " + missing);
            return Optional.empty();
        }
        Path dir = Files.createTempDirectory("bm-storage-tgt-");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            int control = freeControlNumber();
            Process p = new ProcessBuilder("tgtd", "-f", "-C", String.valueOf(control), "--iscsi", "portal=" + HOST + ":" + port)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("tgtd-" + port + ".log").toFile()).start();
            TgtServer server = new TgtServer(port, control, p, dir);
            try {
                server.awaitReady();
                return Optional.of(server);
            } catch (IOException e) {
                server.stopProcess();
                last = e;
            }
        }
        deleteTree(dir);
        throw last;
    }

    /** What is missing, as a message that says how to install it; null when nothing is. */
    static String missing() {
        List<String> missing = new ArrayList<>();
        for (String p : PROGRAMS) {
            if (!onPath(p)) {
                missing.add(p);
            }
        }
        if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/qemu/block-iscsi.so"))
                && !Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/qemu/block-iscsi.so"))) {
            missing.add("qemu's iscsi block driver (qemu-block-extra)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("root (tgtd runs as root)");
        }
        return missing.isEmpty() ? null
                : "tgt, libiscsi and qemu-img are needed for the iSCSI interop tests but " + String.join(", ", missing)
                        + " is missing: run .ci/install-peers.sh iscsi (as root)";
    }

    /** The iSCSI portal's port. */
    int port() {
        return port;
    }

    /** tgtd's control socket number ({@code -C}). */
    int control() {
        return control;
    }

    String portal() {
        return HOST + ":" + port;
    }

    /** A directory for volumes and scratch files, removed by {@link #close()}. */
    Path dir() {
        return dir;
    }

    /** Runs tgtadm against this tgtd. */
    Result tgtadm(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tgtadm", "-C", String.valueOf(control), "--lld", "iscsi"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** A program's exit status and its output, both streams together. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** Runs a program, its two streams merged, for at most 60 s. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not end within 60 s");
        }
        return new Result(p.exitValue(), out);
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                Matcher m = Pattern.compile("(?m)^Target (\\d+):").matcher(tgtadm("--mode", "target", "--op", "show").output());
                while (m.find()) {
                    tgtadm("--mode", "target", "--op", "delete", "--force", "--tid", m.group(1));
                }
                run(List.of("tgtadm", "-C", String.valueOf(control), "--op", "delete", "--mode", "system"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                stopProcess();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            deleteTree(dir);
        }
    }

    private void stopProcess() throws IOException, InterruptedException {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + control));
        Files.deleteIfExists(Path.of("/var/run/tgtd/socket." + control + ".lock"));
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("tgtd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 200);
                if (tgtadm("--mode", "target", "--op", "show").ok()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IOException("tgtd did not answer on " + HOST + ":" + port + " within 10 s: " + log());
    }

    private String log() throws IOException {
        Path f = dir.resolve("tgtd-" + port + ".log");
        return Files.exists(f) ? Files.readString(f).strip() : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    /** tgtd takes control numbers up to 32767: one whose socket nobody holds, picked at random. */
    private static int freeControlNumber() {
        java.util.Random random = new java.security.SecureRandom();
        while (true) {
            int n = 1024 + random.nextInt(32767 - 1024);
            if (!Files.exists(Path.of("/var/run/tgtd/socket." + n)) && !Files.exists(Path.of("/var/run/tgtd/socket." + n + ".lock"))) {
                return n;
            }
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/sbin"));
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
