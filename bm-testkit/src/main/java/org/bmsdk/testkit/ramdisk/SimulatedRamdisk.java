package org.bmsdk.testkit.ramdisk;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.testkit.machine.BootInfo;
import org.bmsdk.testkit.machine.BootedImage;
import org.bmsdk.testkit.machine.MachineStatus;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.machine.Subscription;
import org.bmsdk.testkit.internal.SshDaemon;
import org.bmsdk.testkit.machine.internal.PortReservation;
import org.bmsdk.testkit.ramdisk.internal.RamdiskHost;
import org.bmsdk.testkit.ramdisk.internal.RamdiskShell;
import org.bmsdk.testkit.ramdisk.internal.RamdiskSshServer;

/**
 * A simulated machine's service ramdisk: while the machine runs it (booted from the network, or
 * from virtual media the spec counts as the ramdisk, and {@link OsState#RUNNING}), an SSH server on
 * 127.0.0.1 answers as a real ramdisk's sshd does, running the commands a ramdisk agent uses on
 * the machine's disks and NICs (see the package documentation). Power off, reset, a panic or a
 * boot into anything else stops it and drops its connections; the next ramdisk boot starts it
 * again on the same port with the same host key, both chosen when it is attached, so they can be
 * published once.
 *
 * <pre>{@code
 * try (SimulatedMachine machine = SimulatedMachine.create(spec);
 *      SimulatedRamdisk ramdisk = SimulatedRamdisk.attach(machine, RamdiskSpec.builder().build())) {
 *     ramdisk.writeKnownHosts(dir.resolve("known_hosts"));
 *     machine.setBootOverride(BootOverride.once(BootDevice.PXE));
 *     machine.powerOn();
 *     // once machine.osState() is RUNNING: ssh -p ramdisk.sshPort() root@127.0.0.1 lsblk
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class SimulatedRamdisk implements AutoCloseable {

    private final SimulatedMachine machine;
    private final RamdiskSpec spec;
    private final PortReservation port;
    private final KeyPair hostKey;
    private final String knownHostsLine;
    private final RamdiskHost host;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private Subscription subscription;
    private RamdiskSshServer server;
    private boolean closed;

    private SimulatedRamdisk(SimulatedMachine machine, RamdiskSpec spec) {
        this.machine = machine;
        this.spec = spec;
        this.host = new RamdiskHost(machine);
        this.hostKey = spec.hostKey().orElseGet(SshDaemon::newHostKey);
        this.port = PortReservation.reserve();
        this.knownHostsLine = SshDaemon.knownHostsLine(port.port(), hostKey.getPublic());
    }

    /**
     * Attaches a ramdisk to a machine: reserves its port and makes its host key, and serves SSH
     * whenever the machine runs the ramdisk (at once, if it already does).
     *
     * @param machine the machine
     * @param spec the login and which virtual media are the ramdisk
     * @return the ramdisk; close it before or with the machine
     */
    public static SimulatedRamdisk attach(SimulatedMachine machine, RamdiskSpec spec) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(spec, "spec");
        SimulatedRamdisk ramdisk = new SimulatedRamdisk(machine, spec);
        // Each event re-reads the machine's state rather than trusting the event's, which may be stale by now.
        ramdisk.subscription = machine.addListener(event -> ramdisk.update());
        ramdisk.update();
        return ramdisk;
    }

    /**
     * Makes an SSH host key of the kind each ramdisk makes for itself (ECDSA on P-256), to share
     * between ramdisks through {@link RamdiskSpec.Builder#hostKey(KeyPair)}.
     *
     * @return a new key pair
     */
    public static KeyPair newHostKey() {
        return SshDaemon.newHostKey();
    }

    /** @return the machine it runs on */
    public SimulatedMachine machine() {
        return machine;
    }

    /** @return what was asked for */
    public RamdiskSpec spec() {
        return spec;
    }

    /** @return always {@code 127.0.0.1} */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the SSH port, the same for every boot */
    public int sshPort() {
        return port.port();
    }

    /** @return 127.0.0.1 and the SSH port */
    public InetSocketAddress address() {
        return port.address();
    }

    /** @return {@code ssh://127.0.0.1:PORT} */
    public URI sshUri() {
        return URI.create("ssh://127.0.0.1:" + sshPort());
    }

    /** @return the ramdisk's line for a known_hosts file: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…} */
    public String knownHostsLine() {
        return knownHostsLine;
    }

    /**
     * Writes {@link #knownHostsLine()} to a file, replacing it.
     *
     * @param file the file
     * @return the file
     */
    public Path writeKnownHosts(Path file) {
        return SshDaemon.writeKnownHosts(file, knownHostsLine + "\n");
    }

    /**
     * The block device of each of the machine's disks, as {@code lsblk} lists them: a disk named
     * like a kernel device ({@code sda}, {@code nvme0n1}) keeps its name, the others get the next
     * free {@code sdX} or {@code nvmeNn1}.
     *
     * @return disk name to device path, in the spec's order
     */
    public Map<String, String> devicePaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        for (RamdiskHost.Device d : host.disks()) {
            paths.put(d.disk().name(), d.path());
        }
        return paths;
    }

    /** @return whether the SSH server is up now */
    public synchronized boolean isListening() {
        return server != null;
    }

    /** @return every command line run so far, in order */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** @return the successful SSH logins so far */
    public int logins() {
        return logins.get();
    }

    /** Whether the machine, in this state, runs the ramdisk. */
    private boolean runsRamdisk(MachineStatus status) {
        if (status.os() != OsState.RUNNING || status.currentBoot().isEmpty()) {
            return false;
        }
        BootInfo boot = status.currentBoot().get();
        return boot.image() == BootedImage.NETWORK_RAMDISK
                || boot.image() == BootedImage.VIRTUAL_MEDIA && spec.isRamdiskMedia(boot.mediaUri().orElse(""));
    }

    private synchronized void update() {
        if (closed) {
            return;
        }
        boolean up = runsRamdisk(machine.status());
        if (up && server == null) {
            server = RamdiskSshServer.start(port.port(), hostKey, spec.username(), spec.password(),
                    () -> new RamdiskShell(host), commands, logins);
        } else if (!up && server != null) {
            server.close();
            server = null;
        }
    }

    /** Stops the SSH server, drops its connections and gives the port back; the machine runs on. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
        if (server != null) {
            server.close();
            server = null;
        }
        port.close();
    }

    @Override
    public String toString() {
        return "SimulatedRamdisk[" + machine.name() + ", " + sshUri() + "]";
    }
}
