package org.bmsdk.hardware.ipmi.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.UnsupportedCapabilityException.Reason;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Serial-over-LAN console of one BMC, shared by every {@link SolConsoleSession} open on it (a
 * BMC has one SOL payload): activates the payload in the shared session when the first session
 * opens and deactivates it when the last closes; streams characters both ways through a
 * {@link SolStream}; copies what the console shows to every open session and to the console log.
 *
 * <p>When the session drops (a keep-alive or command went unanswered, or the BMC stops
 * acknowledging), a worker thread opens a new one and activates the payload again; the sessions'
 * streams carry on. If the BMC still holds the payload for the session that dropped ("payload
 * already active", 80h), that activation is ours and stale: it is deactivated and activation tried
 * once more. An activation held by anyone else is left alone unless
 * {@link IpmiOptions#consoleTakeover()} is set.
 *
 * <p>Threads: SOL packets arrive on the transport's I/O thread and are acknowledged from it; the
 * worker (one per active console) retransmits and reconnects; callers' threads send keystrokes.
 * Two locks keep the I/O thread from ever waiting for a blocking command: {@code control} orders
 * activation and deactivation, {@code streamLock} guards only the packet state.
 */
final class SolConsole {

    private static final Logger LOG = LoggerFactory.getLogger(SolConsole.class);
    /** Keystrokes queued past this wait until the BMC takes some. */
    private static final int MAX_PENDING = 64 * 1024;
    /** Sends of one packet without an ACK after which the session is checked. */
    private static final int STALL_ATTEMPTS = 5;
    /**
     * SOL activations this process left behind on a BMC (a session that dropped with the payload
     * active): BMC address to the session ids. Only these are cleared without being asked.
     */
    private static final ConcurrentHashMap<InetSocketAddress, Set<Integer>> STALE = new ConcurrentHashMap<>();

    private final SharedSession shared;
    private final InetSocketAddress peer;
    private final String endpoint;
    private final IpmiOptions options;
    private final ConsoleLog log;
    private final Object control = new Object();
    private final Object streamLock = new Object();
    private final List<SolConsoleSession> readers = new CopyOnWriteArrayList<>();
    private final SolStream stream;
    private final long tickNanos;
    private volatile IpmiSession activeOn;
    private volatile boolean running;
    private volatile boolean reactivate;
    private Thread worker;
    private final AtomicInteger activations = new AtomicInteger();
    private final AtomicInteger staleCleared = new AtomicInteger();

    SolConsole(SharedSession shared, InetSocketAddress peer, String endpoint, IpmiOptions options) {
        this.shared = shared;
        this.peer = peer;
        this.endpoint = endpoint;
        this.options = options;
        long retransmit = options.responseTimeout().toNanos();
        this.stream = new SolStream(64, retransmit, STALL_ATTEMPTS);
        this.tickNanos = Math.max(retransmit / 5, Duration.ofMillis(10).toNanos());
        this.log = options.consoleLogDirectory()
                .map(dir -> new ConsoleLog(dir.resolve(logName(peer)), options.consoleLogMaxBytes()))
                .orElse(null);
    }

    /** The log file of a BMC: its address and port, safe as a file name. */
    static String logName(InetSocketAddress peer) {
        return (peer.getHostString() + "_" + peer.getPort()).replaceAll("[^A-Za-z0-9._-]", "_") + ".log";
    }

    String endpoint() {
        return endpoint;
    }

    /**
     * Opens a session on the console, activating the payload when none is open.
     *
     * @return the session
     * @throws ConflictException when another session holds the payload
     * @throws UnsupportedCapabilityException when the BMC does not activate SOL
     */
    SolConsoleSession open() {
        ErrorContext where = ErrorContext.of(endpoint, "ipmi", "console.open");
        synchronized (control) {
            SolConsoleSession s = new SolConsoleSession(this);
            if (!running) {
                activate(shared.session(), where);
                running = true;
                readers.add(s);
                worker = new Thread(this::work, "bm-ipmi-sol-" + endpoint);
                worker.setDaemon(true);
                worker.start();
            } else {
                readers.add(s);
            }
            return s;
        }
    }

    /** A session closed: the last one deactivates the payload and stops the worker. */
    void detach(SolConsoleSession s) {
        synchronized (control) {
            if (!readers.remove(s) || !readers.isEmpty()) {
                return;
            }
            stop(true);
        }
    }

    /** Ends every session and the payload; the shared session is about to close. */
    void shutdown() {
        synchronized (control) {
            readers.forEach(SolConsoleSession::end);
            readers.clear();
            if (running) {
                stop(true);
            }
        }
    }

    private void stop(boolean deactivate) {
        running = false;
        synchronized (streamLock) {
            stream.discard();
            streamLock.notifyAll();
        }
        Thread w = worker;
        worker = null;
        if (w != null) {
            w.interrupt();
        }
        IpmiSession s = activeOn;
        activeOn = null;
        if (s != null) {
            if (deactivate && !s.isBroken() && !s.isClosed()) {
                try {
                    IpmiResponse r = s.call(SolCommands.deactivate(), ErrorContext.of(endpoint, "ipmi", "console.close"));
                    if (!r.ok() && r.completionCode() != SolCommands.ALREADY_DEACTIVATED) {
                        LOG.debug("Deactivate Payload on {}: {}", endpoint, CompletionCodes.describe(r.completionCode()));
                    }
                } catch (BareMetalException e) {
                    LOG.debug("Deactivate Payload on {} failed: {}", endpoint, e.getMessage());
                    rememberStale(s);
                }
            } else if (s.isBroken()) {
                rememberStale(s);
            }
            s.solReceiver(null);
        }
        if (log != null) {
            log.close();
        }
    }

    /**
     * Activates the payload in a session, clearing a stale activation of our own once.
     */
    private void activate(IpmiSession s, ErrorContext where) {
        synchronized (streamLock) {
            // before activating: what the BMC sends once it answers belongs to the new activation
            stream.restart();
        }
        s.solReceiver(this::onPayload);
        boolean done = false;
        try {
            IpmiResponse r = s.call(SolCommands.activate(SolCommands.ENCRYPT | SolCommands.AUTHENTICATE), where);
            if (r.completionCode() == SolCommands.ALREADY_ACTIVE && clearActivation(s, where)) {
                r = s.call(SolCommands.activate(SolCommands.ENCRYPT | SolCommands.AUTHENTICATE), where);
            }
            if (!r.ok()) {
                throw refusal(r, where);
            }
            SolCommands.Activation a = IpmiConnection.decode(r.request(), r.data(), where, SolCommands.Activation::decode);
            if (a.port() != peer.getPort()) {
                // pyghmi writes its port big-endian; BMCs that really move SOL elsewhere are not supported
                LOG.debug("{} names UDP port {} for SOL; staying on {}", endpoint, a.port(), peer.getPort());
            }
            synchronized (streamLock) {
                stream.chunk(a.chunk());
            }
            activeOn = s;
            reactivate = false;
            activations.incrementAndGet();
            // active now in this session: no activation of ours is left behind on the BMC, and an
            // old record must not later mark someone else's console as ours
            STALE.remove(peer);
            done = true;
        } finally {
            if (!done) {
                s.solReceiver(null);
            }
        }
    }

    /**
     * The BMC says SOL is already active: clear it when the activation is a stale one of ours (or
     * the caller allowed taking it over).
     *
     * @return true when deactivated, so that activation may be tried once more
     * @throws ConflictException when it belongs to someone else
     */
    private boolean clearActivation(IpmiSession s, ErrorContext where) {
        Integer owner = owner(s, where);
        Set<Integer> ours = STALE.getOrDefault(peer, Set.of());
        boolean stale = owner != null ? ours.contains(owner) : !ours.isEmpty();
        if (!stale && !options.consoleTakeover()) {
            throw new ConflictException("SOL on " + endpoint + " is active in another session"
                    + (owner != null ? " (BMC session id " + Integer.toHexString(owner) + ")" : "")
                    + "; it is not one this process left behind, so it is left alone (IpmiOptions.consoleTakeover takes it over)",
                    where);
        }
        LOG.info("SOL on {} is active in {} session{}; deactivating it", endpoint, stale ? "a stale" : "another",
                owner != null ? " " + Integer.toHexString(owner) : "");
        IpmiResponse d = s.call(SolCommands.deactivate(), where);
        if (!d.ok() && d.completionCode() != SolCommands.ALREADY_DEACTIVATED) {
            throw d.failure(where);
        }
        STALE.remove(peer);
        staleCleared.incrementAndGet();
        return true;
    }

    /** The BMC session id that holds the payload, or null when the BMC does not say (pyghmi). */
    private Integer owner(IpmiSession s, ErrorContext where) {
        IpmiResponse info = s.call(SolCommands.instanceInfo(), where);
        if (!info.ok() || info.data().length < 4) {
            return null;
        }
        int id = Bytes.intLe(info.data(), 0);
        return id == 0 ? null : id;
    }

    private void rememberStale(IpmiSession s) {
        Set<Integer> ids = STALE.computeIfAbsent(peer, p -> ConcurrentHashMap.newKeySet());
        // the specification names the BMC's id; some BMCs report the other one
        ids.add(s.security().bmcSessionId());
        ids.add(s.security().consoleSessionId());
    }

    private BareMetalException refusal(IpmiResponse r, ErrorContext where) {
        int cc = r.completionCode();
        if (cc == SolCommands.INVALID_COMMAND || cc == SolCommands.DISABLED) {
            return new UnsupportedCapabilityException("SerialConsole", cc == SolCommands.DISABLED ? Reason.NOT_IN_CURRENT_STATE
                    : Reason.NOT_OFFERED, "the BMC refused to activate Serial-over-LAN: " + CompletionCodes.describe(cc)
                    + (cc == SolCommands.DISABLED ? " (pyghmi and VirtualBMC refuse SOL while the machine is off)" : ""), where);
        }
        if (cc == SolCommands.ALREADY_ACTIVE || cc == SolCommands.LIMIT_REACHED) {
            return new ConflictException("SOL on " + endpoint + " is still active elsewhere: " + CompletionCodes.describe(cc), where);
        }
        return r.failure(where);
    }

    /** Keystrokes: queued, sent at once when nothing is in flight; waits while too many are queued. */
    void write(byte[] b, int off, int len) throws IOException {
        if (!running) {
            throw new IOException("the console of " + endpoint + " has ended");
        }
        synchronized (streamLock) {
            while (stream.pending() > MAX_PENDING) {
                if (!running) {
                    throw new IOException("the console of " + endpoint + " is closed");
                }
                try {
                    streamLock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while writing to the console");
                }
            }
            stream.write(b, off, len);
        }
        pump();
    }

    /** Sends whatever the stream has to send now. */
    private void pump() {
        IpmiSession s = activeOn;
        if (s == null) {
            return;
        }
        synchronized (streamLock) {
            for (SolPacket p : stream.poll(System.nanoTime())) {
                send(s, p);
            }
        }
    }

    private void send(IpmiSession s, SolPacket p) {
        LOG.trace("SOL to {}: {}", endpoint, p);
        try {
            s.sendPayload(RmcpFrame.SOL, p.encode());
        } catch (IOException | RuntimeException e) {
            LOG.debug("sending SOL to {} failed: {}", endpoint, e.toString());
        }
    }

    /** A clear SOL payload from the BMC, on the I/O thread. */
    private void onPayload(byte[] payload) throws MalformedPacketException {
        SolPacket p = SolPacket.decode(payload);
        LOG.trace("SOL from {}: {}", endpoint, p);
        IpmiSession s = activeOn;
        byte[] deliver;
        synchronized (streamLock) {
            long now = System.nanoTime();
            deliver = stream.receive(p, now);
            if (s != null) {
                for (SolPacket out : stream.poll(now)) {
                    send(s, out);
                }
            }
            if ((p.control() & SolPacket.STATUS_DEACTIVATED) != 0) {
                reactivate = true;
            }
            streamLock.notifyAll();
        }
        if (deliver.length > 0) {
            if (log != null) {
                log.append(deliver);
            }
            for (SolConsoleSession r : readers) {
                r.offer(deliver);
            }
        }
    }

    /** The worker: retransmits on time, checks a stalled link, reconnects a dropped session. */
    private void work() {
        long backoff = options.responseTimeout().toMillis();
        // SOL packets need not count as session activity for the BMC (under a console, ipmi_sim stopped
        // answering a session about 30 s after its last command), so an open console sends one now and then
        long every = options.keepAliveInterval().isZero() ? 0 : Math.max(1_000_000_000L, options.keepAliveInterval().toNanos() / 2);
        long lastCommand = System.nanoTime();
        while (running) {
            IpmiSession s = activeOn;
            try {
                if (s == null || s.isBroken() || s.isClosed() || reactivate) {
                    reconnect(s);
                    backoff = options.responseTimeout().toMillis();
                } else {
                    pump();
                    boolean stalled;
                    synchronized (streamLock) {
                        stalled = stream.stalled();
                    }
                    if (stalled) {
                        check(s);
                        lastCommand = System.nanoTime();
                    } else if (every > 0 && System.nanoTime() - lastCommand >= every) {
                        s.call(Commands.getDeviceId(), ErrorContext.of(endpoint, "ipmi", "console.keepalive"));
                        lastCommand = System.nanoTime();
                    }
                }
                Thread.sleep(tickNanos / 1_000_000, (int) (tickNanos % 1_000_000));
            } catch (InterruptedException e) {
                return;
            } catch (ConflictException | UnsupportedCapabilityException e) {
                // someone else has the console now, or the BMC no longer offers it (the machine went off)
                LOG.info("the console of {} has ended: {}", endpoint, e.getMessage());
                synchronized (control) {
                    if (running) {
                        readers.forEach(SolConsoleSession::end);
                        readers.clear();
                        stop(false);
                    }
                }
                return;
            } catch (BareMetalException | IllegalStateException e) {
                if (!running) {
                    return;
                }
                LOG.debug("the console of {} is reconnecting: {}", endpoint, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /**
     * The BMC stopped acknowledging: is the session alive (an unanswered command marks it broken,
     * and the worker reconnects), and is the payload still ours? One taken over by another session
     * ends the console; one no longer active is activated again.
     */
    private void check(IpmiSession s) {
        ErrorContext where = ErrorContext.of(endpoint, "ipmi", "console.check");
        IpmiResponse info = s.call(SolCommands.instanceInfo(), where);
        if (!info.ok() || info.data().length < 4) {
            return; // the BMC does not say (pyghmi): the retransmissions go on
        }
        int owner = Bytes.intLe(info.data(), 0);
        if (owner == 0) {
            LOG.info("SOL on {} is no longer active; activating it again", endpoint);
            reactivate = true;
        } else if (owner != s.security().bmcSessionId() && owner != s.security().consoleSessionId()) {
            throw new ConflictException("SOL on " + endpoint + " was taken over by another session (BMC session id "
                    + Integer.toHexString(owner) + ")", where);
        }
    }

    private void reconnect(IpmiSession old) {
        synchronized (control) {
            if (!running) {
                return;
            }
            if (old != null && old != activeOn) {
                return;
            }
            IpmiSession fresh = shared.session();
            if (old != null && old != fresh) {
                LOG.info("the IPMI session with {} dropped; activating SOL in a new one", endpoint);
                old.solReceiver(null);
                rememberStale(old);
            }
            activeOn = null;
            activate(fresh, ErrorContext.of(endpoint, "ipmi", "console.reconnect"));
        }
    }

    /** @return how often the payload was activated, for tests */
    int activations() {
        return activations.get();
    }

    /** @return how often a stale activation was cleared, for tests */
    int staleCleared() {
        return staleCleared.get();
    }

    /** @return the sessions open now, for tests */
    int readers() {
        return readers.size();
    }

    /** Asks the BMC for a serial BREAK with the next packet. */
    void requestBreak() {
        synchronized (streamLock) {
            stream.requestBreak();
        }
        pump();
    }

    @Override
    public String toString() {
        return "SolConsole[" + endpoint + (running ? ", active" : "") + ", " + readers.size() + " open]";
    }
}
