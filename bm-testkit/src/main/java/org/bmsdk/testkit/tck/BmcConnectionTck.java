package org.bmsdk.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverProvider;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility suite of connecting to a BMC ({@link BmcDriverProvider} and {@link BmcClient}):
 * what every BMC driver must do about credentials, trust, an absent peer and closing. A driver's test
 * extends it and says how to start its BMC in front of a {@link SimulatedMachine} and how to address
 * it; the suite checks:
 *
 * <ul>
 *   <li>a wrong password is an {@link AuthenticationException} naming the endpoint (its port), whose
 *       message, {@code toString()} and causes hold neither the wrong password nor the right one;</li>
 *   <li>an address where a peer takes the connection or the datagram and never answers, and one
 *       where nothing listens, fail with a
 *       {@link TransportException} or {@link OperationTimeoutException} within the endpoint's
 *       timeouts (times the driver's attempts: {@link #giveUpWithin(BmcEndpoint)});</li>
 *   <li>a client closed twice is fine, and a call on a closed client is a {@link BareMetalException},
 *       not some other exception or an answer.</li>
 * </ul>
 *
 * <p>Each check connects and then reads the power state, so that a driver that connects lazily is
 * held to the same. A driver over TLS extends {@link TlsBmcConnectionTck}, which adds the check of
 * an untrusted certificate.
 */
public abstract class BmcConnectionTck {

    /** A password no BMC of the suite has. */
    private static final String WRONG_PASSWORD = "tck-Wr0ng-BMC-Pa55!";

    /** The endpoint's timeouts in the test of a peer that never answers. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    /** What a loaded test machine may add to a wait bounded by timeouts. */
    protected static final Duration LOAD_SLACK = Duration.ofSeconds(2);

    private SimulatedMachine machine;

    /** @return the driver under test, newly made, with options that suit a simulator */
    protected abstract BmcDriverProvider provider();

    /**
     * Starts the driver's BMC in front of a machine. The suite stops it with {@link #stopBmcs()}.
     *
     * @param machine the machine
     * @return an endpoint of the BMC with its account and the trust it needs (a CA file for TLS)
     */
    protected abstract BmcEndpoint.Builder startBmc(SimulatedMachine machine);

    /**
     * An endpoint of this driver at an address (its scheme, an account, the trust it would need).
     *
     * @param host the host
     * @param port the port
     * @return the endpoint
     */
    protected abstract BmcEndpoint.Builder endpointAt(String host, int port);

    /** Stops the BMCs the suite had started, after the clients closed. */
    protected abstract void stopBmcs();

    /**
     * How long a driver may take to give up on a peer that never answers: by default one connect
     * and one request timeout of the endpoint, plus {@link #LOAD_SLACK}. A driver that tries again
     * says how many times, as its options allow.
     *
     * @param endpoint the endpoint of the peer
     * @return the longest wait allowed
     */
    protected Duration giveUpWithin(BmcEndpoint endpoint) {
        return endpoint.connectTimeout().plus(endpoint.requestTimeout()).plus(LOAD_SLACK);
    }

    /** A new machine for the test, which the suite closes after it. */
    SimulatedMachine machine() {
        machine = SimulatedMachine.create(MachineSpec.builder("tck-bmc").build());
        return machine;
    }

    @AfterEach
    void stopTck() {
        try {
            stopBmcs();
        } finally {
            if (machine != null) {
                machine.close();
            }
        }
    }

    private BmcClient connect(BmcEndpoint endpoint) {
        return provider().connect(endpoint, DriverContext.defaults());
    }

    /** Connects, reads the power state and closes. */
    PowerState powerState(BmcEndpoint endpoint) {
        try (BmcClient client = connect(endpoint)) {
            return client.require(PowerControl.class).powerState();
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationErrorNamingTheEndpointNeverTheSecret() {
        BmcEndpoint right = startBmc(machine()).build();
        Credentials account = DriverContext.defaults().credentials().resolve(right.credentials());
        BmcEndpoint wrong = right.toBuilder()
                .credentials(CredentialRef.inline(Credentials.of(account.username(), WRONG_PASSWORD))).build();

        AuthenticationException e = assertThrows(AuthenticationException.class, () -> powerState(wrong));
        assertTrue(e.getMessage().contains(String.valueOf(right.port())), "the endpoint is named: " + e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String text : new String[] {String.valueOf(t.getMessage()), t.toString()}) {
                assertFalse(text.contains(WRONG_PASSWORD), "the wrong password is in: " + text);
                assertFalse(text.contains(account.password().reveal()), "the password is in: " + text);
            }
        }
        assertEquals(machine.powerState(), powerState(right), "the right password still gets in");
    }

    @Test
    void aPeerThatNeverAnswersFailsWithinTheEndpointsTimeouts() throws IOException {
        try (SilentPeer peer = SilentPeer.bind()) {
            failsInTime(peer.host(), peer.port());
        }
    }

    @Test
    void anAddressWhereNothingListensFailsWithinTheEndpointsTimeouts() throws IOException {
        String host;
        int port;
        try (SilentPeer peer = SilentPeer.bind()) {
            host = peer.host();
            port = peer.port();
        }
        failsInTime(host, port);
    }

    /** Connecting to an address fails with a transport error or a timeout, within the driver's bound. */
    private void failsInTime(String host, int port) {
        BmcEndpoint endpoint = endpointAt(host, port).connectTimeout(CONNECT_TIMEOUT).requestTimeout(REQUEST_TIMEOUT).build();
        Duration limit = giveUpWithin(endpoint);
        long t0 = System.nanoTime();
        BareMetalException e = assertThrows(BareMetalException.class, () -> powerState(endpoint));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(e instanceof TransportException || e instanceof OperationTimeoutException,
                "a transport error or a timeout, but was " + e);
        assertTrue(took.compareTo(limit) <= 0, "gave up after " + took + ", more than " + limit + ": " + e);
    }

    @Test
    void aClientClosedTwiceIsFineAndACallOnItIsATypedError() {
        BmcEndpoint endpoint = startBmc(machine()).build();
        BmcClient client = connect(endpoint);
        assertEquals(machine.powerState(), client.require(PowerControl.class).powerState());
        client.close();
        client.close();
        assertThrows(BareMetalException.class, () -> client.require(PowerControl.class).powerState(),
                "a call on a closed client");
    }

    /**
     * A TCP listener that never accepts (the kernel completes the handshake, nothing is read or
     * written) and a UDP socket that never replies, on one port of 127.0.0.1.
     */
    private record SilentPeer(ServerSocket tcp, DatagramSocket udp) implements AutoCloseable {

        static SilentPeer bind() throws IOException {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            for (int attempt = 0; ; attempt++) {
                ServerSocket tcp = new ServerSocket(0, 50, loopback);
                try {
                    return new SilentPeer(tcp, new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort())));
                } catch (SocketException taken) {
                    tcp.close();
                    if (attempt == 20) {
                        throw taken;
                    }
                }
            }
        }

        String host() {
            return tcp.getInetAddress().getHostAddress();
        }

        int port() {
            return tcp.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            try {
                udp.close();
            } finally {
                tcp.close();
            }
        }
    }
}
