package org.bmsdk.hardware.redfish.internal;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.PowerState;

/**
 * The fleet poller's keep-alive connection to one BMC, and the polls waiting for it: one request in
 * flight at a time (never more than the one slot of the BMC's budget it holds), the request's bytes
 * kept from poll to poll and made again only when the session's token changes, and the answer read
 * in place by a {@link ResponseDecoder}. Used by its {@link PollLoop}'s thread only.
 */
final class PollChannel {

    /** The longest head of an answer accepted; a System's head is a few hundred bytes. */
    static final int MAX_HEAD = 16 * 1024;

    final RedfishConnection connection;
    final BmcBudget budget;
    final ArrayDeque<PowerPoll> queue = new ArrayDeque<>(2);
    final ResponseDecoder decoder;
    final ErrorContext ctx;
    private final String path;
    SocketChannel socket;
    SelectionKey key;
    /** TLS on the current socket, for an HTTPS BMC; null over plain HTTP. */
    TlsLink tls;
    boolean connecting;
    long connectDeadline;
    /** Whether this socket already carried an answer: if it then closes before the next one, it was idle too long, not refused. */
    boolean reused;
    /** Whether the current poll was already sent again on a new socket after a stale one closed. */
    boolean resent;
    boolean waitingForSlot;
    PowerPoll current;
    long lastUsed = System.nanoTime();
    private ByteBuffer request;
    private Map<String, String> requestAuth;

    PollChannel(RedfishConnection connection, ErrorContext ctx) {
        this.connection = connection;
        this.budget = connection.http().budget();
        this.ctx = ctx;
        this.decoder = new ResponseDecoder(MAX_HEAD, connection.http().options().maxResponseBytes());
        // The resolved URI's raw path: a link the BMC gave with spaces or line breaks was refused when it was resolved.
        this.path = BmcAddress.pathOf(connection.http().address().resolve(connection.systemPath(), ctx));
    }

    /**
     * Opens a non-blocking socket and registers it; writes at once when the connection was made at once.
     *
     * @throws IOException when the socket cannot be opened or the connection is refused at once
     */
    void open(Selector selector, ByteBuffer scratch) throws IOException {
        SocketChannel s = SocketChannel.open();
        try {
            s.configureBlocking(false);
            s.setOption(StandardSocketOptions.TCP_NODELAY, true);
            reused = false;
            connecting = !s.connect(connection.socketAddress());
            connectDeadline = System.nanoTime() + connection.endpoint().connectTimeout().toNanos();
            socket = s;
            key = s.register(selector, connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_READ, this);
        } catch (IOException | RuntimeException e) {
            s.close();
            socket = null;
            throw e;
        }
        if (!connecting) {
            connected(scratch);
        }
    }

    /** Finishes a connection the selector says is ready, then writes (or starts TLS). */
    void finishConnect(ByteBuffer scratch) throws IOException {
        socket.finishConnect();
        connecting = false;
        key.interestOps(SelectionKey.OP_READ);
        connected(scratch);
    }

    private void connected(ByteBuffer scratch) throws IOException {
        javax.net.ssl.SSLContext ssl = connection.sslContext();
        if (ssl == null) {
            write();
            return;
        }
        java.net.InetSocketAddress a = connection.socketAddress();
        tls = new TlsLink(ssl, a.getHostString(), a.getPort(), !connection.endpoint().insecure());
        handshake(scratch);
    }

    /** Moves the TLS handshake on; once it is over, sends the request. */
    void handshake(ByteBuffer scratch) throws IOException {
        if (tls.handshake(socket, scratch)) {
            key.interestOps(SelectionKey.OP_READ);
            write();
        } else {
            key.interestOps(tls.pendingOutput() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    /**
     * Sends the current poll's request: the kept bytes, made again when the authentication's headers
     * changed (a new session token after a re-login; Basic makes new headers each time).
     */
    void write() throws IOException {
        Auth a = connection.http().auth();
        current.sentGeneration = a.generation(); // before the headers, as the blocking path reads them
        Map<String, String> auth = a.headers();
        if (request == null || auth != requestAuth) {
            request = ByteBuffer.wrap(requestBytes(path, connection.http().address().authority(), auth));
            requestAuth = auth;
        }
        request.clear();
        decoder.reset();
        boolean all;
        if (tls != null) {
            all = tls.send(socket, request);
        } else {
            socket.write(request);
            all = !request.hasRemaining();
        }
        if (!all) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    /** Writes what the socket would not take at once. */
    void writeMore() throws IOException {
        boolean all;
        if (tls != null) {
            all = tls.flush(socket);
        } else {
            socket.write(request);
            all = !request.hasRemaining();
        }
        if (all) {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /**
     * The power state in a whole 2xx answer.
     *
     * @return the state
     * @throws org.bmsdk.api.BareMetalException typed, when the body is not a JSON object or PowerState is mistyped
     */
    PowerState powerState() {
        String type = decoder.contentType();
        HttpResult r = new HttpResult("GET", path, decoder.status(), type == null ? Map.of() : Map.of("content-type", type), decoder.body());
        return RedfishPower.stateOf(Json.topLevelText(r, ctx, "PowerState").orElse(""));
    }

    /** Closes the socket (the next poll opens another). */
    void closeSocket() {
        if (socket != null) {
            try {
                socket.close(); // also cancels the key
            } catch (IOException e) {
                // closing a socket we give up on changes nothing
            }
        }
        socket = null;
        key = null;
        tls = null;
        connecting = false;
        reused = false;
    }

    /** Gives the current poll's request slot back to the BMC's budget and forgets the poll. */
    PowerPoll release() {
        PowerPoll p = current;
        if (p != null) {
            budget.releaseRequest();
            current = null;
        }
        return p;
    }

    /**
     * The bytes of a GET: the headers the blocking path sends, and the authentication's.
     *
     * @param path the raw path
     * @param authority {@code host:port}
     * @param auth the authentication's headers; their values were checked to be printable ASCII
     * @return ISO-8859-1 bytes
     */
    static byte[] requestBytes(String path, String authority, Map<String, String> auth) {
        StringBuilder b = new StringBuilder(160).append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(authority)
                .append("\r\nAccept: application/json\r\nOData-Version: 4.0\r\n");
        for (Map.Entry<String, String> h : auth.entrySet()) {
            b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** @return a typed error for an answer that did not frame */
    DeviceException malformed(ResponseDecoder.Malformed e) {
        return new DeviceException("GET " + path + ": the answer is not valid HTTP (" + e.getMessage() + ")", ctx, "bm.InvalidResponse");
    }

    /**
     * The typed error for a socket that failed.
     *
     * @param e what failed
     * @param connect whether no connection was made (safe to try again)
     * @return the error
     */
    org.bmsdk.api.BareMetalException transportError(Exception e, boolean connect) {
        String what = "GET " + path + ": ";
        String why = " (" + e.getClass().getSimpleName() + ")";
        if (HttpTransport.isUntrusted(e)) {
            return new org.bmsdk.api.AuthenticationException("the BMC's TLS certificate is not trusted" + why
                    + "; give the endpoint its CA file, or mark it insecure for a lab", ctx, e);
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return new org.bmsdk.api.TransportException(what + "TLS failed" + why, ctx, e);
        }
        if (connect) {
            return new ConnectFailedException(what + "could not connect" + why, ctx, e);
        }
        return new org.bmsdk.api.TransportException(what + "the connection failed" + why, ctx, e);
    }

    /** @return the path polled, for messages */
    String path() {
        return path;
    }

    @Override
    public String toString() {
        // never the request bytes: they hold the session token
        return "PollChannel[" + ctx.endpoint() + path + "]";
    }
}
