package org.bmsdk.hardware.ipmi.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.IpmiWorkaround;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.OpenSessionRequest;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.OpenSessionResponse;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp1;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp2;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp34;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an RMCP+ session (IPMI v2.0 section 13.15): Get Channel Authentication Capabilities, Get
 * Channel Cipher Suites, Open Session, RAKP 1 to 4, then Set Session Privilege Level. The password
 * is used only as the RAKP key, revealed for the exchange and wiped after it; neither it nor any
 * session key is logged or put in a message.
 */
final class SessionEstablisher {

    private static final Logger LOG = LoggerFactory.getLogger(SessionEstablisher.class);
    private static final int MAX_PASSWORD = 20;
    /** Handshakes tried when a RAKP answer is lost (BMCs answer a retransmitted RAKP message at most once). */
    private static final int MAX_HANDSHAKES = 3;

    private final UdpTransport transport;
    private final InetSocketAddress peer;
    private final String endpoint;
    private final IpmiOptions options;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ErrorContext context;
    private final long deadline;

    SessionEstablisher(UdpTransport transport, InetSocketAddress peer, String endpoint, IpmiOptions options, Clock clock,
            Sleeper sleeper, Duration connectTimeout) {
        this.transport = transport;
        this.peer = peer;
        this.endpoint = endpoint;
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
        this.context = ErrorContext.of(endpoint, "ipmi", "session.open");
        this.deadline = System.nanoTime() + connectTimeout.toNanos();
    }

    /**
     * Opens a session.
     *
     * @param username the user, 1 to 16 bytes
     * @param password the user's key
     * @return the running session
     * @throws AuthenticationException when the BMC refuses the user or proves another password
     * @throws ConfigurationException when no acceptable cipher suite or IPMI v2.0 is available
     * @throws OperationTimeoutException when the BMC does not answer
     */
    IpmiSession open(String username, Secret password) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        if (user.length == 0) {
            throw new ConfigurationException("anonymous (null user) IPMI logins are refused", context);
        }
        if (user.length > SessionSetupMessages.MAX_USERNAME) {
            throw new ConfigurationException("IPMI user names are at most 16 bytes, but '" + username + "' has " + user.length, context);
        }
        PresessionQueries channel = new PresessionQueries(transport, peer, endpoint, options, context, retry());
        channel.checkAuthenticationCapabilities();
        BareMetalException last = null;
        for (CipherSuite suite : channel.candidateSuites()) {
            for (int attempt = 1; ; attempt++) {
                byte[] kuid = password.revealBytes();
                try {
                    if (kuid.length > MAX_PASSWORD) {
                        throw new ConfigurationException("IPMI v2.0 passwords are at most 20 bytes", context);
                    }
                    return openWith(suite, user, kuid);
                } catch (AlgorithmRejected e) {
                    LOG.debug("{} refused cipher suite {}: {}", endpoint, suite.id(), e.getMessage());
                    last = new ConfigurationException("the BMC refused cipher suite " + suite.id() + ": " + e.getMessage(), context);
                    break;
                } catch (HandshakeLost e) {
                    if (attempt >= MAX_HANDSHAKES || System.nanoTime() >= deadline) {
                        throw e.timeout;
                    }
                    LOG.debug("{}: {}; starting the handshake again", endpoint, e.timeout.getMessage());
                } finally {
                    Bytes.wipe(kuid);
                }
            }
        }
        throw last != null ? last : new ConfigurationException("no cipher suite to try", context);
    }

    private Exchange.Retry retry() {
        return new Exchange.Retry(options.responseTimeout(), options.retransmissions(), deadline);
    }

    /**
     * A RAKP exchange went unanswered after an earlier step was answered. BMCs such as ipmi_sim
     * do not answer a retransmitted RAKP 3 once they sent RAKP 4, so when RAKP 4 is lost only a new
     * handshake helps.
     */
    private static final class HandshakeLost extends Exception {
        private static final long serialVersionUID = 1L;
        final transient OperationTimeoutException timeout;

        HandshakeLost(OperationTimeoutException timeout) {
            super(timeout.getMessage(), null, false, false);
            this.timeout = timeout;
        }
    }

    /** The BMC does not take this suite's algorithms. */
    private static final class AlgorithmRejected extends Exception {
        private static final long serialVersionUID = 1L;

        AlgorithmRejected(String message) {
            super(message, null, false, false);
        }
    }

    private IpmiSession openWith(CipherSuite suite, byte[] user, byte[] kuid) throws AlgorithmRejected, HandshakeLost {
        SessionRelay relay = new SessionRelay();
        int consoleSid = transport.allocateSessionId(peer, relay);
        UdpTransport.Route route = new UdpTransport.Route(peer, UdpTransport.Kind.SESSION, consoleSid);
        boolean handedOver = false;
        byte[] sik = null;
        byte[] k1 = null;
        byte[] k2 = null;
        try {
            int requestedPriv = options.has(IpmiWorkaround.OPEN_SESSION_PRIVILEGE) ? options.privilege().level() : 0;
            OpenSessionResponse open = setup("Open Session Request", RmcpFrame.OPEN_SESSION_RESPONSE,
                    tag -> new OpenSessionRequest(tag, requestedPriv, consoleSid, suite.auth().number, suite.integrity().number,
                            suite.confidentiality().number).encode(), RmcpFrame.OPEN_SESSION_REQUEST, OpenSessionResponse::decode);
            checkOpenSession(open, suite, consoleSid);
            if (open.maxPrivilege() < options.privilege().level()) {
                throw new AuthenticationException("the BMC answered Open Session with maximum privilege " + open.maxPrivilege()
                        + ", below " + options.privilege() + (requestedPriv == 0 ? "; BMCs that answer a request for the highest "
                        + "level so (OpenIPMI ipmi_sim does) need the 'opensesspriv' workaround" : ""), context);
            }

            byte[] rm = Crypto.random(SessionSetupMessages.RANDOM_LENGTH);
            int role = SessionSetupMessages.NAME_ONLY_LOOKUP | options.privilege().level();
            Rakp2 rakp2;
            try {
                rakp2 = setup("RAKP Message 1", RmcpFrame.RAKP_2,
                        tag -> new Rakp1(tag, open.bmcSessionId(), rm, role, user).encode(), RmcpFrame.RAKP_1, Rakp2::decode);
            } catch (OperationTimeoutException e) {
                throw new HandshakeLost(e);
            }
            if (rakp2.status() != 0) {
                throw statusFailure("RAKP Message 2", rakp2.status(), user);
            }
            if (rakp2.consoleSessionId() != consoleSid) {
                throw new AuthenticationException("RAKP Message 2 names another session", context);
            }
            Rakp rakp = new Rakp(consoleSid, open.bmcSessionId(), rm, rakp2.bmcRandom(), rakp2.bmcGuid(), role, user);
            byte[] expected = rakp.rakp2Code(suite.auth(), kuid);
            if (!Crypto.equal(expected, rakp2.authCode())) {
                sendQuietly(RmcpFrame.RAKP_3, new Rakp34(0, RmcpPlusStatus.INVALID_INTEGRITY_CHECK_VALUE, open.bmcSessionId(),
                        new byte[0]).encode());
                throw new AuthenticationException("the BMC's RAKP Message 2 does not prove the password of user '"
                        + new String(user, StandardCharsets.UTF_8) + "': the password is wrong", context);
            }

            byte[] rakp3Code = rakp.rakp3Code(suite.auth(), kuid);
            // Kg keys the SIK when the BMC has one (section 13.31); otherwise Kuid does
            byte[] kg = options.bmcKey().map(org.bmsdk.api.credentials.Secret::revealBytes).orElse(null);
            try {
                sik = rakp.sik(suite.auth(), kg != null ? kg : kuid);
            } finally {
                Bytes.wipe(kg);
            }
            Rakp34 rakp4;
            try {
                rakp4 = setup("RAKP Message 3", RmcpFrame.RAKP_4,
                        tag -> new Rakp34(tag, 0, open.bmcSessionId(), rakp3Code).encode(), RmcpFrame.RAKP_3, Rakp34::decode);
            } catch (OperationTimeoutException e) {
                closeHalfOpen(suite, sik, consoleSid, open.bmcSessionId());
                throw new HandshakeLost(e);
            }
            if (rakp4.status() != 0) {
                throw statusFailure("RAKP Message 4", rakp4.status(), user);
            }
            checkRakp4(rakp, suite, sik, rakp4, consoleSid);

            k1 = Rakp.k1(suite.auth(), sik);
            k2 = Rakp.k2(suite.auth(), sik);
            SessionSecurity security = new SessionSecurity(suite, consoleSid, open.bmcSessionId(), k1, k2);
            IpmiSession session = new IpmiSession(transport, peer, endpoint, security, options, clock, sleeper);
            session.routedVia(relay);
            relay.target = session;
            handedOver = true;
            session.start();
            setPrivilege(session);
            describe(session);
            return session;
        } finally {
            Bytes.wipe(sik, k1, k2);
            if (!handedOver) {
                transport.unregister(route, relay);
            }
        }
    }

    private <T> T setup(String name, int answerType, java.util.function.IntFunction<byte[]> payload, int requestType,
            PayloadDecoder<T> decoder) {
        Exchange<T> ex = new Exchange<>(transport, peer, name, tag -> RmcpFrame.rmcpPlus(requestType, payload.apply(tag)),
                frame -> {
                    if (!frame.rmcpPlus() || frame.payloadType() != answerType) {
                        throw new MalformedPacketException(DropReason.UNEXPECTED, "payload type " + Bytes.hex8(frame.payloadType()));
                    }
                    return decoder.decode(frame.payload());
                }, retry());
        try {
            return Futures.await(ex.start(UdpTransport.Kind.SETUP, 0, 256), context, endpoint);
        } catch (OperationTimeoutException e) {
            if (requestType == RmcpFrame.RAKP_1) {
                throw new OperationTimeoutException(e.getMessage().replaceFirst("^\\[[^]]*] ", "")
                        + " (some BMCs do not answer RAKP Message 1 for an unknown user)", context, e);
            }
            throw e;
        }
    }

    private void checkOpenSession(OpenSessionResponse open, CipherSuite suite, int consoleSid) throws AlgorithmRejected {
        if (open.status() != 0) {
            if (RmcpPlusStatus.isAlgorithmRejected(open.status())) {
                throw new AlgorithmRejected("Open Session: " + RmcpPlusStatus.describe(open.status()));
            }
            throw statusFailure("Open Session Response", open.status(), null);
        }
        if (open.consoleSessionId() != consoleSid) {
            throw new AuthenticationException("the Open Session Response names another session", context);
        }
        if (open.auth() != suite.auth().number || open.integrity() != suite.integrity().number
                || open.confidentiality() != suite.confidentiality().number) {
            // Refuse whatever else the BMC picked; "none" there is the classic way in.
            throw new AlgorithmRejected("the BMC answered authentication " + CipherSuite.Auth.name(open.auth()) + ", integrity "
                    + CipherSuite.Integrity.name(open.integrity()) + ", confidentiality "
                    + CipherSuite.Confidentiality.name(open.confidentiality()) + " to a proposal of cipher suite " + suite.id());
        }
    }

    private void checkRakp4(Rakp rakp, CipherSuite suite, byte[] sik, Rakp34 rakp4, int consoleSid) {
        byte[] expected = rakp.rakp4Code(suite.auth(), sik);
        byte[] got = rakp4.code();
        if (got.length > expected.length && options.has(IpmiWorkaround.INTEGRITY_CHECK_VALUE)) {
            got = Arrays.copyOf(got, expected.length);
        }
        if (rakp4.sessionId() != consoleSid || !Crypto.equal(expected, got)) {
            throw new AuthenticationException("the BMC's RAKP Message 4 integrity check value is wrong: it derived other session "
                    + "keys (is a BMC key, Kg, set on it?)", context);
        }
    }

    private BareMetalException statusFailure(String message, int status, byte[] user) {
        String text = message + ": " + RmcpPlusStatus.describe(status);
        if (RmcpPlusStatus.isAuthenticationFailure(status)) {
            return new AuthenticationException("the BMC refused " + (user == null ? "the session" : "user '"
                    + new String(user, StandardCharsets.UTF_8) + "' at " + options.privilege()) + " (" + text + ")", context);
        }
        return new DeviceException(text, context, "rmcp+ " + Bytes.hex8(status), RmcpPlusStatus.isTransient(status), null);
    }

    private void setPrivilege(IpmiSession session) {
        IpmiRequest req = IpmiRequest.of("Set Session Privilege Level", IpmiRequest.APP, 0x3B, options.privilege().level());
        try {
            IpmiResponse r = session.call(req, context);
            if (r.completionCode() == 0x80 || r.completionCode() == 0x81) {
                throw new AuthenticationException("the BMC does not grant " + options.privilege() + " to this user ("
                        + CompletionCodes.describe(r.completionCode()) + ")", context);
            }
            byte[] granted = r.require(context, 0);
            if (granted.length > 0 && (granted[0] & 0x0F) < options.privilege().level()) {
                throw new AuthenticationException("the BMC granted privilege " + (granted[0] & 0x0F) + " instead of "
                        + options.privilege(), context);
            }
        } catch (BareMetalException e) {
            session.close();
            throw e;
        }
    }

    /**
     * The BMC may have activated a session whose RAKP 4 we never got: ask it, once and without
     * waiting, to close it, so that it does not hold one of the user's few session slots.
     */
    private void closeHalfOpen(CipherSuite suite, byte[] sik, int consoleSid, int bmcSid) {
        byte[] k1 = Rakp.k1(suite.auth(), sik);
        byte[] k2 = Rakp.k2(suite.auth(), sik);
        SessionSecurity s = new SessionSecurity(suite, consoleSid, bmcSid, k1, k2);
        try {
            transport.send(peer, s.seal(RmcpFrame.IPMI, LanMessage.request(IpmiRequest.APP, 0x3C, 0, Bytes.leInt(bmcSid)).encode()));
        } catch (java.io.IOException e) {
            LOG.debug("could not close the half-open session with {}: {}", endpoint, e.toString());
        } finally {
            s.destroy();
            Bytes.wipe(k1, k2);
        }
    }

    /** Logs who the BMC says it is, which tells vendor quirks apart in a support case. */
    private void describe(IpmiSession session) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        IpmiRequest req = Commands.getDeviceId();
        try {
            IpmiResponse r = session.call(req, context);
            DeviceId id = IpmiConnection.decode(req, r.require(context, 6), context, DeviceId::decode);
            LOG.debug("opened an IPMI session with {} (cipher suite {}, {}): IPMI {}, firmware {}, manufacturer {}, product {}",
                    endpoint, session.security().suite().id(), options.privilege(), id.ipmiVersion(), id.firmware(),
                    id.manufacturer(), id.product());
        } catch (BareMetalException e) {
            LOG.debug("opened an IPMI session with {}; Get Device ID failed: {}", endpoint, e.getMessage());
        }
    }

    private void sendQuietly(int payloadType, byte[] payload) {
        try {
            transport.send(peer, RmcpFrame.rmcpPlus(payloadType, payload));
        } catch (java.io.IOException e) {
            LOG.debug("could not tell {} that its RAKP 2 failed: {}", endpoint, e.toString());
        }
    }

    /** Decodes a setup payload. */
    private interface PayloadDecoder<T> {
        T decode(byte[] payload) throws MalformedPacketException;
    }

    /** Routes a session's packets to it once it exists; until then they are dropped. */
    private static final class SessionRelay implements UdpTransport.Receiver {
        private volatile IpmiSession target;

        @Override
        public void receive(RmcpFrame frame) throws MalformedPacketException {
            IpmiSession s = target;
            if (s == null) {
                throw new MalformedPacketException(DropReason.UNEXPECTED, "session not yet established");
            }
            s.receive(frame);
        }
    }
}
