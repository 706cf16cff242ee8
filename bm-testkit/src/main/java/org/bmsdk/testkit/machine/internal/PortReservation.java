package org.bmsdk.testkit.machine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A TCP port on 127.0.0.1 kept for a service that listens only now and then (a host's SSH server
 * or heartbeat, up only while the host runs), so that the port can be published once, up front.
 *
 * <p>The port is held by a socket that is bound but neither listening nor connected: a connection
 * to the port is refused, as it is to a host that is down, and the kernel does not hand the port
 * out as an ephemeral one to anybody else. A listener bound with {@code SO_REUSEADDR}, as
 * {@link #listen()} makes (and as Apache MINA SSHD binds by default), may share it meanwhile.
 */
public final class PortReservation implements AutoCloseable {

    private final SocketChannel holder;
    private final InetSocketAddress address;

    private PortReservation(SocketChannel holder, InetSocketAddress address) {
        this.holder = holder;
        this.address = address;
    }

    /**
     * Reserves a port chosen by the kernel.
     *
     * @return the reservation; close it to give the port back
     */
    public static PortReservation reserve() {
        try {
            SocketChannel holder = SocketChannel.open();
            try {
                holder.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                return new PortReservation(holder, (InetSocketAddress) holder.getLocalAddress());
            } catch (IOException | RuntimeException e) {
                holder.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve a port on 127.0.0.1", e);
        }
    }

    /** @return 127.0.0.1 and the port */
    public InetSocketAddress address() {
        return address;
    }

    /** @return the port */
    public int port() {
        return address.getPort();
    }

    /**
     * Starts listening on the reserved port.
     *
     * @return the listening channel, in blocking mode; close it to stop listening
     * @throws UncheckedIOException when the port cannot be bound
     */
    public ServerSocketChannel listen() {
        try {
            ServerSocketChannel server = ServerSocketChannel.open();
            try {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(address, 64);
                return server;
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    @Override
    public void close() {
        try {
            holder.close();
        } catch (IOException e) {
            // nothing was sent on it; the port is free either way
        }
    }

    @Override
    public String toString() {
        return "PortReservation[" + address + "]";
    }
}
