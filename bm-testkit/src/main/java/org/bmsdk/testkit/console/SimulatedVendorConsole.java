package org.bmsdk.testkit.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.bmsdk.testkit.console.internal.VendorShell;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vendor BMC's SSH CLI in front of one {@link SimulatedMachine}'s serial console: Dell iDRAC
 * ({@code racadm>>}, {@code console com2}, leave with {@code Ctrl-\}) or HPE iLO
 * ({@code </>hpiLO->}, {@code vsp}, leave with {@code ESC (}). An Apache MINA SSHD server on
 * 127.0.0.1 and a port chosen at start, password login, a host key of its own
 * ({@link #knownHostsLine()}). The console streams what the machine writes to its serial port and
 * types what the client sends into it, as the IPMI SOL simulation does.
 *
 * <pre>{@code
 * try (SimulatedVendorConsole idrac = SimulatedVendorConsole.start(VendorConsoleSpec.builder().build(), machine)) {
 *     // ssh -p idrac.port() root@127.0.0.1, then: console com2
 * }
 * }</pre>
 */
public final class SimulatedVendorConsole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedVendorConsole.class);

    private final VendorConsoleSpec spec;
    private final SshServer server;
    private final String knownHostsLine;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger consoles = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    private SimulatedVendorConsole(VendorConsoleSpec spec, SimulatedMachine machine) {
        this.spec = spec;
        KeyPair hostKey = hostKey();
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        byte[] password = spec.password().revealBytes();
        sshd.setPasswordAuthenticator((user, pass, session) -> {
            boolean ok = user.equals(spec.username())
                    && MessageDigest.isEqual(pass.getBytes(StandardCharsets.UTF_8), password);
            if (ok) {
                logins.incrementAndGet();
            }
            return ok;
        });
        sshd.setShellFactory(channel -> new VendorShell(spec.flavor(), machine, commands::add, consoles));
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessions.add(session);
            }

            @Override
            public void sessionClosed(Session session) {
                sessions.remove(session);
            }
        });
        this.server = sshd;
        try {
            sshd.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated " + spec.flavor() + " console of " + machine.name(), e);
        }
        this.knownHostsLine = "[127.0.0.1]:" + sshd.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /**
     * Starts the SSH CLI of a machine.
     *
     * @param spec the flavour and the login
     * @param machine the machine whose serial console it serves
     * @return the running console; close it to stop
     */
    public static SimulatedVendorConsole start(VendorConsoleSpec spec, SimulatedMachine machine) {
        return new SimulatedVendorConsole(Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(machine, "machine"));
    }

    private static KeyPair hostKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a host key", e);
        }
    }

    /** @return what it simulates */
    public VendorConsoleSpec spec() {
        return spec;
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the SSH port, chosen at start */
    public int port() {
        return server.getPort();
    }

    /** @return the endpoint as bm-sdk names it: {@code ssh+idrac://127.0.0.1:PORT} or {@code ssh+ilo://…} */
    public String endpoint() {
        return "ssh+" + spec.flavor().id() + "://127.0.0.1:" + port();
    }

    /** @return this server's line for a known_hosts file: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…} */
    public String knownHostsLine() {
        return knownHostsLine;
    }

    /** @return the successful logins so far */
    public int logins() {
        return logins.get();
    }

    /** @return the consoles connected now */
    public int connectedConsoles() {
        return Math.max(0, consoles.get());
    }

    /** @return every command typed at the CLI prompt, in order (never a password) */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** Drops every SSH session at once, as a BMC reset or a network cut does; new logins still work. */
    public void dropSessions() {
        for (Session s : sessions) {
            s.close(true);
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.debug("stopping a simulated vendor console failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "SimulatedVendorConsole[" + endpoint() + "]";
    }
}
