package org.bmsdk.hardware.ipmi.internal;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.IpmiWorkaround;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An established RMCP+ session with one BMC. Commands go one at a time (a fair turn, so callers
 * are served in order), paced by {@link IpmiOptions#minCommandInterval()}; each is retransmitted
 * on silence with the same rqSeq (so the BMC can recognise a duplicate) and a new session sequence
 * number. An idle session is kept alive with Get Device ID. A command or keep-alive that goes
 * unanswered marks the session broken: its owner closes it and opens a new one.
 */
final class IpmiSession implements UdpTransport.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(IpmiSession.class);
    private static final IpmiRequest GET_DEVICE_ID = IpmiRequest.of("Get Device ID", IpmiRequest.APP, 0x01);

    private final UdpTransport transport;
    private final InetSocketAddress peer;
    private final String endpoint;
    private final SessionSecurity security;
    private final IpmiOptions options;
    private final Clock clock;
    private final Sleeper sleeper;
    private final UdpTransport.Route route;
    private final Semaphore turn = new Semaphore(1, true);
    private volatile Exchange<IpmiResponse> current;
    private volatile Instant lastActivity;
    private volatile boolean broken;
    private volatile boolean closed;
    private int rqSeq;
    private ScheduledFuture<?> keepAlive;
    private volatile UdpTransport.Receiver routedVia = this;
    private volatile PayloadReceiver solReceiver;

    /** Takes the clear SOL payloads of this session, on the I/O thread; must be quick and must not block. */
    interface PayloadReceiver {
        void receive(byte[] payload) throws MalformedPacketException;
    }

    IpmiSession(UdpTransport transport, InetSocketAddress peer, String endpoint, SessionSecurity security, IpmiOptions options,
            Clock clock, Sleeper sleeper) {
        this.transport = transport;
        this.peer = peer;
        this.endpoint = endpoint;
        this.security = security;
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
        this.route = new UdpTransport.Route(peer, UdpTransport.Kind.SESSION, security.consoleSessionId());
        this.lastActivity = clock.instant();
    }

    /** Starts keep-alives; the route to this session must already lead here. */
    void start() {
        Duration every = options.keepAliveInterval();
        if (!every.isZero()) {
            long period = Math.max(every.toMillis() / 4, 50);
            keepAlive = transport.timer().scheduleWithFixedDelay(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Names the receiver registered on this session's route, which closing removes. */
    void routedVia(UdpTransport.Receiver receiver) {
        this.routedVia = receiver;
    }

    SessionSecurity security() {
        return security;
    }

    boolean isBroken() {
        return broken;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void receive(RmcpFrame frame) throws MalformedPacketException {
        if (frame.payloadType() == RmcpFrame.SOL) {
            // Serial-over-LAN travels in the session beside the commands, checked and decrypted alike
            byte[] payload = security.open(frame);
            PayloadReceiver sol = solReceiver;
            if (sol == null) {
                throw new MalformedPacketException(DropReason.UNEXPECTED, "SOL payload while no console is active");
            }
            sol.receive(payload);
            return;
        }
        Exchange<IpmiResponse> ex = current;
        if (ex == null) {
            // verify anyway, so the counters tell a late genuine reply from a forged one
            security.open(frame);
            throw new MalformedPacketException(DropReason.UNEXPECTED, "no command pending");
        }
        ex.receive(frame);
    }

    /** Routes this session's SOL payloads to a receiver, or drops them (null). */
    void solReceiver(PayloadReceiver receiver) {
        this.solReceiver = receiver;
    }

    /**
     * Sends a payload that expects no IPMI answer (SOL), sealed like the commands, outside the
     * command turn: SOL acknowledges and retransmits on its own.
     *
     * @param payloadType the payload type
     * @param payload the clear payload
     * @throws java.io.IOException when the socket refuses it
     */
    void sendPayload(int payloadType, byte[] payload) throws java.io.IOException {
        if (closed) {
            throw new java.io.IOException("the IPMI session with " + endpoint + " is closed");
        }
        // one at a time, so that the BMC sees our session sequence numbers in order
        synchronized (security) {
            transport.send(peer, security.seal(payloadType, payload));
        }
    }

    /**
     * Sends a command and waits for its answer.
     *
     * @param request the command
     * @param context where, for errors
     * @return the answer, whatever its completion code
     * @throws OperationTimeoutException when the BMC does not answer; the session is then broken
     * @throws TransportException when the session is closed or broken
     */
    IpmiResponse call(IpmiRequest request, ErrorContext context) {
        acquireTurn(context);
        try {
            if (closed || broken) {
                throw new StaleSession("the IPMI session with " + endpoint + " is " + (closed ? "closed" : "broken"), context);
            }
            pace();
            return Futures.await(send(request, options.retransmissions()), context, endpoint);
        } catch (OperationTimeoutException e) {
            broken = true;
            throw e;
        } finally {
            turn.release();
        }
    }

    /** The session ended before the command was sent; nothing reached the BMC, so another session may send it. */
    static final class StaleSession extends TransportException {
        private static final long serialVersionUID = 1L;

        StaleSession(String message, ErrorContext context) {
            super(message, context);
        }
    }

    private void acquireTurn(ErrorContext context) {
        // Callers queue behind a command that may retransmit for its whole budget, and behind pacing.
        long budget = options.responseTimeout().toMillis() * (options.retransmissions() + 1) * 4
                + options.minCommandInterval().toMillis() * 4 + 1000;
        try {
            if (!turn.tryAcquire(budget, TimeUnit.MILLISECONDS)) {
                throw new OperationTimeoutException("waited " + budget + " ms for earlier commands to " + endpoint, context);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationTimeoutException("interrupted while waiting to send to " + endpoint, context, e);
        }
    }

    private void pace() {
        Duration min = options.minCommandInterval();
        if (min.isZero()) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), lastActivity.plus(min));
        if (!wait.isNegative() && !wait.isZero()) {
            try {
                sleeper.sleep(wait.compareTo(min) > 0 ? min : wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts one command's exchange; the caller holds the turn and must release it when it ends. */
    private CompletableFuture<IpmiResponse> send(IpmiRequest request, int retransmissions) {
        int seq = rqSeq = (rqSeq + 1) & 0x3F;
        boolean checksums = !options.has(IpmiWorkaround.NO_CHECKSUM_CHECK);
        byte[] message = LanMessage.request(request.netFn(), request.command(), seq, request.data()).encode();
        Exchange<IpmiResponse> ex = new Exchange<>(transport, peer, request.name(),
                id -> security.seal(RmcpFrame.IPMI, message),
                frame -> decode(request, seq, frame, checksums),
                Exchange.Retry.of(options.responseTimeout(), retransmissions,
                        options.responseTimeout().multipliedBy(retransmissions + 1L)));
        current = ex;
        CompletableFuture<IpmiResponse> f = ex.startOwned(security.consoleSessionId());
        return f.whenComplete((r, e) -> {
            current = null;
            lastActivity = clock.instant();
        });
    }

    private IpmiResponse decode(IpmiRequest request, int seq, RmcpFrame frame, boolean checksums) throws MalformedPacketException {
        byte[] payload = security.open(frame);
        if (frame.payloadType() != RmcpFrame.IPMI) {
            throw new MalformedPacketException(DropReason.UNEXPECTED, "payload type " + Bytes.hex8(frame.payloadType()));
        }
        LanMessage m = LanMessage.decode(payload, checksums);
        if (m.netFn() != (request.netFn() | 1) || m.command() != request.command() || m.sequence() != seq) {
            throw new MalformedPacketException(DropReason.UNEXPECTED, "answer to netFn " + Bytes.hex8(m.netFn()) + " cmd "
                    + Bytes.hex8(m.command()) + " seq " + m.sequence() + " while waiting for " + request + " seq " + seq);
        }
        if (m.body().length < 1) {
            throw new MalformedPacketException(DropReason.TRUNCATED, "response without completion code");
        }
        byte[] body = m.body();
        return new IpmiResponse(request, body[0] & 0xFF, java.util.Arrays.copyOfRange(body, 1, body.length));
    }

    private void keepAlive() {
        if (closed || broken || Duration.between(lastActivity, clock.instant()).compareTo(options.keepAliveInterval()) < 0
                || !turn.tryAcquire()) {
            return;
        }
        try {
            send(GET_DEVICE_ID, options.retransmissions()).whenComplete((r, e) -> {
                if (e != null) {
                    broken = true;
                    LOG.debug("keep-alive to {} failed, the session will be reopened: {}", endpoint, e.toString());
                }
                turn.release();
            });
        } catch (RuntimeException e) {
            turn.release();
            broken = true;
        }
    }

    /**
     * Sends Close Session (one attempt when broken, else the usual retransmissions, answer or not),
     * then forgets the keys. Idempotent.
     *
     * @return completes when done
     */
    CompletableFuture<Void> closeAsync() {
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(null);
            }
            closed = true;
        }
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean got;
        try {
            got = turn.tryAcquire(options.responseTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            // a command is still retransmitting: abandon it, the BMC times the session out itself
            Exchange<IpmiResponse> ex = current;
            if (ex != null) {
                ex.cancel(new TransportException("the IPMI session with " + endpoint + " was closed"));
            }
            finishClose();
            done.complete(null);
            return done;
        }
        IpmiRequest close = new IpmiRequest("Close Session", IpmiRequest.APP, 0x3C, Bytes.leInt(security.bmcSessionId()));
        try {
            send(close, broken ? 0 : Math.min(options.retransmissions(), 2)).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.debug("Close Session to {} got no answer: {}", endpoint, e.toString());
                } else if (!r.ok()) {
                    LOG.debug("Close Session to {}: {}", endpoint, CompletionCodes.describe(r.completionCode()));
                }
                turn.release();
                finishClose();
                done.complete(null);
            });
        } catch (RuntimeException e) {
            turn.release();
            finishClose();
            done.complete(null);
        }
        return done;
    }

    /** Closes and waits, at most a few response timeouts. */
    void close() {
        try {
            closeAsync().get(options.responseTimeout().toMillis() * 4 + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("closing the session with {}: {}", endpoint, e.toString());
        }
    }

    private void finishClose() {
        transport.unregister(route, routedVia);
        security.destroy();
    }

    @Override
    public String toString() {
        return "IpmiSession[" + endpoint + ", " + security + (broken ? ", broken" : "") + (closed ? ", closed" : "") + "]";
    }
}
