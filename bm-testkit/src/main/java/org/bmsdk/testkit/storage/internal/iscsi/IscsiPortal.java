package org.bmsdk.testkit.storage.internal.iscsi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.bmsdk.testkit.storage.internal.HostFiles;
import org.bmsdk.testkit.storage.internal.TgtState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage host's iSCSI portal on 127.0.0.1 and a port chosen at start: accepts connections and
 * runs each on a thread of its own ({@link IscsiConnection}), against the targets tgtadm made.
 */
public final class IscsiPortal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IscsiPortal.class);

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private IscsiPortal(ServerSocket server) {
        this.server = server;
    }

    /**
     * Starts a portal.
     *
     * @param tgt the targets
     * @param files the backing files
     * @param refuse whether a fault refuses every login now
     * @return the running portal
     */
    public static IscsiPortal start(TgtState tgt, HostFiles files, BooleanSupplier refuse) {
        ServerSocket s;
        try {
            s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the simulated storage host's iSCSI portal", e);
        }
        IscsiPortal portal = new IscsiPortal(s);
        String address = "127.0.0.1:" + s.getLocalPort();
        LoginNegotiation.Targets targets = new LoginNegotiation.Targets() {
            @Override
            public Optional<TgtState.TargetView> find(String name) {
                return tgt.view(name);
            }

            @Override
            public boolean refuseAll() {
                return refuse.getAsBoolean();
            }
        };
        SecureRandom random = new SecureRandom();
        Thread accept = new Thread(() -> {
            while (!portal.closed) {
                try {
                    Socket c = s.accept();
                    c.setTcpNoDelay(true);
                    portal.open.add(c);
                    Thread t = new Thread(() -> {
                        try {
                            new IscsiConnection(c, tgt, files, address, targets, random).run();
                        } catch (IOException e) {
                            LOG.debug("an iSCSI connection failed at once: {}", e.toString());
                        } finally {
                            portal.open.remove(c);
                        }
                    }, "sim-iscsi-" + c.getPort());
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    if (!portal.closed) {
                        LOG.debug("the iSCSI portal's accept failed: {}", e.toString());
                    }
                }
            }
        }, "sim-iscsi-portal-" + s.getLocalPort());
        accept.setDaemon(true);
        accept.start();
        return portal;
    }

    /** @return the TCP port */
    public int port() {
        return server.getLocalPort();
    }

    /** Closes the portal and every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the iSCSI portal failed: {}", e.toString());
        }
        for (Socket c : open) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
