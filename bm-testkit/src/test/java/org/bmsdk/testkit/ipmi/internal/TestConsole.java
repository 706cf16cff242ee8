package org.bmsdk.testkit.ipmi.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * A remote console for tests of the engine without sockets: it builds session setup and session
 * packets, hands them to the engine and reads its answers. It uses the simulator's own byte
 * helpers, so it proves consistency only; ipmitool and bm-hardware's driver prove correctness.
 */
final class TestConsole {

    private static final SecureRandom RANDOM = new SecureRandom();

    final BmcEngine engine;
    final MemoryTransport transport;
    final SocketAddress me;
    Suite suite = Suite.SUITE_17;
    int consoleId;
    int bmcId;
    int tag;
    byte[] rm;
    byte[] rc;
    byte[] guid;
    int role;
    byte[] user;
    SessionKeys keys;
    int sequence;
    int rqSeq;

    TestConsole(BmcEngine engine, MemoryTransport transport, int port) {
        this.engine = engine;
        this.transport = transport;
        this.me = new InetSocketAddress("127.0.0.1", port);
    }

    /** An IPMI response: completion code and data. */
    record Reply(int completion, byte[] data) {
    }

    /** Sends a datagram and returns the datagrams sent back to this console. */
    List<byte[]> exchange(byte[] datagram) {
        engine.receive(datagram, datagram.length, me);
        return transport.take(me);
    }

    private byte[] one(byte[] datagram, int payloadType) {
        List<byte[]> replies = exchange(datagram);
        if (replies.size() != 1) {
            return null;
        }
        Wire.Packet p = Wire.parse(replies.get(0), replies.get(0).length);
        return p == null || p.payloadType() != payloadType ? null : p.payload();
    }

    /** @return the Open Session status, or -1 for no answer */
    int open(Suite proposed, int maxPrivilege) {
        return open(proposed.auth(), proposed.integrity(), proposed.confidentiality(), maxPrivilege);
    }

    int open(int auth, int integrity, int conf, int maxPrivilege) {
        consoleId = RANDOM.nextInt() | 1;
        tag = (tag + 1) & 0xFF;
        byte[] p = new byte[32];
        p[0] = (byte) tag;
        p[1] = (byte) maxPrivilege;
        Wire.putU32(p, 4, consoleId);
        p[8] = 0x00;
        p[11] = 8;
        p[12] = (byte) auth;
        p[16] = 0x01;
        p[19] = 8;
        p[20] = (byte) integrity;
        p[24] = 0x02;
        p[27] = 8;
        p[28] = (byte) conf;
        Suite s = Suite.matching(auth, integrity, conf);
        if (s != null) {
            suite = s;
        }
        byte[] r = one(Wire.build(null, Wire.PAYLOAD_OPEN_SESSION_REQUEST, 0, 0, p), Wire.PAYLOAD_OPEN_SESSION_RESPONSE);
        if (r == null) {
            return -1;
        }
        if (r[1] == 0) {
            bmcId = Wire.u32(r, 8);
        }
        return r[1] & 0xFF;
    }

    /** @return the RAKP 2 status, or -1 for no answer */
    int rakp1(String name, int requestedRole) {
        rm = new byte[16];
        RANDOM.nextBytes(rm);
        user = name.getBytes(StandardCharsets.US_ASCII);
        role = requestedRole;
        byte[] p = new byte[28 + user.length];
        p[0] = (byte) tag;
        Wire.putU32(p, 4, bmcId);
        System.arraycopy(rm, 0, p, 8, 16);
        p[24] = (byte) role;
        p[27] = (byte) user.length;
        System.arraycopy(user, 0, p, 28, user.length);
        byte[] r = one(Wire.build(null, Wire.PAYLOAD_RAKP1, 0, 0, p), Wire.PAYLOAD_RAKP2);
        if (r == null) {
            return -1;
        }
        if (r[1] == 0) {
            rc = Arrays.copyOfRange(r, 8, 24);
            guid = Arrays.copyOfRange(r, 24, 40);
        }
        return r[1] & 0xFF;
    }

    /** @return whether RAKP 2's key exchange code checks out with this password */
    boolean rakp2Valid(String password, byte[] rakp2Code) {
        byte[] k = password.getBytes(StandardCharsets.US_ASCII);
        byte[] expected = suite.hmac(k, le(consoleId), le(bmcId), rm, rc, guid, new byte[] {(byte) role, (byte) user.length}, user);
        return Arrays.equals(expected, rakp2Code);
    }

    /** @return the RAKP 4 status, or -1 for no answer; on 0 the session keys are set */
    int rakp3(String password) {
        byte[] k = password.getBytes(StandardCharsets.US_ASCII);
        byte[] lengths = {(byte) role, (byte) user.length};
        byte[] code = suite.hmac(k, rc, le(consoleId), lengths, user);
        byte[] p = new byte[8 + code.length];
        p[0] = (byte) tag;
        Wire.putU32(p, 4, bmcId);
        System.arraycopy(code, 0, p, 8, code.length);
        byte[] r = one(Wire.build(null, Wire.PAYLOAD_RAKP3, 0, 0, p), Wire.PAYLOAD_RAKP4);
        if (r == null) {
            return -1;
        }
        if (r[1] == 0) {
            byte[] sik = suite.hmac(k, rm, rc, lengths, user);
            byte[] icv = Arrays.copyOf(suite.hmac(sik, rm, le(bmcId), guid), suite.truncatedLength());
            if (!Arrays.equals(icv, Arrays.copyOfRange(r, 8, r.length))) {
                throw new AssertionError("RAKP 4's integrity check value is wrong");
            }
            keys = new SessionKeys(suite, sik);
            sequence = 0;
        }
        return r[1] & 0xFF;
    }

    /** Opens a session as admin at ADMINISTRATOR level, failing the test if it cannot. */
    TestConsole login(Suite s, String name, String password) {
        if (open(s, 0) != 0 || rakp1(name, 0x14) != 0 || rakp3(password) != 0) {
            throw new AssertionError("login failed");
        }
        Reply r = command(0x06, 0x3B, 4);
        if (r == null || r.completion() != 0) {
            throw new AssertionError("Set Session Privilege Level failed: " + r);
        }
        return this;
    }

    /** Builds a signed, encrypted request packet of the session. */
    byte[] commandPacket(int netFn, int cmd, int... data) {
        byte[] d = Wire.bytes(data);
        rqSeq = (rqSeq + 1) & 0x3F;
        byte[] msg = new Wire.Request(netFn, 0, 0x81, rqSeq, 0, cmd, d).encode();
        return Wire.build(keys, Wire.PAYLOAD_IPMI, bmcId, ++sequence, msg);
    }

    /** Runs a command in the session; null when nothing (or nothing valid) came back. */
    Reply command(int netFn, int cmd, int... data) {
        return reply(exchange(commandPacket(netFn, cmd, data)));
    }

    /** Decodes the one session answer, checking its signature. */
    Reply reply(List<byte[]> replies) {
        if (replies.size() != 1) {
            return null;
        }
        byte[] b = replies.get(0);
        Wire.Packet p = Wire.parse(b, b.length);
        if (p == null || p.payloadType() != Wire.PAYLOAD_IPMI || !p.authenticated() || !keys.verify(b, b.length, p.integrityEnd())
                || p.sessionId() != consoleId) {
            throw new AssertionError("a session answer that does not verify");
        }
        byte[] m = keys.decrypt(p.payload());
        return new Reply(m[6] & 0xFF, Arrays.copyOfRange(m, 7, m.length - 1));
    }

    /** Sends a SOL packet of the session and returns the SOL payloads that came back. */
    List<byte[]> sol(int seq, int ack, int accepted, byte[] chars) {
        byte[] payload = new byte[4 + chars.length];
        payload[0] = (byte) seq;
        payload[1] = (byte) ack;
        payload[2] = (byte) accepted;
        System.arraycopy(chars, 0, payload, 4, chars.length);
        return solPayloads(exchange(Wire.build(keys, Wire.PAYLOAD_SOL, bmcId, ++sequence, payload)));
    }

    /** Decrypts the SOL payloads among datagrams. */
    List<byte[]> solPayloads(List<byte[]> datagrams) {
        return datagrams.stream().map(b -> {
            Wire.Packet p = Wire.parse(b, b.length);
            if (p == null || p.payloadType() != Wire.PAYLOAD_SOL || !keys.verify(b, b.length, p.integrityEnd())) {
                return null;
            }
            return keys.decrypt(p.payload());
        }).filter(java.util.Objects::nonNull).toList();
    }

    static byte[] le(int v) {
        byte[] b = new byte[4];
        Wire.putU32(b, 0, v);
        return b;
    }
}
