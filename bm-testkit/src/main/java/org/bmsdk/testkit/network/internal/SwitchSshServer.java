package org.bmsdk.testkit.network.internal;

import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.testkit.internal.SshDaemon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated switch's SSH server (Apache MINA SSHD) on 127.0.0.1 and a port of its own: password
 * login, a shell channel running the switch's CLI, and the faults that concern the connection
 * (refused login, a limit on open sessions).
 */
public final class SwitchSshServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchSshServer.class);

    private final SshDaemon server;
    private final AtomicInteger open;
    private final List<String> commands;

    private SwitchSshServer(SshDaemon server, AtomicInteger open, List<String> commands) {
        this.server = server;
        this.open = open;
        this.commands = commands;
    }

    /**
     * Starts a server on a port chosen now.
     *
     * @param name the switch's name, for thread names and logs
     * @param state the switch
     * @param hostKey the host key
     * @param username the user that may log in
     * @param password its password
     * @param enableSecret the enable password, or null to log in privileged
     * @param faults the switch's faults
     * @return the running server
     */
    public static SwitchSshServer start(String name, SwitchState state, KeyPair hostKey, String username, Secret password,
            String enableSecret, FaultPlan faults) {
        AtomicInteger open = new AtomicInteger();
        List<String> commands = new CopyOnWriteArrayList<>();
        JunosDatabase junos = new JunosDatabase();
        SshDaemon sshd = SshDaemon.builder("simulated switch " + name, hostKey)
                .login(username, password)
                .refuseLoginsWhile(faults::loginRefused)
                .shells(channel -> new CliShell(name,
                        interpreter(state, username, password.reveal(), enableSecret, faults, junos), faults, commands::add))
                .sessionListener(new SessionListener() {
                    @Override
                    public void sessionCreated(Session session) {
                        // A switch has a few VTY lines; when they are taken it closes new connections at once.
                        if (open.incrementAndGet() > faults.maxSessions()) {
                            LOG.debug("{}: refusing a session over the limit of {}", name, faults.maxSessions());
                            session.close(true);
                        }
                    }

                    @Override
                    public void sessionClosed(Session session) {
                        open.decrementAndGet();
                    }
                })
                .start();
        return new SwitchSshServer(sshd, open, commands);
    }

    /** A CLI session of the switch's dialect. */
    private static ShellInterpreter interpreter(SwitchState state, String username, String password, String enableSecret,
            FaultPlan faults, JunosDatabase junos) {
        Dialect d = state.dialect();
        if (d == Dialect.JUNIPER_JUNOS) {
            return new JunosInterpreter(state, username, faults, junos);
        }
        if (d == Dialect.SONIC) {
            return new SonicInterpreter(state, username, password);
        }
        if (d == Dialect.CUMULUS_NVUE) {
            return new NvueInterpreter(state, username);
        }
        return new CliInterpreter(state, enableSecret);
    }

    /** @return the TCP port */
    public int port() {
        return server.port();
    }

    /** @return this server's line for a known_hosts file */
    public String knownHostsLine() {
        return server.knownHostsLine();
    }

    /** @return the SSH sessions open now */
    public int openSessions() {
        return Math.max(0, open.get());
    }

    /** @return the successful logins so far */
    public int logins() {
        return server.logins();
    }

    /** @return every command line typed so far, in order (never a password) */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() {
        server.close();
    }
}
