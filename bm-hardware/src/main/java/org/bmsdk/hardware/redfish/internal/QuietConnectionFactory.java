package org.bmsdk.hardware.redfish.internal;

import java.io.IOException;
import java.net.Socket;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;

/**
 * Creates HTTP connections that never log. HttpClient's own connection class prints every header
 * (the session token and Basic credentials among them) to the {@code org.apache.hc.client5.http.headers}
 * logger and every byte to {@code ...wire} when those are at DEBUG; an application that turns them
 * on for another client must not leak our BMC credentials. These connections have no such loggers.
 */
final class QuietConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    static final QuietConnectionFactory INSTANCE = new QuietConnectionFactory();

    private QuietConnectionFactory() {
    }

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        QuietConnection c = new QuietConnection();
        if (socket != null) {
            c.bind(socket);
        }
        return c;
    }

    /** A plain HTTP/1.1 client connection with the pool's bookkeeping and no logging. */
    static final class QuietConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {

        private volatile Timeout socketTimeout = Timeout.DISABLED;

        QuietConnection() {
            super(Http1Config.DEFAULT);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            super.bind(socket);
            socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
        }

        @Override
        public Socket getSocket() {
            return getSocketHolder() == null ? null : getSocketHolder().getSocket();
        }

        /**
         * Sets the socket's read timeout, unless it is that already: the pool and the request
         * executor set the same timeout on every lease and request, and each setting takes the
         * socket's lock (a few percent of a power poll's CPU).
         */
        @Override
        public void setSocketTimeout(Timeout timeout) {
            if (timeout.equals(socketTimeout)) {
                return;
            }
            super.setSocketTimeout(timeout);
            socketTimeout = timeout;
        }

        @Override
        public void passivate() {
            // Nothing: a blocking connection that nobody reads cannot time out while it idles in the
            // pool (its stale check sets a timeout of its own and puts this one back).
        }

        @Override
        public void activate() {
            // Nothing: the lease and the request set the timeouts they need.
        }
    }
}
