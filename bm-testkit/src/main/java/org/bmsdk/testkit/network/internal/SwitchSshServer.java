package org.bmsdk.testkit.network.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated switch's SSH server (Apache MINA SSHD) on 127.0.0.1 and a port of its own: password
 * login, a shell channel running the switch's CLI, and the faults that concern the connection
 * (refused login, a limit on open sessions).
 */
public final class SwitchSshServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchSshServer.class);

    private final SshServer server;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    private SwitchSshServer(SshServer server) {
        this.server = server;
    }

    /**
     * Starts a server.
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
    public static SwitchSshServer start(String name, SwitchState state, KeyPair hostKey, String username, String password,
            String enableSecret, FaultPlan faults) {
        SshServer sshd = SshServer.setUpDefaultServer();
        SwitchSshServer s = new SwitchSshServer(sshd);
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator((user, pass, session) -> {
            boolean ok = !faults.loginRefused() && user.equals(username) && constantTimeEquals(pass, password);
            if (ok) {
                s.logins.incrementAndGet();
            }
            return ok;
        });
        JunosDatabase junos = new JunosDatabase();
        sshd.setShellFactory(channel -> new CliShell(name, interpreter(state, username, password, enableSecret, faults, junos),
                faults, s.commands::add));
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                // A switch has a few VTY lines; when they are taken it closes new connections at once.
                if (s.open.incrementAndGet() > faults.maxSessions()) {
                    LOG.debug("{}: refusing a session over the limit of {}", name, faults.maxSessions());
                    session.close(true);
                }
            }

            @Override
            public void sessionClosed(Session session) {
                s.open.decrementAndGet();
            }
        });
        try {
            sshd.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SSH server of simulated switch " + name, e);
        }
        return s;
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
        return server.getPort();
    }

    /** @return the SSH sessions open now */
    public int openSessions() {
        return Math.max(0, open.get());
    }

    /** @return the successful logins so far */
    public int logins() {
        return logins.get();
    }

    /** @return every command line typed so far, in order (never a password) */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.debug("stopping a simulated switch's SSH server failed: {}", e.toString());
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
