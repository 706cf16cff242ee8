package org.bmsdk.testkit.ipmi.internal;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated BMC's protocol logic, independent of sockets: it takes datagrams in and sends
 * datagrams out through its {@link Transport}. Session setup (Open Session, RAKP 1-4) is in
 * {@link SessionSetup}, commands in {@link CommandSet}, Serial-over-LAN in {@link SolChannel}.
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

    private final IpmiSpec spec;
    private final SimulatedMachine machine;
    private final Transport transport;
    private final FaultState faults = new FaultState();
    private final byte[] guid = new byte[16];
    private final Map<Integer, Session> sessions = new HashMap<>();
    private final SessionSetup setup;
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
        new java.security.SecureRandom().nextBytes(guid);
        this.setup = new SessionSetup(this, sessions);
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
                case Wire.PAYLOAD_OPEN_SESSION_REQUEST -> !p.v15() && setup.openSession(p.payload(), from);
                case Wire.PAYLOAD_RAKP1 -> !p.v15() && setup.rakp1(p.payload(), from);
                case Wire.PAYLOAD_RAKP3 -> !p.v15() && setup.rakp3(p.payload(), from);
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
