package org.bmsdk.testkit.ipmi.internal;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.bmsdk.testkit.ipmi.IpmiUser;

/**
 * RMCP+ session setup on the BMC's side (IPMI v2.0 13.17-13.23, 13.31, 13.32): Open Session,
 * RAKP 1 to 4 and the session keys. Retransmitted setup messages get the same answer and take no
 * second slot; a failed step frees its slot. Called under the engine's lock.
 */
final class SessionSetup {

    private final SecureRandom random = new SecureRandom();
    private final BmcEngine bmc;
    private final Map<Integer, Session> sessions;

    SessionSetup(BmcEngine bmc, Map<Integer, Session> sessions) {
        this.bmc = bmc;
        this.sessions = sessions;
    }

    boolean openSession(byte[] p, SocketAddress from) {
        if (p.length < 32 || p[8] != 0x00 || p[16] != 0x01 || p[24] != 0x02) {
            return false;
        }
        int tag = p[0] & 0xFF;
        int requested = p[1] & 0x0F;
        int consoleId = Wire.u32(p, 4);
        for (Session s : sessions.values()) {
            if (s.state == Session.State.OPENED && s.consoleId == consoleId && s.openTag == tag && s.peer.equals(from)) {
                bmc.send(Wire.build(null, Wire.PAYLOAD_OPEN_SESSION_RESPONSE, 0, 0, s.openResponse), from);
                return true; // a retransmitted request: same answer, no second slot
            }
        }
        int auth = p[12] & 0x3F;
        int integrity = p[20] & 0x3F;
        int conf = p[28] & 0x3F;
        int status;
        Suite suite = Suite.matching(auth, integrity, conf);
        if (auth != 0x01 && auth != 0x03) {
            status = 0x04; // includes RAKP-none: no session without authentication
        } else if (integrity != 0x01 && integrity != 0x04) {
            status = 0x05;
        } else if (conf != 0x01) {
            status = 0x10;
        } else if (suite == null || !bmc.spec().cipherSuites().contains(suite.id())) {
            status = 0x11;
        } else if (requested > 4) {
            status = 0x09;
        } else if (consoleId == 0) {
            status = 0x12;
        } else if (sessions.size() >= bmc.spec().maxSessions()) {
            status = 0x01;
        } else {
            status = 0;
        }
        if (status != 0) {
            byte[] r = new byte[8];
            r[0] = (byte) tag;
            r[1] = (byte) status;
            Wire.putU32(r, 4, consoleId);
            bmc.send(Wire.build(null, Wire.PAYLOAD_OPEN_SESSION_RESPONSE, 0, 0, r), from);
            return true;
        }
        int bmcId;
        do {
            bmcId = random.nextInt();
        } while (bmcId == 0 || sessions.containsKey(bmcId));
        // 0 asks for the highest level the algorithms allow: ADMINISTRATOR, the channel's limit.
        int max = requested == 0 ? 4 : requested;
        Session s = new Session(bmcId, consoleId, suite, from, max, tag, bmc.now());
        byte[] r = new byte[36];
        r[0] = (byte) tag;
        r[2] = (byte) max;
        Wire.putU32(r, 4, consoleId);
        Wire.putU32(r, 8, bmcId);
        System.arraycopy(p, 8, r, 12, 24);
        s.openResponse = r;
        sessions.put(bmcId, s);
        bmc.send(Wire.build(null, Wire.PAYLOAD_OPEN_SESSION_RESPONSE, 0, 0, r), from);
        return true;
    }

    boolean rakp1(byte[] p, SocketAddress from) {
        if (p.length < 28) {
            return false;
        }
        int tag = p[0] & 0xFF;
        int bmcId = Wire.u32(p, 4);
        byte[] rm = Arrays.copyOfRange(p, 8, 24);
        int role = p[24] & 0xFF;
        int ulen = p[27] & 0xFF;
        Session s = sessions.get(bmcId);
        if (s == null || s.state == Session.State.ACTIVE || !s.peer.equals(from)) {
            rakpError(Wire.PAYLOAD_RAKP2, tag, 0x02, 0, from);
            return true;
        }
        if (s.state == Session.State.RAKP2_SENT && Arrays.equals(s.consoleRandom, rm) && s.rakp2 != null) {
            bmc.send(Wire.build(null, Wire.PAYLOAD_RAKP2, 0, 0, s.rakp2), from);
            return true;
        }
        int status = 0;
        IpmiUser user = null;
        int priv = role & 0x0F;
        if (ulen > 16 || p.length < 28 + ulen) {
            status = 0x0C;
        } else if ((role & 0xE0) != 0 || priv < 1 || priv > 4) {
            status = 0x09;
        } else {
            String name = new String(p, 28, ulen, StandardCharsets.ISO_8859_1);
            user = ulen == 0 || bmc.faults().refuseLogins() ? null : bmc.spec().users().get(name);
            if (user == null) {
                status = 0x0D; // no anonymous or null-name logins, as on a hardened BMC
            } else if (priv > user.privilege().level() || priv > s.maxPrivilege) {
                status = 0x0A;
            }
        }
        if (status != 0) {
            bmc.remove(s);
            rakpError(Wire.PAYLOAD_RAKP2, tag, status, s.consoleId, from);
            return true;
        }
        s.consoleRandom = rm;
        s.bmcRandom = new byte[16];
        random.nextBytes(s.bmcRandom);
        s.role = role;
        s.userName = Arrays.copyOfRange(p, 28, 28 + ulen);
        s.user = user;
        if (bmc.faults().wrongKey()) {
            s.key = new byte[20];
            random.nextBytes(s.key);
        } else {
            s.key = user.password().revealBytes();
        }
        byte[] code = s.suite.hmac(s.key, le32(s.consoleId), le32(s.bmcId), s.consoleRandom, s.bmcRandom, bmc.guid(),
                new byte[] {(byte) role, (byte) ulen}, s.userName);
        byte[] r = new byte[40 + code.length];
        r[0] = (byte) tag;
        Wire.putU32(r, 4, s.consoleId);
        System.arraycopy(s.bmcRandom, 0, r, 8, 16);
        System.arraycopy(bmc.guid(), 0, r, 24, 16);
        System.arraycopy(code, 0, r, 40, code.length);
        s.rakp2 = r;
        s.state = Session.State.RAKP2_SENT;
        s.lastActivity = bmc.now();
        bmc.send(Wire.build(null, Wire.PAYLOAD_RAKP2, 0, 0, r), from);
        return true;
    }

    boolean rakp3(byte[] p, SocketAddress from) {
        if (p.length < 8) {
            return false;
        }
        int tag = p[0] & 0xFF;
        int status = p[1] & 0xFF;
        Session s = sessions.get(Wire.u32(p, 4));
        if (s == null || !s.peer.equals(from)) {
            rakpError(Wire.PAYLOAD_RAKP4, tag, 0x02, 0, from);
            return true;
        }
        if (s.state == Session.State.ACTIVE && s.rakp4 != null) {
            bmc.send(Wire.build(null, Wire.PAYLOAD_RAKP4, 0, 0, s.rakp4), from);
            return true;
        }
        if (s.state != Session.State.RAKP2_SENT) {
            rakpError(Wire.PAYLOAD_RAKP4, tag, 0x02, s.consoleId, from);
            return true;
        }
        if (status != 0) {
            bmc.remove(s); // the console gave up (it could not check RAKP 2): free the slot
            return true;
        }
        byte[] lengths = {(byte) s.role, (byte) s.userName.length};
        byte[] expected = s.suite.hmac(s.key, s.bmcRandom, le32(s.consoleId), lengths, s.userName);
        if (!Suite.same(expected, Arrays.copyOfRange(p, 8, p.length))) {
            bmc.remove(s);
            rakpError(Wire.PAYLOAD_RAKP4, tag, 0x0F, s.consoleId, from);
            return true;
        }
        byte[] sik = s.suite.hmac(s.key, s.consoleRandom, s.bmcRandom, lengths, s.userName);
        s.keys = new SessionKeys(s.suite, sik);
        byte[] icv = Arrays.copyOf(s.suite.hmac(sik, s.consoleRandom, le32(s.bmcId), bmc.guid()), s.suite.truncatedLength());
        byte[] r = new byte[8 + icv.length];
        r[0] = (byte) tag;
        Wire.putU32(r, 4, s.consoleId);
        System.arraycopy(icv, 0, r, 8, icv.length);
        s.rakp4 = r;
        s.key = null;
        s.privilegeLimit = s.role & 0x0F;
        // A session starts at User level (or lower), and Set Session Privilege Level raises it.
        s.privilege = Math.min(2, s.privilegeLimit);
        s.state = Session.State.ACTIVE;
        s.lastActivity = bmc.now();
        bmc.send(Wire.build(null, Wire.PAYLOAD_RAKP4, 0, 0, r), from);
        return true;
    }

    private void rakpError(int type, int tag, int status, int consoleId, SocketAddress to) {
        byte[] r = new byte[8];
        r[0] = (byte) tag;
        r[1] = (byte) status;
        Wire.putU32(r, 4, consoleId);
        bmc.send(Wire.build(null, type, 0, 0, r), to);
    }

    private static byte[] le32(int v) {
        byte[] b = new byte[4];
        Wire.putU32(b, 0, v);
        return b;
    }
}
