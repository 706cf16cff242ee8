package org.bmsdk.hardware.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.testkit.junit5.RedfishExtension;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet poller's TLS against the simulator's HTTPS BMC, over a socket driven by hand: with the
 * BMC's CA the handshake completes and a GET is answered; a certificate from an unknown CA, or one
 * that does not name the host, is refused as untrusted, unless host names are not checked (an
 * endpoint marked insecure).
 */
class TlsLinkTest {

    @RegisterExtension
    static final RedfishExtension LAB = RedfishExtension.withMachines(1);

    private static final ErrorContext CTX = ErrorContext.of("redfish://test", "redfish", "test");

    private static SSLContext trusting(SimulatedRedfish bmc) {
        return TlsSetup.context(Rig.endpoint(bmc).build(), CTX);
    }

    /** Handshakes and GETs the service root over a blocking socket; returns the status. */
    private static int getRoot(SimulatedRedfish bmc, SSLContext ssl, String host, boolean verifyHost) throws Exception {
        try (SocketChannel s = SocketChannel.open(new InetSocketAddress(bmc.address().getAddress(), bmc.port()))) {
            TlsLink tls = new TlsLink(ssl, host, bmc.port(), verifyHost);
            ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
            while (!tls.handshake(s, scratch)) {
                Thread.onSpinWait(); // a blocking socket: each step waits for its bytes
            }
            ByteBuffer request = ByteBuffer.wrap(PollChannel.requestBytes("/redfish/v1/", bmc.address().getAddress().getHostAddress()
                    + ":" + bmc.port(), Map.of()));
            assertTrue(tls.send(s, request));
            ResponseDecoder d = new ResponseDecoder(16 * 1024, 1 << 20);
            d.reset();
            while (true) {
                javax.net.ssl.SSLEngineResult.Status st = tls.unwrapPlain(s, scratch);
                if (scratch.hasRemaining() && d.feed(scratch)) {
                    return d.status();
                }
                if (st == javax.net.ssl.SSLEngineResult.Status.BUFFER_UNDERFLOW && tls.read(s) < 0) {
                    throw new AssertionError("the BMC closed before answering");
                }
            }
        }
    }

    @Test
    void withTheBmcsCaTheHandshakeCompletesAndAGetIsAnswered() throws Exception {
        SimulatedRedfish bmc = LAB.bmc(0);
        assertEquals(200, getRoot(bmc, trusting(bmc), bmc.address().getAddress().getHostAddress(), true));
    }

    @Test
    void anUnknownCaIsRefusedAsUntrusted() {
        SimulatedRedfish bmc = LAB.bmc(0);
        BmcEndpoint jvmTrust = BmcEndpoint.builder("redfish://" + bmc.address().getAddress().getHostAddress() + ":" + bmc.port())
                .credentials(CredentialRef.inline(bmc.spec().credentials())).build(); // no CA file: the JVM's trust store
        SSLException e = assertThrows(SSLException.class,
                () -> getRoot(bmc, TlsSetup.context(jvmTrust, CTX), bmc.address().getAddress().getHostAddress(), true));
        assertTrue(HttpTransport.isUntrusted(e), String.valueOf(e));
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefusedUnlessHostNamesAreNotChecked() throws Exception {
        SimulatedRedfish bmc = LAB.bmc(0);
        SSLException e = assertThrows(SSLException.class, () -> getRoot(bmc, trusting(bmc), "not-the-bmc.example", true));
        assertTrue(HttpTransport.isUntrusted(e), String.valueOf(e));
        assertEquals(200, getRoot(bmc, trusting(bmc), "not-the-bmc.example", false));
    }
}
