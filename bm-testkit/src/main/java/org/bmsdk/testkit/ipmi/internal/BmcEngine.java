package org.bmsdk.testkit.ipmi.internal;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.IpmiUser;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated BMC's protocol logic, independent of sockets: it takes datagrams in and sends
 * datagrams out through its {@link Transport}. Session setup (Open Session, RAKP 1-4) follows IPMI
 * v2.0 sections 13.17-13.32; commands are in {@link CommandSet}, Serial-over-LAN in {@link SolChannel}.
 *
 * <p>Thread-safe: one lock per BMC guards its sessions and SOL state. The machine is called under
 * it; the machine calls nothing back under its own lock, so there is no lock-order problem.
 */
public final class BmcEngine {

    private static final Logger LOG = LoggerFactory.getLogger(BmcEngine.class);
    /** How long a session being set up may wait for the next RAKP message. */
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(10);
    /** How long a retransmitted request is answered from the cache rather than run again. */
    private static final Duration RETRANSMIT_WINDOW = Duration.ofSeconds(5);

    private final SecureRandom random = new SecureRandom();
    private final IpmiSpec spec;
    private final SimulatedMachine machine;
    private final Transport transport;
    private final FaultState faults = new FaultState();
    private final byte[] guid = new byte[16];
    private final Map<Integer, Session> sessions = new HashMap<>();
    private final CommandSet commands;
    private final SolChannel sol;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private volatile int port;

    public BmcEngine(IpmiSpec spec, SimulatedMachine machine, Transport transport) {
        this.spec = spec;
        this.machine = machine;
        this.transport = transport;
        random.nextBytes(guid);
        this.commands = new CommandSet(this);
        this.sol = new SolChannel(this);
    }

    public IpmiSpec spec() {
        return spec;
    }

    public SimulatedMachine machine() {
        return machine;
    }

    public FaultState faults() {
        return faults;
    }

    /** @return the UDP port clients reach it on, reported by Activate Payload and Get SOL Configuration */
    public int port() {
        return port;
    }

    public void port(int value) {
        port = value;
    }

    byte[] guid() {
        return guid;
    }

    SolChannel sol() {
        return sol;
    }

    Transport transport() {
        return transport;
    }

    Instant now() {
        return spec.clock().instant();
    }

    /** @return datagrams dropped as malformed, unauthenticated, replayed or unexpected */
    public long dropped() {
        return dropped.get();
    }

    /** @return datagrams whose handling failed with an unexpected exception: a simulator bug */
    public long failures() {
        return failures.get();
    }

    /** @return requests answered */
    public long answered() {
        return answered.get();
    }

    /** @return how many session slots are in use (being set up or active) */
    public synchronized int sessionCount() {
        return sessions.size();
    }

    /** @return how many sessions are active */
    public synchronized int activeSessionCount() {
        return (int) sessions.values().stream().filter(s -> s.state == Session.State.ACTIVE).count();
    }

    /** @return whether a session holds the SOL payload */
    public synchronized boolean solActive() {
        return sol.owner() != null;
    }

    /**
     * Handles one received datagram. Never throws: what it cannot use it drops.
     *
     * @param b the buffer
     * @param len the datagram's length
     * @param from the sender
     */
    public void receive(byte[] b, int len, SocketAddress from) {
        if (faults.silent() || faults.lose(true)) {
            return;
        }
        try {
            synchronized (this) {
                if (!dispatch(b, len, from)) {
                    dropped.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("The simulated IPMI BMC failed on a datagram of {} bytes", len, e);
        }
    }

    /** Sends through the faults: delayed, lost or silenced like the real thing. */
    void send(byte[] datagram, SocketAddress to) {
        if (faults.silent() || faults.lose(false)) {
            return;
        }
        Duration delay = faults.delay();
        if (delay.isZero()) {
            transport.send(datagram, to);
        } else {
            transport.schedule(() -> transport.send(datagram, to), delay);
        }
    }

    private boolean dispatch(byte[] b, int len, SocketAddress from) {
        if (Wire.isAsfPing(b, len)) {
            send(Wire.asfPong(b[9] & 0xFF), from);
            return true;
        }
        Wire.Packet p = Wire.parse(b, len);
        if (p == null) {
            return false;
        }
        if (p.sessionId() == 0) {
            if (p.authenticated() || p.encrypted()) {
                return false;
            }
            return switch (p.payloadType()) {
                case Wire.PAYLOAD_IPMI -> presession(p, from);
                case Wire.PAYLOAD_OPEN_SESSION_REQUEST -> !p.v15() && openSession(p.payload(), from);
                case Wire.PAYLOAD_RAKP1 -> !p.v15() && rakp1(p.payload(), from);
                case Wire.PAYLOAD_RAKP3 -> !p.v15() && rakp3(p.payload(), from);
                default -> false;
            };
        }
        if (p.v15()) {
            return false; // IPMI v1.5 sessions are not offered
        }
        Session s = sessions.get(p.sessionId());
        // Every packet of a session must be signed and encrypted: suites 3 and 17 both negotiate it.
        if (s == null || s.state != Session.State.ACTIVE || !p.authenticated() || !p.encrypted() || !s.peer.equals(from)
                || !s.keys.verify(b, len, p.integrityEnd()) || !s.inbound.accept(p.sequence())) {
            return false;
        }
        byte[] clear = s.keys.decrypt(p.payload());
        if (clear == null) {
            return false;
        }
        s.lastActivity = now();
        return switch (p.payloadType()) {
            case Wire.PAYLOAD_IPMI -> command(s, clear);
            case Wire.PAYLOAD_SOL -> sol.receive(s, clear);
            default -> false;
        };
    }

    private boolean presession(Wire.Packet p, SocketAddress from) {
        Wire.Request req = Wire.parseRequest(p.payload());
        if (req == null || !CommandSet.allowedOutsideSession(req)) {
            return false;
        }
        CommandSet.Answer a = commands.handle(null, req);
        byte[] msg = req.respond(a.completion(), a.data());
        send(p.v15() ? Wire.buildV15(msg) : Wire.build(null, Wire.PAYLOAD_IPMI, 0, 0, msg), from);
        answered.incrementAndGet();
        return true;
    }

    private boolean command(Session s, byte[] clear) {
        Wire.Request req = Wire.parseRequest(clear);
        if (req == null) {
            return false;
        }
        Instant now = now();
        byte[] msg;
        if (s.lastRequest != null && s.lastRequest.cmd() == req.cmd() && s.lastRequest.netFn() == req.netFn()
                && s.lastRequest.rqSeq() == req.rqSeq() && Arrays.equals(s.lastRequest.data(), req.data())
                && Duration.between(s.lastResponseAt, now).compareTo(RETRANSMIT_WINDOW) < 0) {
            msg = s.lastResponse; // a retransmission: its answer was lost, the action must not run twice
        } else if (faults.takeBusy()) {
            msg = req.respond(0xC0, new byte[0]);
        } else {
            CommandSet.Answer a = commands.handle(s, req);
            msg = req.respond(a.completion(), a.data());
            if (a.closeSession() != null) {
                sendInSession(s, Wire.PAYLOAD_IPMI, msg);
                answered.incrementAndGet();
                remove(a.closeSession());
                return true;
            }
        }
        s.lastRequest = req;
        s.lastResponse = msg;
        s.lastResponseAt = now;
        sendInSession(s, Wire.PAYLOAD_IPMI, msg);
        answered.incrementAndGet();
        return true;
    }

    /** Signs, encrypts and sends a payload in an active session. */
    void sendInSession(Session s, int payloadType, byte[] payload) {
        send(Wire.build(s.keys, payloadType, s.consoleId, s.nextOutbound(), payload), s.peer);
    }

    Session session(int bmcId) {
        return sessions.get(bmcId);
    }

    void remove(Session s) {
        if (sessions.remove(s.bmcId, s)) {
            sol.sessionGone(s);
        }
    }

    // ---- Open Session and RAKP (13.17-13.23) ----

    private boolean openSession(byte[] p, SocketAddress from) {
        if (p.length < 32 || p[8] != 0x00 || p[16] != 0x01 || p[24] != 0x02) {
            return false;
        }
        int tag = p[0] & 0xFF;
        int requested = p[1] & 0x0F;
        int consoleId = Wire.u32(p, 4);
        for (Session s : sessions.values()) {
            if (s.state == Session.State.OPENED && s.consoleId == consoleId && s.openTag == tag && s.peer.equals(from)) {
                send(Wire.build(null, Wire.PAYLOAD_OPEN_SESSION_RESPONSE, 0, 0, s.openResponse), from);
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
        } else if (suite == null || !spec.cipherSuites().contains(suite.id())) {
            status = 0x11;
        } else if (requested > 4) {
            status = 0x09;
        } else if (consoleId == 0) {
            status = 0x12;
        } else if (sessions.size() >= spec.maxSessions()) {
            status = 0x01;
        } else {
            status = 0;
        }
        if (status != 0) {
            byte[] r = new byte[8];
            r[0] = (byte) tag;
            r[1] = (byte) status;
            Wire.putU32(r, 4, consoleId);
            send(Wire.build(null, Wire.PAYLOAD_OPEN_SESSION_RESPONSE, 0, 0, r), from);
            return true;
        }
        int bmcId;
        do {
            bmcId = random.nextInt();
        } while (bmcId == 0 || sessions.containsKey(bmcId));
        // 0 asks for the highest level the algorithms allow: ADMINISTRATOR, the channel's limit.
        int max = requested == 0 ? 4 : requested;
        Session s = new Session(bmcId, consoleId, suite, from, max, tag, now());
        byte[] r = new byte[36];
        r[0] = (byte) tag;
        r[2] = (byte) max;
        Wire.putU32(r, 4, consoleId);
        Wire.putU32(r, 8, bmcId);
        System.arraycopy(p, 8, r, 12, 24);
        s.openResponse = r;
        sessions.put(bmcId, s);
        send(Wire.build(null, Wire.PAYLOAD_OPEN_SESSION_RESPONSE, 0, 0, r), from);
        return true;
    }

    private boolean rakp1(byte[] p, SocketAddress from) {
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
            send(Wire.build(null, Wire.PAYLOAD_RAKP2, 0, 0, s.rakp2), from);
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
            user = ulen == 0 || faults.refuseLogins() ? null : spec.users().get(name);
            if (user == null) {
                status = 0x0D; // no anonymous or null-name logins, as on a hardened BMC
            } else if (priv > user.privilege().level() || priv > s.maxPrivilege) {
                status = 0x0A;
            }
        }
        if (status != 0) {
            remove(s);
            rakpError(Wire.PAYLOAD_RAKP2, tag, status, s.consoleId, from);
            return true;
        }
        s.consoleRandom = rm;
        s.bmcRandom = new byte[16];
        random.nextBytes(s.bmcRandom);
        s.role = role;
        s.userName = Arrays.copyOfRange(p, 28, 28 + ulen);
        s.user = user;
        if (faults.wrongKey()) {
            s.key = new byte[20];
            random.nextBytes(s.key);
        } else {
            s.key = user.password().revealBytes();
        }
        byte[] code = s.suite.hmac(s.key, le32(s.consoleId), le32(s.bmcId), s.consoleRandom, s.bmcRandom, guid,
                new byte[] {(byte) role, (byte) ulen}, s.userName);
        byte[] r = new byte[40 + code.length];
        r[0] = (byte) tag;
        Wire.putU32(r, 4, s.consoleId);
        System.arraycopy(s.bmcRandom, 0, r, 8, 16);
        System.arraycopy(guid, 0, r, 24, 16);
        System.arraycopy(code, 0, r, 40, code.length);
        s.rakp2 = r;
        s.state = Session.State.RAKP2_SENT;
        s.lastActivity = now();
        send(Wire.build(null, Wire.PAYLOAD_RAKP2, 0, 0, r), from);
        return true;
    }

    private boolean rakp3(byte[] p, SocketAddress from) {
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
            send(Wire.build(null, Wire.PAYLOAD_RAKP4, 0, 0, s.rakp4), from);
            return true;
        }
        if (s.state != Session.State.RAKP2_SENT) {
            rakpError(Wire.PAYLOAD_RAKP4, tag, 0x02, s.consoleId, from);
            return true;
        }
        if (status != 0) {
            remove(s); // the console gave up (it could not check RAKP 2): free the slot
            return true;
        }
        byte[] lengths = {(byte) s.role, (byte) s.userName.length};
        byte[] expected = s.suite.hmac(s.key, s.bmcRandom, le32(s.consoleId), lengths, s.userName);
        if (!Suite.same(expected, Arrays.copyOfRange(p, 8, p.length))) {
            remove(s);
            rakpError(Wire.PAYLOAD_RAKP4, tag, 0x0F, s.consoleId, from);
            return true;
        }
        byte[] sik = s.suite.hmac(s.key, s.consoleRandom, s.bmcRandom, lengths, s.userName);
        s.keys = new SessionKeys(s.suite, sik);
        byte[] icv = Arrays.copyOf(s.suite.hmac(sik, s.consoleRandom, le32(s.bmcId), guid), s.suite.truncatedLength());
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
        s.lastActivity = now();
        send(Wire.build(null, Wire.PAYLOAD_RAKP4, 0, 0, r), from);
        return true;
    }

    private void rakpError(int type, int tag, int status, int consoleId, SocketAddress to) {
        byte[] r = new byte[8];
        r[0] = (byte) tag;
        r[1] = (byte) status;
        Wire.putU32(r, 4, consoleId);
        send(Wire.build(null, type, 0, 0, r), to);
    }

    private static byte[] le32(int v) {
        byte[] b = new byte[4];
        Wire.putU32(b, 0, v);
        return b;
    }

    /** Drops sessions idle past the timeout (or set-up steps past theirs); the host calls it every second. */
    public synchronized void sweep() {
        Instant now = now();
        for (Iterator<Session> it = List.copyOf(sessions.values()).iterator(); it.hasNext();) {
            Session s = it.next();
            Duration limit = s.state == Session.State.ACTIVE ? spec.sessionTimeout()
                    : SETUP_TIMEOUT.compareTo(spec.sessionTimeout()) < 0 ? SETUP_TIMEOUT : spec.sessionTimeout();
            if (Duration.between(s.lastActivity, now).compareTo(limit) >= 0) {
                LOG.debug("Dropping idle {}", s);
                remove(s);
            }
        }
    }

    /** Forgets every session at once, as a BMC reset does. */
    public synchronized void dropSessions() {
        List.copyOf(sessions.values()).forEach(this::remove);
    }

    /** @return the active sessions' ids, for tests */
    synchronized List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    /** Stops SOL; the host stops delivering datagrams. */
    public synchronized void close() {
        dropSessions();
        sol.close();
    }
}
