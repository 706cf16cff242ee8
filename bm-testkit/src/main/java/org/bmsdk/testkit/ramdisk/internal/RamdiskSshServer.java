package org.bmsdk.testkit.ramdisk.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.testkit.internal.SshDaemon;
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

    private final SshDaemon server;

    private RamdiskSshServer(SshDaemon server) {
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
     * @param logins counts the successful logins, across boots
     * @return the running server
     */
    public static RamdiskSshServer start(int port, KeyPair hostKey, String username, Secret password,
            Supplier<RamdiskShell> shells, List<String> log, AtomicInteger logins) {
        return new RamdiskSshServer(SshDaemon.builder("the simulated ramdisk", hostKey)
                .port(port)
                .login(username, password)
                .loginCounter(logins)
                .commands((channel, line) -> new Exec(line, shells, log))
                .start());
    }

    @Override
    public void close() {
        server.close();
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
