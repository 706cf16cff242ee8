package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;

/**
 * Seals and opens the packets of one established RMCP+ session (IPMI v2.0 section 13.28): session
 * ids, outbound sequence numbers, the integrity code (K1), AES-CBC-128 confidentiality (K2) and the
 * inbound replay window. Holds the session keys, which it never prints and wipes on
 * {@link #destroy()}.
 *
 * <p>Thread-safe: sealing happens on callers' threads, opening on the I/O thread.
 */
final class SessionSecurity {

    private static final int NEXT_HEADER = 0x07;

    private final CipherSuite suite;
    private final int consoleSessionId;
    private final int bmcSessionId;
    private final byte[] integrityKey;
    private final byte[] aesKey;
    private final ReplayWindow window = new ReplayWindow();
    private int outboundSequence;
    private volatile boolean destroyed;

    /**
     * Creates the session's security from its keys; it keeps copies, so the caller wipes its own.
     *
     * @param suite the negotiated suite
     * @param consoleSessionId our id, which the BMC addresses packets to
     * @param bmcSessionId the BMC's id, which we address packets to
     * @param k1 the integrity key
     * @param k2 the key whose first 16 bytes encrypt
     */
    SessionSecurity(CipherSuite suite, int consoleSessionId, int bmcSessionId, byte[] k1, byte[] k2) {
        this.suite = suite;
        this.consoleSessionId = consoleSessionId;
        this.bmcSessionId = bmcSessionId;
        this.integrityKey = k1.clone();
        this.aesKey = Arrays.copyOf(k2, 16);
    }

    CipherSuite suite() {
        return suite;
    }

    int consoleSessionId() {
        return consoleSessionId;
    }

    int bmcSessionId() {
        return bmcSessionId;
    }

    /** The next outbound sequence number: every packet, retransmissions too, gets a new one; 0 is skipped. */
    private synchronized int nextSequence() {
        outboundSequence++;
        if (outboundSequence == 0) {
            outboundSequence = 1;
        }
        return outboundSequence;
    }

    /**
     * Builds an encrypted, authenticated packet to the BMC.
     *
     * @param payloadType the payload type
     * @param payload the clear payload
     * @return the datagram
     */
    byte[] seal(int payloadType, byte[] payload) {
        checkAlive();
        byte[] body = Crypto.encrypt(aesKey, payload);
        int macLength = suite.integrity().length;
        int covered = RmcpFrame.RMCP_PLUS_HEADER + body.length;
        int pad = (4 - (covered + 2) % 4) % 4;
        byte[] out = new byte[RmcpFrame.RMCP_HEADER + covered + pad + 2 + macLength];
        RmcpFrame.writeRmcpPlusHeader(out, payloadType, true, true, bmcSessionId, nextSequence(), body.length);
        int at = RmcpFrame.RMCP_HEADER + RmcpFrame.RMCP_PLUS_HEADER;
        System.arraycopy(body, 0, out, at, body.length);
        at += body.length;
        for (int i = 0; i < pad; i++) {
            out[at++] = (byte) 0xFF;
        }
        out[at++] = (byte) pad;
        out[at++] = NEXT_HEADER;
        byte[] mac = Crypto.truncatedHmac(suite.integrity().mac, macLength, integrityKey,
                Arrays.copyOfRange(out, RmcpFrame.RMCP_HEADER, at));
        System.arraycopy(mac, 0, out, at, macLength);
        return out;
    }

    /**
     * Verifies a packet from the BMC and returns its clear payload: integrity first, then the
     * replay window, then decryption, so that nothing unauthenticated reaches the window or AES.
     *
     * @param frame the received frame, addressed to this session
     * @return the clear payload
     * @throws MalformedPacketException when it must be dropped
     */
    byte[] open(RmcpFrame frame) throws MalformedPacketException {
        if (destroyed) {
            throw new MalformedPacketException(DropReason.UNROUTED, "session already closed");
        }
        if (!frame.rmcpPlus() || frame.sessionId() != consoleSessionId) {
            throw new MalformedPacketException(DropReason.UNROUTED, "not addressed to this session");
        }
        if (!frame.authenticated()) {
            throw new MalformedPacketException(DropReason.UNAUTHENTICATED, "session packet without integrity code");
        }
        byte[] d = frame.datagram();
        int macLength = suite.integrity().length;
        int trailer = d.length - frame.payloadEnd();
        if (trailer < macLength + 2) {
            throw new MalformedPacketException(DropReason.TRUNCATED, "session trailer of " + trailer + " bytes");
        }
        int padLength = d[d.length - macLength - 2] & 0xFF;
        if (padLength > 3 || padLength != trailer - macLength - 2) {
            throw new MalformedPacketException(DropReason.MALFORMED, "integrity pad length " + padLength);
        }
        if ((d[d.length - macLength - 1] & 0xFF) != NEXT_HEADER) {
            throw new MalformedPacketException(DropReason.MALFORMED, "next header");
        }
        byte[] expected = Crypto.truncatedHmac(suite.integrity().mac, macLength, integrityKey,
                Arrays.copyOfRange(d, RmcpFrame.RMCP_HEADER, d.length - macLength));
        if (!Crypto.equal(expected, Arrays.copyOfRange(d, d.length - macLength, d.length))) {
            throw new MalformedPacketException(DropReason.BAD_INTEGRITY, "integrity code mismatch");
        }
        switch (window.accept(frame.sequence())) {
            case REPLAYED:
                throw new MalformedPacketException(DropReason.REPLAYED, "sequence " + Integer.toUnsignedString(frame.sequence()));
            case OUT_OF_WINDOW:
                throw new MalformedPacketException(DropReason.OUT_OF_WINDOW,
                        "sequence " + Integer.toUnsignedString(frame.sequence()) + ", highest "
                                + Integer.toUnsignedString(window.highest()));
            default:
                break;
        }
        // An authenticated but unencrypted payload is genuine; some BMCs send session replies so.
        return frame.encrypted() ? Crypto.decrypt(aesKey, frame.payload()) : frame.payload();
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("session keys were destroyed");
        }
    }

    /** Wipes the keys; the session can no longer seal or open. */
    void destroy() {
        destroyed = true;
        Bytes.wipe(integrityKey, aesKey);
    }

    @Override
    public String toString() {
        return "SessionSecurity[suite " + suite.id() + ", SIDm=" + Integer.toHexString(consoleSessionId) + ", SIDc="
                + Integer.toHexString(bmcSessionId) + "]";
    }
}
