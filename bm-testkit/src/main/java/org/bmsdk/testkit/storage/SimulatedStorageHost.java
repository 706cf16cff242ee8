package org.bmsdk.testkit.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bmsdk.testkit.internal.SshDaemon;
import org.bmsdk.testkit.storage.internal.DirectoryFiles;
import org.bmsdk.testkit.storage.internal.HostFaultPlan;
import org.bmsdk.testkit.storage.internal.HostFiles;
import org.bmsdk.testkit.storage.internal.HostShell;
import org.bmsdk.testkit.storage.internal.MemoryFiles;
import org.bmsdk.testkit.storage.internal.StorageSshServer;
import org.bmsdk.testkit.storage.internal.TgtState;
import org.bmsdk.testkit.storage.internal.iscsi.IscsiPortal;

/**
 * A simulated Linux storage host running tgt, on 127.0.0.1: an SSH server (Apache MINA SSHD,
 * password login, an ECDSA host key generated at start and published for known_hosts) whose exec
 * channel runs the commands of bm-sdk's tgt driver, and an iSCSI portal. Ports are chosen at start.
 *
 * <pre>{@code
 * try (SimulatedStorageHost host = SimulatedStorageHost.start(StorageHostSpec.builder().build())) {
 *     Path knownHosts = host.writeKnownHosts(dir.resolve("known_hosts"));
 *     // TgtStorage over ssh://127.0.0.1:host.sshPort() as root/storage, portal host.portal()
 *     assertTrue(host.tgtadmShow().contains("ACL information:"));
 * }
 * }</pre>
 *
 * <p>Where it differs from a real host: only the shell commands listed in the package's
 * documentation run (docs/STORAGE.md); tgtd's state lives in this object and its errors are the
 * ones tgt 1.0.85 prints for the operations the driver uses. Thread-safe.
 */
public final class SimulatedStorageHost implements AutoCloseable {

    private final StorageHostSpec spec;
    private final HostFiles files;
    private final TgtState tgt;
    private final HostFaultPlan plan;
    private final StorageHostFaults faults;
    private final StorageSshServer ssh;
    private final IscsiPortal portal;
    private final String knownHostsLine;

    private SimulatedStorageHost(StorageHostSpec spec, HostFiles files, TgtState tgt, HostFaultPlan plan,
            StorageSshServer ssh, IscsiPortal portal) {
        this.spec = spec;
        this.files = files;
        this.tgt = tgt;
        this.plan = plan;
        this.faults = new StorageHostFaults(plan);
        this.ssh = ssh;
        this.portal = portal;
        this.knownHostsLine = ssh.knownHostsLine();
    }

    /**
     * Starts a host.
     *
     * @param spec what to simulate
     * @return the running host; close it when done
     */
    public static SimulatedStorageHost start(StorageHostSpec spec) {
        HostFiles files;
        try {
            files = spec.rootDirectory().isPresent() ? new DirectoryFiles(spec.rootDirectory().get()) : new MemoryFiles();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + spec.rootDirectory().get() + " as the storage host's root", e);
        }
        TgtState tgt = new TgtState();
        HostFaultPlan plan = new HostFaultPlan();
        StorageSshServer ssh = StorageSshServer.start(SshDaemon.newHostKey(), spec.username(), spec.password(),
                () -> new HostShell(files, tgt, spec.controlPort(), plan), plan);
        IscsiPortal portal = null;
        try {
            portal = spec.iscsiPortal() ? IscsiPortal.start(tgt, files, plan::iscsiLoginRefused) : null;
        } catch (RuntimeException e) {
            ssh.close();
            throw e;
        }
        return new SimulatedStorageHost(spec, files, tgt, plan, ssh, portal);
    }

    /** @return what was asked for */
    public StorageHostSpec spec() {
        return spec;
    }

    /** @return always {@code 127.0.0.1} */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the SSH port, chosen at start */
    public int sshPort() {
        return ssh.port();
    }

    /** @return {@code ssh://127.0.0.1:PORT} */
    public URI sshUri() {
        return URI.create("ssh://127.0.0.1:" + sshPort());
    }

    /**
     * The iSCSI portal, as {@code TgtStorage.Builder.portal} and initiators take it.
     *
     * @return {@code 127.0.0.1:PORT}
     * @throws IllegalStateException when the spec turned the portal off
     */
    public String portal() {
        return "127.0.0.1:" + portalPort();
    }

    /**
     * @return the iSCSI portal's TCP port, chosen at start
     * @throws IllegalStateException when the spec turned the portal off
     */
    public int portalPort() {
        if (portal == null) {
            throw new IllegalStateException("this storage host runs no iSCSI portal");
        }
        return portal.port();
    }

    /** @return the host's line for a known_hosts file: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…} */
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

    /** @return the faults to inject */
    public StorageHostFaults faults() {
        return faults;
    }

    /** @return every command line run so far, in order, CHAP secrets shown as {@code ****} */
    public List<String> commands() {
        return ssh.commands();
    }

    /** @return the successful SSH logins so far */
    public int logins() {
        return ssh.logins();
    }

    /**
     * Runs a command line on the host as its SSH exec channel would (the same shell, tgtadm and
     * files, no faults, not recorded in {@link #commands()}): to set up a state a test needs, such
     * as a target left half-made.
     *
     * @param line the command line, such as {@code tgtadm --lld iscsi --mode target --op show}
     * @return what it printed and its exit status
     */
    public HostCommandResult exec(String line) {
        HostShell.Result r = new HostShell(files, tgt, spec.controlPort(), new HostFaultPlan()).run(line);
        return new HostCommandResult(r.stdout(), r.stderr(), r.status());
    }

    /** @return what {@code tgtadm --lld iscsi --mode target --op show} prints now */
    public String tgtadmShow() {
        return tgt.showTargets();
    }

    /** @return what {@code tgtadm --lld iscsi --mode account --op show} prints now */
    public String tgtadmShowAccounts() {
        return tgt.showAccounts();
    }

    /**
     * A file of the host, read whole: a volume's contents, to check what an initiator wrote.
     *
     * @param hostPath an absolute path on the host
     * @return its bytes, or empty when there is no such regular file
     */
    public Optional<byte[]> readFile(String hostPath) {
        String p = HostFiles.normalize(hostPath);
        if (!files.isFile(p)) {
            return Optional.empty();
        }
        try {
            long size = files.size(p);
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(hostPath + " is too large to read whole: " + size + " bytes");
            }
            byte[] b = new byte[(int) size];
            files.open(p).read(0, b);
            return Optional.of(b);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + hostPath, e);
        }
    }

    /**
     * The size of a file of the host.
     *
     * @param hostPath an absolute path on the host
     * @return its size, or empty when there is no such regular file
     */
    public Optional<Long> fileSize(String hostPath) {
        String p = HostFiles.normalize(hostPath);
        try {
            return files.isFile(p) ? Optional.of(files.size(p)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + hostPath, e);
        }
    }

    /** Stops the SSH server and the portal; the files under a root directory stay. */
    @Override
    public void close() {
        try {
            ssh.close();
        } finally {
            if (portal != null) {
                portal.close();
            }
            plan.clear();
        }
    }

    @Override
    public String toString() {
        return "SimulatedStorageHost[" + sshUri() + "]";
    }
}
