package org.bmsdk.ha.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * The host's heartbeat port, until the simulated machine grows one of its own: a TCP listener on
 * 127.0.0.1 that is open only while the machine's OS is {@link OsState#RUNNING}, so a connect is
 * refused once the host is down, as it is for a real dead host.
 */
final class Heartbeat implements AutoCloseable {

    private final SimulatedMachine machine;
    private final int port;
    private final Thread thread;
    private volatile boolean closed;

    Heartbeat(SimulatedMachine machine) {
        this.machine = machine;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = new Thread(this::run, "heartbeat-" + machine.name());
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private void run() {
        ServerSocket server = null;
        while (!closed) {
            try {
                boolean running = machine.osState() == OsState.RUNNING;
                if (running && server == null) {
                    server = new ServerSocket();
                    server.setReuseAddress(true);
                    server.setSoTimeout(10);
                    server.bind(address());
                } else if (!running && server != null) {
                    server.close();
                    server = null;
                }
                if (server == null) {
                    Thread.sleep(10);
                    continue;
                }
                try (Socket s = server.accept()) {
                    s.getOutputStream().write('.');
                } catch (SocketTimeoutException idle) {
                    // Look at the OS state again.
                }
            } catch (IOException e) {
                server = closeQuietly(server);
            } catch (InterruptedException e) {
                break;
            }
        }
        closeQuietly(server);
    }

    private static ServerSocket closeQuietly(ServerSocket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing a listener only frees the port.
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
