package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * The RMCP+ session setup payloads (IPMI v2.0 sections 13.17 to 13.23), each with its encoder and
 * decoder in both directions, so that the codecs round-trip and a test BMC can speak them too.
 * Multi-byte integers are little-endian; session ids are as each side named them.
 */
final class SessionSetupMessages {

    static final int RANDOM_LENGTH = 16;
    static final int GUID_LENGTH = 16;
    static final int MAX_USERNAME = 16;
    /** RAKP 1 role bit 4: look the user up by name only (what ipmitool sends by default). */
    static final int NAME_ONLY_LOOKUP = 0x10;

    private SessionSetupMessages() {
    }

    /**
     * Open Session Request.
     *
     * @param tag the message tag, echoed in the response
     * @param maxPrivilege the requested maximum privilege, 0 meaning "highest matching the algorithms"
     * @param consoleSessionId the id the BMC will address us by
     * @param auth the authentication algorithm number
     * @param integrity the integrity algorithm number
     * @param confidentiality the confidentiality algorithm number
     */
    record OpenSessionRequest(int tag, int maxPrivilege, int consoleSessionId, int auth, int integrity, int confidentiality) {
        byte[] encode() {
            byte[] b = new byte[32];
            b[0] = (byte) tag;
            b[1] = (byte) maxPrivilege;
            Bytes.putIntLe(b, 4, consoleSessionId);
            algorithm(b, 8, 0, auth);
            algorithm(b, 16, 1, integrity);
            algorithm(b, 24, 2, confidentiality);
            return b;
        }

        static OpenSessionRequest decode(byte[] p) throws MalformedPacketException {
            PacketReader r = new PacketReader(p);
            int tag = r.u8("tag");
            int priv = r.u8("privilege") & 0x0F;
            r.skip(2, "reserved");
            int sid = r.i32("console session id");
            int a = readAlgorithm(r, 0);
            int i = readAlgorithm(r, 1);
            int c = readAlgorithm(r, 2);
            return new OpenSessionRequest(tag, priv, sid, a, i, c);
        }
    }

    /**
     * Open Session Response. On an error status, BMCs may end the payload after the status, so the
     * other fields are then zero.
     *
     * @param tag the request's tag
     * @param status the RMCP+ status code, 0 for success
     * @param maxPrivilege the privilege the session may reach
     * @param consoleSessionId our id
     * @param bmcSessionId the id we address the BMC by
     * @param auth the authentication algorithm the BMC chose
     * @param integrity the integrity algorithm the BMC chose
     * @param confidentiality the confidentiality algorithm the BMC chose
     */
    record OpenSessionResponse(int tag, int status, int maxPrivilege, int consoleSessionId, int bmcSessionId, int auth,
            int integrity, int confidentiality) {
        byte[] encode() {
            if (status != 0) {
                byte[] b = new byte[8];
                b[0] = (byte) tag;
                b[1] = (byte) status;
                Bytes.putIntLe(b, 4, consoleSessionId);
                return b;
            }
            byte[] b = new byte[36];
            b[0] = (byte) tag;
            b[1] = (byte) status;
            b[2] = (byte) maxPrivilege;
            Bytes.putIntLe(b, 4, consoleSessionId);
            Bytes.putIntLe(b, 8, bmcSessionId);
            algorithm(b, 12, 0, auth);
            algorithm(b, 20, 1, integrity);
            algorithm(b, 28, 2, confidentiality);
            return b;
        }

        static OpenSessionResponse decode(byte[] p) throws MalformedPacketException {
            PacketReader r = new PacketReader(p);
            int tag = r.u8("tag");
            int status = r.u8("status");
            if (status != 0) {
                int sid = 0;
                if (r.remaining() >= 6) {
                    r.skip(2, "reserved");
                    sid = r.i32("console session id");
                }
                return new OpenSessionResponse(tag, status, 0, sid, 0, 0, 0, 0);
            }
            int priv = r.u8("privilege") & 0x0F;
            r.skip(1, "reserved");
            int csid = r.i32("console session id");
            int bsid = r.i32("BMC session id");
            int a = readAlgorithm(r, 0);
            int i = readAlgorithm(r, 1);
            int c = readAlgorithm(r, 2);
            return new OpenSessionResponse(tag, status, priv, csid, bsid, a, i, c);
        }
    }

    /**
     * RAKP Message 1.
     *
     * @param tag the message tag
     * @param bmcSessionId the BMC's session id
     * @param consoleRandom Rm, 16 bytes
     * @param role the requested privilege with the lookup bit, as hashed into the RAKP codes
     * @param username the user name, up to 16 bytes
     */
    record Rakp1(int tag, int bmcSessionId, byte[] consoleRandom, int role, byte[] username) {
        Rakp1 {
            if (consoleRandom.length != RANDOM_LENGTH) {
                throw new IllegalArgumentException("Rm must be 16 bytes");
            }
            if (username.length > MAX_USERNAME) {
                throw new IllegalArgumentException("user name must be at most 16 bytes, but was " + username.length);
            }
        }

        byte[] encode() {
            byte[] b = new byte[28 + username.length];
            b[0] = (byte) tag;
            Bytes.putIntLe(b, 4, bmcSessionId);
            System.arraycopy(consoleRandom, 0, b, 8, RANDOM_LENGTH);
            b[24] = (byte) role;
            b[27] = (byte) username.length;
            System.arraycopy(username, 0, b, 28, username.length);
            return b;
        }

        static Rakp1 decode(byte[] p) throws MalformedPacketException {
            PacketReader r = new PacketReader(p);
            int tag = r.u8("tag");
            r.skip(3, "reserved");
            int sid = r.i32("BMC session id");
            byte[] rm = r.bytes(RANDOM_LENGTH, "Rm");
            int role = r.u8("role");
            r.skip(2, "reserved");
            int len = r.u8("user name length");
            if (len > MAX_USERNAME) {
                throw new MalformedPacketException(DropReason.MALFORMED, "user name length " + len);
            }
            return new Rakp1(tag, sid, rm, role, r.bytes(len, "user name"));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rakp1 m && m.tag == tag && m.bmcSessionId == bmcSessionId && m.role == role
                    && Arrays.equals(m.consoleRandom, consoleRandom) && Arrays.equals(m.username, username);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tag, bmcSessionId, role);
        }

        @Override
        public String toString() {
            return "Rakp1[tag=" + tag + ", role=" + Bytes.hex8(role) + ", username=" + username.length + " bytes]";
        }
    }

    /**
     * RAKP Message 2.
     *
     * @param tag the message tag
     * @param status the RMCP+ status code
     * @param consoleSessionId our id
     * @param bmcRandom Rc, 16 bytes (empty on an error status)
     * @param bmcGuid the BMC's GUID, 16 bytes (empty on an error status)
     * @param authCode the key exchange authentication code
     */
    record Rakp2(int tag, int status, int consoleSessionId, byte[] bmcRandom, byte[] bmcGuid, byte[] authCode) {
        byte[] encode() {
            byte[] head = new byte[8];
            head[0] = (byte) tag;
            head[1] = (byte) status;
            Bytes.putIntLe(head, 4, consoleSessionId);
            return Bytes.concat(head, bmcRandom, bmcGuid, authCode);
        }

        static Rakp2 decode(byte[] p) throws MalformedPacketException {
            PacketReader r = new PacketReader(p);
            int tag = r.u8("tag");
            int status = r.u8("status");
            if (status != 0) {
                int sid = 0;
                if (r.remaining() >= 6) {
                    r.skip(2, "reserved");
                    sid = r.i32("console session id");
                }
                return new Rakp2(tag, status, sid, new byte[0], new byte[0], new byte[0]);
            }
            r.skip(2, "reserved");
            int sid = r.i32("console session id");
            byte[] rc = r.bytes(RANDOM_LENGTH, "Rc");
            byte[] guid = r.bytes(GUID_LENGTH, "GUID");
            return new Rakp2(tag, status, sid, rc, guid, r.rest());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rakp2 m && m.tag == tag && m.status == status && m.consoleSessionId == consoleSessionId
                    && Arrays.equals(m.bmcRandom, bmcRandom) && Arrays.equals(m.bmcGuid, bmcGuid)
                    && Arrays.equals(m.authCode, authCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tag, status, consoleSessionId);
        }

        @Override
        public String toString() {
            return "Rakp2[tag=" + tag + ", status=" + Bytes.hex8(status) + ", authCode=" + authCode.length + " bytes]";
        }
    }

    /**
     * RAKP Message 3 (sent) and RAKP Message 4 (received): the same layout, a tag, a status, a
     * session id and a code (the key exchange code in 3, the integrity check value in 4).
     *
     * @param tag the message tag
     * @param status the RMCP+ status code
     * @param sessionId the BMC's id in RAKP 3, ours in RAKP 4
     * @param code the code, empty on an error status
     */
    record Rakp34(int tag, int status, int sessionId, byte[] code) {
        byte[] encode() {
            byte[] head = new byte[8];
            head[0] = (byte) tag;
            head[1] = (byte) status;
            Bytes.putIntLe(head, 4, sessionId);
            return Bytes.concat(head, code);
        }

        static Rakp34 decode(byte[] p) throws MalformedPacketException {
            PacketReader r = new PacketReader(p);
            int tag = r.u8("tag");
            int status = r.u8("status");
            if (status != 0 && r.remaining() < 6) {
                return new Rakp34(tag, status, 0, new byte[0]);
            }
            r.skip(2, "reserved");
            int sid = r.i32("session id");
            return new Rakp34(tag, status, sid, r.rest());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rakp34 m && m.tag == tag && m.status == status && m.sessionId == sessionId
                    && Arrays.equals(m.code, code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tag, status, sessionId);
        }

        @Override
        public String toString() {
            return "Rakp34[tag=" + tag + ", status=" + Bytes.hex8(status) + ", code=" + code.length + " bytes]";
        }
    }

    private static void algorithm(byte[] b, int at, int type, int number) {
        b[at] = (byte) type;
        b[at + 3] = 0x08;
        b[at + 4] = (byte) number;
    }

    private static int readAlgorithm(PacketReader r, int type) throws MalformedPacketException {
        int t = r.u8("algorithm payload type");
        r.skip(2, "reserved");
        int len = r.u8("algorithm payload length");
        if (t != type || len != 8) {
            throw new MalformedPacketException(DropReason.MALFORMED, "algorithm payload type " + t + " length " + len);
        }
        int number = r.u8("algorithm") & 0x3F;
        r.skip(3, "reserved");
        return number;
    }
}
