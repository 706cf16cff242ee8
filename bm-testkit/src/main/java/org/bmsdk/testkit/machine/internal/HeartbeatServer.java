package org.bmsdk.testkit.machine.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host's heartbeat: a TCP port on 127.0.0.1 that accepts while the host is up and refuses while
 * it is not. Each connection gets one line, {@code bm-testkit heartbeat NAME}, and is closed: a
 * monitor needs only to know that something answered. The port stays the same across boots.
 * Thread-safe.
 */
public final class HeartbeatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatServer.class);

    private final PortReservation port;
    private final byte[] greeting;
    private ServerSocketChannel listener;
    private Thread acceptor;
    private boolean closed;

    /**
     * Reserves the port; nothing listens until {@link #setUp(boolean) setUp(true)}.
     *
     * @param host the host's name, for the greeting
     */
    public HeartbeatServer(String host) {
        this.port = PortReservation.reserve();
        this.greeting = ("bm-testkit heartbeat " + host + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** @return 127.0.0.1 and the port */
    public InetSocketAddress address() {
        return port.address();
    }

    /** @return whether it accepts now */
    public synchronized boolean isListening() {
        return listener != null;
    }

    /**
     * Starts or stops accepting; does nothing when already so.
     *
     * @param up whether the host is up
     */
    public synchronized void setUp(boolean up) {
        if (closed || up == (listener != null)) {
            return;
        }
        if (up) {
            ServerSocketChannel server = port.listen();
            listener = server;
            Thread t = new Thread(() -> accept(server), "sim-heartbeat-" + port.port());
            t.setDaemon(true);
            acceptor = t;
            t.start();
        } else {
            stop();
        }
    }

    private void accept(ServerSocketChannel server) {
        while (true) {
            try (SocketChannel c = server.accept()) {
                c.write(ByteBuffer.wrap(greeting));
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                LOG.debug("heartbeat connection on {} failed: {}", address(), e.toString());
            }
        }
    }

    private void stop() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the heartbeat on {} failed: {}", address(), e.toString());
        }
        // The JDK closes a channel blocked in accept() only once that thread has left it: until then
        // the kernel still accepts. Wait, so that a host that went down refuses at once.
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener = null;
        acceptor = null;
    }

    /** Stops listening and gives the port back. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            stop();
        }
        port.close();
    }
}
