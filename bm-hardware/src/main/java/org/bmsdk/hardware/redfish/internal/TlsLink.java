package org.bmsdk.hardware.redfish.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;

/**
 * TLS over one non-blocking socket of the fleet poller, through an {@link SSLEngine}: the client's
 * trust (its {@link SSLContext}) and, unless the endpoint is marked insecure, the host name checked
 * against the certificate as HTTPS does. The handshake is moved on as far as the bytes at hand
 * allow, and resumed when the socket is ready again; its delegated tasks (certificate checks) run on
 * the loop's thread, as they are short next to a poll's timeout.
 */
final class TlsLink {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    /** Bytes read from the socket and not yet unwrapped (write mode). */
    private ByteBuffer netIn;
    /** Bytes wrapped and not yet written (write mode: from 0 to the position). */
    private final ByteBuffer netOut;
    private boolean handshaken;

    TlsLink(SSLContext context, String host, int port, boolean verifyHost) throws IOException {
        engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        if (verifyHost) {
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
        }
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet);
        netOut = ByteBuffer.allocate(packet);
        engine.beginHandshake();
    }

    /** @return whether the handshake is over and requests may be sent */
    boolean handshaken() {
        return handshaken;
    }

    /** @return whether wrapped bytes wait for the socket to take them */
    boolean pendingOutput() {
        return netOut.position() > 0;
    }

    /**
     * Moves the handshake on without waiting.
     *
     * @param socket the socket
     * @param scratch a buffer for plain bytes (none come during a handshake)
     * @return whether it is over
     * @throws IOException an {@code SSLException} when the peer is not trusted or breaks TLS; EOF when it closed
     */
    boolean handshake(SocketChannel socket, ByteBuffer scratch) throws IOException {
        while (!handshaken) {
            if (!flush(socket)) {
                return false;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrap(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    scratch.clear();
                    SSLEngineResult.Status s = unwrap(scratch);
                    if (s == SSLEngineResult.Status.BUFFER_UNDERFLOW && !fill(socket)) {
                        return false;
                    }
                    if (s == SSLEngineResult.Status.CLOSED) {
                        throw new EOFException("the peer closed TLS during the handshake");
                    }
                }
                default -> handshaken = !pendingOutput() || flush(socket);
            }
        }
        return flush(socket);
    }

    /**
     * Wraps a whole request and writes what the socket takes.
     *
     * @param socket the socket
     * @param plain the request
     * @return whether everything was written
     */
    boolean send(SocketChannel socket, ByteBuffer plain) throws IOException {
        while (plain.hasRemaining()) {
            wrap(plain);
        }
        return flush(socket);
    }

    /**
     * Writes wrapped bytes that wait.
     *
     * @return whether none are left
     */
    boolean flush(SocketChannel socket) throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        socket.write(netOut);
        netOut.compact();
        return netOut.position() == 0;
    }

    /**
     * Reads what the socket has.
     *
     * @return -1 at the end of the stream, else the bytes read
     */
    int read(SocketChannel socket) throws IOException {
        if (!netIn.hasRemaining()) {
            grow();
        }
        return socket.read(netIn);
    }

    /**
     * Unwraps one record into {@code plain} (which is cleared first and flipped after), answering what
     * TLS asks meanwhile (a key update, a session ticket).
     *
     * @return the status: OK with plain bytes or none, BUFFER_UNDERFLOW when more bytes must be read, CLOSED
     */
    SSLEngineResult.Status unwrapPlain(SocketChannel socket, ByteBuffer plain) throws IOException {
        plain.clear();
        SSLEngineResult.Status s = unwrap(plain);
        plain.flip();
        while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK
                || engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            } else {
                wrap(EMPTY);
            }
        }
        flush(socket);
        return s;
    }

    /**
     * Reads what the socket has and hands each record's plain bytes to {@code feed} (in {@code plain},
     * flipped), until the socket has nothing more or {@code feed} says stop.
     *
     * @param feed takes the plain bytes; false to stop reading
     * @return whether the peer closed the connection (or TLS)
     */
    boolean readPlain(SocketChannel socket, ByteBuffer plain, java.util.function.BooleanSupplier feed) throws IOException {
        int n = read(socket);
        while (n >= 0) {
            SSLEngineResult.Status s = unwrapPlain(socket, plain);
            if (plain.hasRemaining()) {
                if (!feed.getAsBoolean()) {
                    return false;
                }
            } else if (s == SSLEngineResult.Status.CLOSED) {
                return true;
            } else if (s == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                n = read(socket);
                if (n == 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private SSLEngineResult.Status unwrap(ByteBuffer plain) throws IOException {
        netIn.flip();
        try {
            return engine.unwrap(netIn, plain).getStatus();
        } finally {
            netIn.compact();
        }
    }

    private void wrap(ByteBuffer plain) throws IOException {
        SSLEngineResult r = engine.wrap(plain, netOut);
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new EOFException("TLS is closed");
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new IOException("a TLS record larger than the packet buffer");
        }
    }

    /** Reads more for an unwrap that lacked bytes; false when none are there now. */
    private boolean fill(SocketChannel socket) throws IOException {
        int n = read(socket);
        if (n < 0) {
            throw new EOFException("the peer closed the connection during the TLS handshake");
        }
        return n > 0;
    }

    private void grow() {
        ByteBuffer b = ByteBuffer.allocate(netIn.capacity() * 2);
        netIn.flip();
        b.put(netIn);
        netIn = b;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
