package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;

/**
 * The outer layers of an IPMI datagram: the RMCP header (IPMI v2.0 section 13.1.3), then either an
 * IPMI v1.5 session header without authentication (only ever used before a session, for Get
 * Channel Authentication Capabilities and Get Channel Cipher Suites) or an RMCP+ session header
 * (section 13.6). The payload is still encrypted and the trailer still unchecked here:
 * {@link SessionSecurity} does that for the session the frame belongs to.
 *
 * @param rmcpPlus true for the IPMI v2.0 (RMCP+) format, false for v1.5
 * @param payloadType the RMCP+ payload type, 6 bits ({@link #IPMI} for v1.5)
 * @param encrypted the RMCP+ encrypted bit
 * @param authenticated the RMCP+ authenticated bit
 * @param sessionId the session id, as the receiver knows it
 * @param sequence the session sequence number
 * @param payload the payload as carried (ciphertext when encrypted)
 * @param payloadEnd where the payload ends in the datagram (the trailer follows)
 * @param datagram the whole datagram
 */
record RmcpFrame(boolean rmcpPlus, int payloadType, boolean encrypted, boolean authenticated, int sessionId, int sequence,
        byte[] payload, int payloadEnd, byte[] datagram) {

    /** The largest datagram this driver takes; IPMI LAN packets are far smaller. */
    static final int MAX_DATAGRAM = 1024;
    static final int RMCP_HEADER = 4;
    /** RMCP+ header after the RMCP header: format, payload type, session id, sequence, length. */
    static final int RMCP_PLUS_HEADER = 12;
    static final int AUTH_TYPE_NONE = 0x00;
    static final int AUTH_TYPE_RMCP_PLUS = 0x06;

    static final int IPMI = 0x00;
    /** Serial-over-LAN (IPMI v2.0 section 15). */
    static final int SOL = 0x01;
    static final int OPEN_SESSION_REQUEST = 0x10;
    static final int OPEN_SESSION_RESPONSE = 0x11;
    static final int RAKP_1 = 0x12;
    static final int RAKP_2 = 0x13;
    static final int RAKP_3 = 0x14;
    static final int RAKP_4 = 0x15;

    private static final byte[] RMCP = {0x06, 0x00, (byte) 0xFF, 0x07};

    /**
     * Encodes an IPMI message in the v1.5 format with no session and no authentication.
     *
     * @param message the encoded IPMI message
     * @return the datagram
     */
    static byte[] presession(byte[] message) {
        byte[] out = new byte[RMCP_HEADER + 10 + message.length];
        System.arraycopy(RMCP, 0, out, 0, RMCP_HEADER);
        // auth type none, sequence 0, session id 0: nine zero bytes, then the length
        out[RMCP_HEADER + 9] = (byte) message.length;
        System.arraycopy(message, 0, out, RMCP_HEADER + 10, message.length);
        return out;
    }

    /**
     * Encodes an unauthenticated RMCP+ packet, as Open Session and RAKP messages travel.
     *
     * @param payloadType the payload type
     * @param payload the payload
     * @return the datagram
     */
    static byte[] rmcpPlus(int payloadType, byte[] payload) {
        byte[] out = new byte[RMCP_HEADER + RMCP_PLUS_HEADER + payload.length];
        writeRmcpPlusHeader(out, payloadType, false, false, 0, 0, payload.length);
        System.arraycopy(payload, 0, out, RMCP_HEADER + RMCP_PLUS_HEADER, payload.length);
        return out;
    }

    static void writeRmcpPlusHeader(byte[] out, int payloadType, boolean encrypted, boolean authenticated, int sessionId,
            int sequence, int payloadLength) {
        System.arraycopy(RMCP, 0, out, 0, RMCP_HEADER);
        out[4] = AUTH_TYPE_RMCP_PLUS;
        out[5] = (byte) ((encrypted ? 0x80 : 0) | (authenticated ? 0x40 : 0) | (payloadType & 0x3F));
        Bytes.putIntLe(out, 6, sessionId);
        Bytes.putIntLe(out, 10, sequence);
        Bytes.putShortLe(out, 14, payloadLength);
    }

    /**
     * Decodes the outer layers of a datagram.
     *
     * @param d the datagram
     * @return the frame
     * @throws MalformedPacketException when it is not an IPMI packet this driver could take
     */
    static RmcpFrame decode(byte[] d) throws MalformedPacketException {
        if (d.length > MAX_DATAGRAM) {
            throw new MalformedPacketException(DropReason.OVERSIZED, d.length + " bytes");
        }
        PacketReader r = new PacketReader(d);
        if (r.u8("RMCP version") != 0x06) {
            throw new MalformedPacketException(DropReason.MALFORMED, "not RMCP version 1.0");
        }
        r.skip(2, "RMCP reserved and sequence");
        if ((r.u8("RMCP class") & 0x1F) != 0x07) {
            throw new MalformedPacketException(DropReason.MALFORMED, "RMCP class is not IPMI");
        }
        int authType = r.u8("authentication type") & 0x0F;
        if (authType == AUTH_TYPE_RMCP_PLUS) {
            int typeByte = r.u8("payload type");
            int payloadType = typeByte & 0x3F;
            if (payloadType == 0x02) {
                throw new MalformedPacketException(DropReason.MALFORMED, "OEM explicit payloads are not used");
            }
            int sessionId = r.i32("session id");
            int sequence = r.i32("session sequence");
            int length = r.u16("payload length");
            byte[] payload = r.bytes(length, "payload");
            return new RmcpFrame(true, payloadType, (typeByte & 0x80) != 0, (typeByte & 0x40) != 0, sessionId, sequence,
                    payload, r.position(), d);
        }
        if (authType != AUTH_TYPE_NONE) {
            // IPMI v1.5 sessions (MD2, MD5, straight password) are never opened by this driver
            throw new MalformedPacketException(DropReason.MALFORMED, "IPMI v1.5 authentication type " + authType);
        }
        int sequence = r.i32("session sequence");
        int sessionId = r.i32("session id");
        int length = r.u8("message length");
        byte[] payload = r.bytes(length, "message");
        if (r.remaining() > 1) {
            // one legacy pad byte is allowed after a v1.5 message
            throw new MalformedPacketException(DropReason.OVERSIZED, r.remaining() + " bytes after the message");
        }
        return new RmcpFrame(false, IPMI, false, false, sessionId, sequence, payload, r.position(), d);
    }

    /**
     * Decodes the payload as an IPMI message, for unencrypted packets.
     *
     * @param verifyChecksums whether to verify the message checksums
     * @return the message
     * @throws MalformedPacketException when it is not one
     */
    LanMessage message(boolean verifyChecksums) throws MalformedPacketException {
        if (payloadType != IPMI) {
            throw new MalformedPacketException(DropReason.UNEXPECTED, "payload type " + Bytes.hex8(payloadType));
        }
        if (rmcpPlus && payloadEnd != datagram.length) {
            throw new MalformedPacketException(DropReason.OVERSIZED, "trailer on an unauthenticated packet");
        }
        return LanMessage.decode(payload, verifyChecksums);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RmcpFrame f && Arrays.equals(f.datagram, datagram);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(datagram);
    }

    @Override
    public String toString() {
        return "RmcpFrame[" + (rmcpPlus ? "v2.0" : "v1.5") + ", type=" + Bytes.hex8(payloadType) + (encrypted ? ", encrypted" : "")
                + (authenticated ? ", authenticated" : "") + ", session=" + Integer.toHexString(sessionId) + ", seq="
                + Integer.toUnsignedString(sequence) + ", payload=" + payload.length + " bytes]";
    }
}
