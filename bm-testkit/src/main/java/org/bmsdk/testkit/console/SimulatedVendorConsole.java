package org.bmsdk.testkit.console;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.bmsdk.testkit.console.internal.VendorShell;
import org.bmsdk.testkit.internal.SshDaemon;
import org.bmsdk.testkit.machine.SimulatedMachine;

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

    private final VendorConsoleSpec spec;
    private final SshDaemon server;
    private final AtomicInteger consoles = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    private SimulatedVendorConsole(VendorConsoleSpec spec, SimulatedMachine machine) {
        this.spec = spec;
        this.server = SshDaemon.builder("the simulated " + spec.flavor() + " console of " + machine.name(),
                        SshDaemon.newHostKey())
                .login(spec.username(), spec.password())
                .shells(channel -> new VendorShell(spec.flavor(), machine, commands::add, consoles))
                .sessionListener(new SessionListener() {
                    @Override
                    public void sessionCreated(Session session) {
                        sessions.add(session);
                    }

                    @Override
                    public void sessionClosed(Session session) {
                        sessions.remove(session);
                    }
                })
                .start();
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
        return server.port();
    }

    /** @return the endpoint as bm-sdk names it: {@code ssh+idrac://127.0.0.1:PORT} or {@code ssh+ilo://…} */
    public String endpoint() {
        return "ssh+" + spec.flavor().id() + "://127.0.0.1:" + port();
    }

    /** @return this server's line for a known_hosts file: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…} */
    public String knownHostsLine() {
        return server.knownHostsLine();
    }

    /** @return the successful logins so far */
    public int logins() {
        return server.logins();
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
        server.close();
    }

    @Override
    public String toString() {
        return "SimulatedVendorConsole[" + endpoint() + "]";
    }
}
