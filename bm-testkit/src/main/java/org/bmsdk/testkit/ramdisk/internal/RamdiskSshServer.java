package org.bmsdk.testkit.ramdisk.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Supplier;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.bmsdk.testkit.internal.StreamCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One boot's worth of the ramdisk's SSH server (Apache MINA SSHD) on a reserved port of 127.0.0.1:
 * password login, and an exec channel that runs each command line through a {@link RamdiskShell}
 * with the channel's streams, so that {@code cat} and {@code dd} stream. No interactive shell, no
 * SFTP. Closing it drops every connection, as the host going down does.
 */
public final class RamdiskSshServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RamdiskSshServer.class);

    private final SshServer server;

    private RamdiskSshServer(SshServer server) {
        this.server = server;
    }

    /**
     * Starts a server.
     *
     * @param port the reserved port
     * @param hostKey the host key
     * @param username the user that may log in
     * @param password its password
     * @param shells makes the shell for one command line
     * @param log receives each command line run
     * @param logins counts each successful login
     * @return the running server
     */
    public static RamdiskSshServer start(int port, KeyPair hostKey, String username, String password,
            Supplier<RamdiskShell> shells, List<String> log, Runnable logins) {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        byte[] expected = password.getBytes(StandardCharsets.UTF_8);
        sshd.setPasswordAuthenticator((user, pass, session) -> {
            boolean ok = user.equals(username) && MessageDigest.isEqual(pass.getBytes(StandardCharsets.UTF_8), expected);
            if (ok) {
                logins.run();
            }
            return ok;
        });
        sshd.setCommandFactory((channel, line) -> new Exec(line, shells, log));
        try {
            sshd.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated ramdisk's SSH server on 127.0.0.1:" + port, e);
        }
        return new RamdiskSshServer(sshd);
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.debug("stopping the simulated ramdisk's SSH server failed: {}", e.toString());
        }
    }

    private static final class Exec extends StreamCommand {
        private final String line;
        private final Supplier<RamdiskShell> shells;
        private final List<String> log;
        private volatile Thread thread;

        Exec(String line, Supplier<RamdiskShell> shells, List<String> log) {
            this.line = line;
            this.shells = shells;
            this.log = log;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            thread = daemon("sim-ramdisk-exec", this::run);
        }

        private void run() {
            log.add(line);
            int status;
            try {
                status = shells.get().run(line, in, out, err);
                out.flush();
                err.flush();
            } catch (IOException e) {
                // The client closed the channel (it read what it wanted of a disk) or the host went down.
                LOG.debug("a ramdisk command's channel closed early: {}", e.toString());
                status = 141;
            } catch (InterruptedException e) {
                status = 130;
            } catch (RuntimeException e) {
                LOG.warn("the simulated ramdisk failed on a command: {}", e.toString());
                status = 1;
                try {
                    err.write("bash: internal error of the simulated ramdisk\n".getBytes(StandardCharsets.UTF_8));
                    err.flush();
                } catch (IOException ignored) {
                    // the channel is gone too
                }
            }
            exit.onExit(status);
        }

        @Override
        public void destroy(ChannelSession channel) {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
