package org.bmsdk.ssh.internal;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;

/**
 * {@link SshClient} on SSHJ. Not part of the API: reach it through {@link SshClient#create()}.
 *
 * <p>Holds what connections share: SSHJ's configuration (building it probes the security
 * providers, which is slow) and a pool of daemon threads that drain command output, so that a
 * command writing much output never stalls on a full channel window while we wait for it.
 */
public final class SshjClient implements SshClient {

    private final Config config;
    private final ExecutorService io;
    private final Set<SshjConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Creates a client; {@link SshClient#create()} is the way in. */
    public SshjClient() {
        DefaultConfig c = new DefaultConfig();
        // keepalive@openssh.com requests, answered by the server, detect a dead peer; the default
        // (SSH_MSG_IGNORE) only keeps NAT state alive and never notices that no one answers.
        c.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        this.config = c;
        this.io = Executors.newCachedThreadPool(daemonThreads("bm-ssh-io-"));
    }

    @Override
    public SshConnection connect(SshOptions options) {
        Objects.requireNonNull(options, "options");
        if (closed.get()) {
            throw new IllegalStateException("SshClient is closed");
        }
        SshjConnection connection = new SshjConnection(SshjConnector.open(config, options), options, io, connections::remove);
        connections.add(connection);
        if (closed.get()) {
            // close() ran while we connected: do not leak the connection it could not see
            connection.close();
            throw new IllegalStateException("SshClient is closed");
        }
        return connection;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (SshjConnection c : connections.toArray(new SshjConnection[0])) {
                c.close();
            }
            io.shutdownNow();
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
