package org.bmsdk.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bmsdk.ssh.fixture.Peers;

/**
 * A private, real Open vSwitch for interoperability tests, entirely in userspace: ovsdb-server on
 * a unix socket in a temp dir (no TCP listener) and {@code ovs-vswitchd --disable-system
 * --enable-dummy}, with one bridge ({@code datapath_type=netdev}) named uniquely per run and
 * {@code type=dummy} ports. Both daemons are children of the test JVM.
 *
 * <p>The netdev datapath makes tap devices ({@code ovs-netdev} and one named like the bridge) in
 * the machine's network namespace, and they outlive a killed ovs-vswitchd: {@link #close()} asks it
 * to {@code exit --cleanup}, which removes them, and deletes them itself only when it had to kill
 * it. Creating taps needs root (CAP_NET_ADMIN).
 *
 * <p>When Open vSwitch is not installed (or the tests do not run as root), {@link #startIfInstalled}
 * returns nothing and the tests skip themselves, except under {@code CI=true}, where it fails.
 */
final class OpenVswitch implements AutoCloseable {

    static final String SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";
    private static final List<String> PROGRAMS = List.of("/usr/sbin/ovsdb-server", "/usr/sbin/ovs-vswitchd",
            "/usr/bin/ovsdb-tool", "/usr/bin/ovs-vsctl", "/usr/bin/ovs-appctl", "/usr/bin/ovs-ofctl");

    private final Path dir;
    private final String bridge;
    private final Process db;
    private Process vswitchd;

    private OpenVswitch(Path dir, String bridge, Process db) {
        this.dir = dir;
        this.bridge = bridge;
        this.db = db;
    }

    /**
     * Starts OVS with one bridge and the given dummy ports, untagged.
     *
     * @param ports the port names
     * @return the running switch; empty when OVS is missing (under CI=true, that fails instead)
     */
    static Optional<OpenVswitch> startIfInstalled(List<String> ports) throws IOException, InterruptedException {
        if (!Peers.present(missing())) {
            return Optional.empty();
        }
        // short: unix socket paths are limited to 108 bytes, interface names to 15
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "bm-ovs-");
        String bridge = "bmt" + HexFormat.of().formatHex(random(4));
        run(dir, List.of("ovsdb-tool", "create", dir.resolve("conf.db").toString(), SCHEMA));
        Process db = inRunDir(dir, new ProcessBuilder("/usr/sbin/ovsdb-server", dir.resolve("conf.db").toString(),
                "--remote=punix:" + dir.resolve("db.sock"), "--unixctl=" + dir.resolve("ovsdb-server.ctl"),
                "--pidfile=" + dir.resolve("ovsdb-server.pid"), "--log-file=" + dir.resolve("ovsdb-server.log"),
                "--no-chdir"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("ovsdb-server.out").toFile()).start();
        OpenVswitch ovs = new OpenVswitch(dir, bridge, db);
        try {
            ovs.awaitFile(dir.resolve("db.sock"), db);
            ovs.vsctl("--no-wait", "init");
            // OVS_RUNDIR: where ovs-vswitchd puts the bridges' OpenFlow sockets (BRIDGE.mgmt) for ovs-ofctl
            ovs.vswitchd = inRunDir(dir, new ProcessBuilder("/usr/sbin/ovs-vswitchd", "unix:" + dir.resolve("db.sock"),
                    "--unixctl=" + dir.resolve("ovs-vswitchd.ctl"), "--pidfile=" + dir.resolve("ovs-vswitchd.pid"),
                    "--log-file=" + dir.resolve("ovs-vswitchd.log"), "--no-chdir", "--disable-system", "--enable-dummy"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ovs-vswitchd.out").toFile()).start();
            List<String> args = new ArrayList<>(List.of("--", "add-br", bridge, "--", "set", "bridge", bridge,
                    "datapath_type=netdev"));
            for (String p : ports) {
                args.addAll(List.of("--", "add-port", bridge, p, "--", "set", "interface", p, "type=dummy"));
            }
            // without --no-wait, ovs-vsctl waits until ovs-vswitchd has applied it: the switch is up
            ovs.vsctl(args.toArray(String[]::new));
            return Optional.of(ovs);
        } catch (IOException | RuntimeException | InterruptedException e) {
            ovs.close();
            throw e;
        }
    }

    /** What is missing to run OVS here, as a message that says how to install it; null when nothing. */
    static String missing() {
        List<String> missing = new ArrayList<>();
        for (String p : PROGRAMS) {
            if (!Files.isExecutable(Path.of(p))) {
                missing.add(p);
            }
        }
        if (!Files.exists(Path.of(SCHEMA))) {
            missing.add(SCHEMA);
        }
        if (!missing.isEmpty()) {
            return "Open vSwitch is needed for the OVS interop tests but " + String.join(", ", missing)
                    + " is missing: run .ci/install-peers.sh network (as root)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the userspace Open vSwitch makes tap devices, which needs root";
        }
        return null;
    }

    /** The directory ovs-vsctl finds the database in, as {@code OVS_RUNDIR}. */
    Path runDir() {
        return dir;
    }

    String bridge() {
        return bridge;
    }

    /**
     * Runs ovs-vsctl here (not over SSH, not through the driver): what the switch really holds.
     *
     * @param args its arguments
     * @return its standard output, stripped
     */
    String vsctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ovs-vsctl", "--timeout=10"));
        cmd.addAll(List.of(args));
        return run(dir, cmd).strip();
    }

    /**
     * Runs an ovs-vswitchd unixctl command ({@code ofproto/trace ...}).
     *
     * @param args the command and its arguments
     * @return its output
     */
    String appctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ovs-appctl", "--timeout=10", "-t", dir.resolve("ovs-vswitchd.ctl").toString()));
        cmd.addAll(List.of(args));
        return run(dir, cmd);
    }

    /**
     * Stops or resumes ovsdb-server ({@code kill -STOP}/{@code -CONT}): a database that hangs.
     *
     * @param paused true to stop it
     */
    void pauseDatabase(boolean paused) throws IOException, InterruptedException {
        run(dir, List.of("kill", paused ? "-STOP" : "-CONT", Long.toString(db.pid())));
    }

    @Override
    public void close() {
        boolean killed = false;
        try {
            if (vswitchd != null && vswitchd.isAlive()) {
                try {
                    run(dir, List.of("ovs-appctl", "--timeout=10", "-t", dir.resolve("ovs-vswitchd.ctl").toString(),
                            "exit", "--cleanup"));
                } catch (IOException e) {
                    System.err.println("ovs-vswitchd did not exit cleanly: " + e.getMessage());
                }
                if (!vswitchd.waitFor(10, TimeUnit.SECONDS)) {
                    vswitchd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    killed = true;
                }
            }
            db.destroy();
            if (!db.waitFor(5, TimeUnit.SECONDS)) {
                db.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            if (killed) {
                // the taps a killed ovs-vswitchd leaves behind
                for (String dev : List.of(bridge, "ovs-netdev")) {
                    runQuietly(List.of("ip", "link", "delete", dev));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Peers.deleteTree(dir);
        }
    }

    /** Whether a network device of this name exists in the machine's namespace. */
    static boolean linkExists(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    private void awaitFile(Path file, Process owner) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file)) {
            if (!owner.isAlive() || System.nanoTime() > deadline) {
                throw new IOException(file.getFileName() + " did not appear: " + Files.readString(dir.resolve("ovsdb-server.out")));
            }
            Thread.sleep(20);
        }
    }

    /** Points an OVS program at this instance's files instead of /var/run/openvswitch and /etc/openvswitch. */
    private static ProcessBuilder inRunDir(Path dir, ProcessBuilder pb) {
        pb.environment().put("OVS_RUNDIR", dir.toString());
        pb.environment().put("OVS_LOGDIR", dir.toString());
        pb.environment().put("OVS_DBDIR", dir.toString());
        return pb;
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = inRunDir(dir, new ProcessBuilder(command)).start();
        p.getOutputStream().close();
        byte[] err;
        String out;
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 30 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                    + new String(err, StandardCharsets.UTF_8).strip());
        }
        return out;
    }

    private static void runQuietly(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // best effort
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
