package org.bmsdk.testkit.redfish.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;

/**
 * Server-side TLS that picks the certificate by the address the client connected to, so that
 * each simulated BMC on its own loopback address presents a certificate naming that address.
 */
final class AddressTlsStrategy implements TlsStrategy {

    private final TestPki pki;

    AddressTlsStrategy(TestPki pki) {
        this.pki = pki;
    }

    @Override
    @Deprecated
    public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress,
            SocketAddress remoteAddress, Object attachment, Timeout handshakeTimeout) {
        session.startTls(pki.contextFor(((InetSocketAddress) localAddress).getAddress()), host,
                SSLBufferMode.STATIC, null, null, handshakeTimeout);
        return true;
    }

    @Override
    public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment,
            Timeout handshakeTimeout, FutureCallback<TransportSecurityLayer> callback) {
        InetAddress address = attachment instanceof InetAddress a ? a
                : ((InetSocketAddress) ((IOSession) session).getLocalAddress()).getAddress();
        session.startTls(pki.contextFor(address), endpoint, SSLBufferMode.STATIC, null, null, handshakeTimeout,
                callback);
    }
}
