package org.bmsdk.testkit.storage.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.testkit.internal.SshDaemon;
import org.bmsdk.testkit.internal.StreamCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated storage host's SSH server (Apache MINA SSHD) on 127.0.0.1: password login, and an
 * exec channel that runs each command line through a fresh {@link HostShell}. No interactive
 * shell, no SFTP: the tgt driver needs neither.
 */
public final class StorageSshServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageSshServer.class);

    private final SshDaemon server;
    private final List<String> commands;

    private StorageSshServer(SshDaemon server, List<String> commands) {
        this.server = server;
        this.commands = commands;
    }

    /**
     * Starts a server on a port chosen now.
     *
     * @param hostKey the host key
     * @param username the user that may log in
     * @param password its password
     * @param shells makes the shell that runs one command line
     * @param faults the host's faults
     * @return the running server
     */
    public static StorageSshServer start(KeyPair hostKey, String username, Secret password, Supplier<HostShell> shells,
            HostFaultPlan faults) {
        List<String> commands = new CopyOnWriteArrayList<>();
        SshDaemon sshd = SshDaemon.builder("the simulated storage host", hostKey)
                .login(username, password)
                .refuseLoginsWhile(faults::loginRefused)
                .commands((channel, line) -> new Exec(line, shells, faults, commands))
                .start();
        return new StorageSshServer(sshd, commands);
    }

    /** @return the TCP port */
    public int port() {
        return server.port();
    }

    /** @return this server's line for a known_hosts file */
    public String knownHostsLine() {
        return server.knownHostsLine();
    }

    /** @return the successful logins so far */
    public int logins() {
        return server.logins();
    }

    /** @return every command line run so far, in order, the word after {@code --password} shown as {@code ****} */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * Hides CHAP secrets: the quoted or bare word after {@code --password}, or after {@code -p} on a
     * tgtadm line ({@code mkdir -p} keeps its directory).
     */
    static String redact(String line) {
        String word = "('(?:[^']|'\\\\'')*'|\\S+)";
        String r = line.replaceAll("((?:^|\\s)'?--password'?\\s+)" + word, "$1****");
        return r.contains("tgtadm") ? r.replaceAll("((?:^|\\s)'?-p'?\\s+)" + word, "$1****") : r;
    }

    private static final class Exec extends StreamCommand {
        private final String line;
        private final Supplier<HostShell> shells;
        private final HostFaultPlan faults;
        private final List<String> log;

        Exec(String line, Supplier<HostShell> shells, HostFaultPlan faults, List<String> log) {
            this.line = line;
            this.shells = shells;
            this.faults = faults;
            this.log = log;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            daemon("sim-storage-exec", () -> run(channel));
        }

        private void run(ChannelSession channel) {
            log.add(redact(line));
            try {
                long delay = faults.delay().toMillis();
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                HostShell.Result r;
                try {
                    r = shells.get().run(line);
                } catch (HostShell.DropSession drop) {
                    channel.getSession().close(true);
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("the simulated storage host failed on a command: {}", e.toString());
                    r = new HostShell.Result("", "bash: internal error of the simulated host\n", 1);
                }
                out.write(r.stdout().getBytes(StandardCharsets.UTF_8));
                out.flush();
                err.write(r.stderr().getBytes(StandardCharsets.UTF_8));
                err.flush();
                exit.onExit(r.status());
            } catch (IOException e) {
                LOG.debug("a command's channel closed early: {}", e.toString());
                exit.onExit(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit.onExit(1);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the command is short; it ends by itself
        }
    }
}
