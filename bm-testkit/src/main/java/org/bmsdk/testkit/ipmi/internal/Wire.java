package org.bmsdk.testkit.ipmi.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The byte layout of RMCP, the IPMI v1.5 and v2.0 (RMCP+) session headers and IPMI LAN messages
 * (IPMI v2.0 sections 13.6, 13.8 and 13.28), written for the BMC's side from the specification.
 * Parsing never throws on bad input: it returns null and the caller drops the datagram.
 */
public final class Wire {

    /** RMCP version 1.0 (06h), reserved, sequence FFh (no RMCP ACK), message class. */
    static final int RMCP_VERSION = 0x06;
    static final int CLASS_ASF = 0x06;
    static final int CLASS_IPMI = 0x07;
    static final int AUTH_NONE = 0x00;
    static final int AUTH_RMCP_PLUS = 0x06;

    /** Payload types (IPMI v2.0 table 13-16). */
    public static final int PAYLOAD_IPMI = 0x00;
    public static final int PAYLOAD_SOL = 0x01;
    public static final int PAYLOAD_OPEN_SESSION_REQUEST = 0x10;
    public static final int PAYLOAD_OPEN_SESSION_RESPONSE = 0x11;
    public static final int PAYLOAD_RAKP1 = 0x12;
    public static final int PAYLOAD_RAKP2 = 0x13;
    public static final int PAYLOAD_RAKP3 = 0x14;
    public static final int PAYLOAD_RAKP4 = 0x15;

    /** The BMC's slave address and the usual remote console software id. */
    public static final int BMC_ADDRESS = 0x20;

    private Wire() {
    }

    /**
     * A parsed datagram carrying an IPMI class RMCP message.
     *
     * @param v15 whether it had an IPMI v1.5 session header (only unauthenticated, pre-session)
     * @param encrypted the payload-encrypted bit
     * @param authenticated the payload-authenticated bit
     * @param payloadType the payload type (6 bits)
     * @param sessionId the session id in the header
     * @param sequence the session sequence number
     * @param payload the payload bytes, still encrypted when {@code encrypted}
     * @param integrityEnd where the integrity pad and auth code start (v2.0 only)
     */
    public record Packet(boolean v15, boolean encrypted, boolean authenticated, int payloadType, int sessionId, int sequence,
            byte[] payload, int integrityEnd) {
    }

    /** @return whether the datagram is an RMCP ASF Presence Ping; its tag is byte 9 */
    static boolean isAsfPing(byte[] b, int len) {
        return len >= 12 && (b[0] & 0xFF) == RMCP_VERSION && (b[3] & 0x1F) == CLASS_ASF && u32be(b, 4) == 4542
                && (b[8] & 0xFF) == 0x80;
    }

    /** The ASF Presence Pong (DSP0136 3.2.4.3): IPMI supported, no ASF interactions. */
    static byte[] asfPong(int tag) {
        byte[] p = new byte[28];
        p[0] = RMCP_VERSION;
        p[2] = (byte) 0xFF;
        p[3] = CLASS_ASF;
        putU32be(p, 4, 4542);
        p[8] = 0x40;
        p[9] = (byte) tag;
        p[11] = 16;
        putU32be(p, 12, 4542);
        p[20] = (byte) 0x81;
        return p;
    }

    /**
     * Parses an RMCP/IPMI datagram.
     *
     * @return the packet, or null when it is not one this BMC accepts
     */
    public static Packet parse(byte[] b, int len) {
        if (len < 14 || len > b.length || (b[0] & 0xFF) != RMCP_VERSION || (b[2] & 0xFF) != 0xFF || (b[3] & 0xFF) != CLASS_IPMI) {
            return null;
        }
        int auth = b[4] & 0xFF;
        if (auth == AUTH_NONE) {
            int seq = u32(b, 5);
            int sid = u32(b, 9);
            int mlen = b[13] & 0xFF;
            if (14 + mlen > len) {
                return null;
            }
            return new Packet(true, false, false, PAYLOAD_IPMI, sid, seq, Arrays.copyOfRange(b, 14, 14 + mlen), len);
        }
        if (auth != AUTH_RMCP_PLUS || len < 16) {
            return null;
        }
        int pt = b[5] & 0xFF;
        int type = pt & 0x3F;
        if (type == 0x02) {
            return null; // OEM explicit payloads: none offered
        }
        int sid = u32(b, 6);
        int seq = u32(b, 10);
        int plen = u16(b, 14);
        if (16 + plen > len) {
            return null;
        }
        return new Packet(false, (pt & 0x80) != 0, (pt & 0x40) != 0, type, sid, seq, Arrays.copyOfRange(b, 16, 16 + plen),
                16 + plen);
    }

    /**
     * Builds an RMCP+ datagram. With keys, the payload is encrypted (AES-CBC-128) and the packet
     * signed; without, it goes in the clear (session setup).
     *
     * @param keys the session's keys, or null
     * @param payloadType the payload type
     * @param sessionId the remote console's session id (0 before a session)
     * @param sequence the BMC's outbound sequence number
     * @param payload the payload in the clear
     * @return the datagram
     */
    public static byte[] build(SessionKeys keys, int payloadType, int sessionId, int sequence, byte[] payload) {
        byte[] body = keys == null ? payload : keys.encrypt(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 48);
        out.write(RMCP_VERSION);
        out.write(0);
        out.write(0xFF);
        out.write(CLASS_IPMI);
        out.write(AUTH_RMCP_PLUS);
        out.write(payloadType | (keys == null ? 0 : 0xC0));
        writeU32(out, sessionId);
        writeU32(out, sequence);
        out.write(body.length & 0xFF);
        out.write(body.length >>> 8);
        out.writeBytes(body);
        if (keys != null) {
            // From the auth type byte through the next header, a multiple of 4 bytes (13.28.4).
            int covered = out.size() - 4 + 2;
            int pad = (4 - covered % 4) % 4;
            for (int i = 0; i < pad; i++) {
                out.write(0xFF);
            }
            out.write(pad);
            out.write(0x07);
            byte[] sofar = out.toByteArray();
            out.writeBytes(keys.integrity(sofar, 4, sofar.length - 4));
        }
        return out.toByteArray();
    }

    /** Builds an IPMI v1.5 datagram with no authentication and session 0, for pre-session answers. */
    public static byte[] buildV15(byte[] message) {
        byte[] p = new byte[14 + message.length];
        p[0] = RMCP_VERSION;
        p[2] = (byte) 0xFF;
        p[3] = CLASS_IPMI;
        p[13] = (byte) message.length;
        System.arraycopy(message, 0, p, 14, message.length);
        return p;
    }

    /**
     * An IPMI LAN request (13.8): rsAddr, netFn/rsLUN, checksum, rqAddr, rqSeq/rqLUN, cmd, data, checksum.
     *
     * @param netFn the network function (even)
     * @param rsLun the responder's LUN
     * @param rqAddr the requester's address
     * @param rqSeq the requester's sequence number (6 bits)
     * @param rqLun the requester's LUN
     * @param cmd the command
     * @param data the request data
     */
    public record Request(int netFn, int rsLun, int rqAddr, int rqSeq, int rqLun, int cmd, byte[] data) {

        /** @return the request's bytes; used by tests that play the remote console */
        public byte[] encode() {
            byte[] m = new byte[7 + data.length];
            m[0] = (byte) BMC_ADDRESS;
            m[1] = (byte) (netFn << 2 | rsLun);
            m[2] = checksum(m, 0, 2);
            m[3] = (byte) rqAddr;
            m[4] = (byte) (rqSeq << 2 | rqLun);
            m[5] = (byte) cmd;
            System.arraycopy(data, 0, m, 6, data.length);
            m[m.length - 1] = checksum(m, 3, m.length - 4);
            return m;
        }

        /**
         * Encodes the response to this request.
         *
         * @param completion the completion code
         * @param response the response data after it
         * @return the message
         */
        byte[] respond(int completion, byte[] response) {
            byte[] m = new byte[8 + response.length];
            m[0] = (byte) rqAddr;
            m[1] = (byte) ((netFn | 1) << 2 | rqLun);
            m[2] = checksum(m, 0, 2);
            m[3] = (byte) BMC_ADDRESS;
            m[4] = (byte) (rqSeq << 2 | rsLun);
            m[5] = (byte) cmd;
            m[6] = (byte) completion;
            System.arraycopy(response, 0, m, 7, response.length);
            m[m.length - 1] = checksum(m, 3, m.length - 4);
            return m;
        }
    }

    /**
     * Parses an IPMI LAN request addressed to the BMC, checking both checksums.
     *
     * @return the request, or null when it is malformed, a response, or for another address
     */
    public static Request parseRequest(byte[] m) {
        if (m.length < 7 || (m[0] & 0xFF) != BMC_ADDRESS || checksum(m, 0, 2) != m[2] || checksum(m, 3, m.length - 4) != m[m.length - 1]) {
            return null;
        }
        int netFn = (m[1] & 0xFF) >>> 2;
        if ((netFn & 1) != 0) {
            return null;
        }
        return new Request(netFn, m[1] & 3, m[3] & 0xFF, (m[4] & 0xFF) >>> 2, m[4] & 3, m[5] & 0xFF,
                Arrays.copyOfRange(m, 6, m.length - 1));
    }

    /** The two's complement checksum of {@code len} bytes: they and it sum to 0 mod 256. */
    public static byte checksum(byte[] b, int off, int len) {
        int sum = 0;
        for (int i = off; i < off + len; i++) {
            sum += b[i];
        }
        return (byte) -sum;
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    public static int u32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static int u32be(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    static void putU32be(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static void putU32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void writeU32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** @return a byte array from ints, each taken mod 256 */
    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
