package org.bmsdk.hardware.ipmi.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its answer over UDP: send, wait, retransmit on silence, give up after the last
 * retransmission or at the deadline. Replies that fail to decode are dropped and counted, and the
 * exchange keeps waiting, so a forged or corrupt datagram cannot end it early.
 *
 * <p>Retransmission runs on the JVM's monotonic timer, not the injected {@code Clock}: it paces
 * datagrams on the wire. Deadlines that callers see (power states, pacing, keep-alive) use the
 * clock.
 *
 * @param <T> what the answer decodes to
 */
final class Exchange<T> implements UdpTransport.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    /** Decodes the answer, or throws to drop the datagram and keep waiting. */
    interface Decoder<T> {
        T decode(RmcpFrame frame) throws MalformedPacketException;
    }

    /**
     * How long to wait and how often to retransmit.
     *
     * @param attemptTimeout the wait for each attempt
     * @param retransmissions attempts after the first
     * @param deadlineNanos {@link System#nanoTime()} after which no attempt starts
     */
    record Retry(Duration attemptTimeout, int retransmissions, long deadlineNanos) {
        static Retry of(Duration attemptTimeout, int retransmissions, Duration total) {
            return new Retry(attemptTimeout, retransmissions, System.nanoTime() + total.toNanos());
        }
    }

    /** Every attempt went unanswered. */
    static final class TimeoutException extends Exception {
        private static final long serialVersionUID = 1L;
        final int attempts;
        final transient IOException sendError;

        TimeoutException(String what, int attempts, long elapsedMillis, IOException sendError) {
            super("no answer to " + what + " after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
                    + elapsedMillis + " ms", null, false, false);
            this.attempts = attempts;
            this.sendError = sendError;
        }
    }

    private final UdpTransport transport;
    private final InetSocketAddress peer;
    private final String what;
    private final IntFunction<byte[]> packet;
    private final Decoder<T> decoder;
    private final Retry retry;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final long started = System.nanoTime();
    private UdpTransport.Route route;
    private int ownedId;
    private int attempts;
    private ScheduledFuture<?> timeout;
    private IOException sendError;

    /**
     * Prepares an exchange.
     *
     * @param what the request's name, for messages
     * @param packet builds the datagram for the route id; called once per attempt, since session
     *     packets need a new sequence number each time
     */
    Exchange(UdpTransport transport, InetSocketAddress peer, String what, IntFunction<byte[]> packet, Decoder<T> decoder,
            Retry retry) {
        this.transport = transport;
        this.peer = peer;
        this.what = what;
        this.packet = packet;
        this.decoder = decoder;
        this.retry = retry;
    }

    /**
     * Starts on a fixed route (an established session's id).
     *
     * @return the answer, or a {@link TimeoutException}
     */
    CompletableFuture<T> start(UdpTransport.Route fixed) {
        if (!transport.register(fixed, this)) {
            throw new IllegalStateException("route busy: " + fixed);
        }
        synchronized (this) {
            route = fixed;
            sendAttempt();
        }
        return result;
    }

    /**
     * Starts without a route of its own: the owner of the route (an established session) passes
     * it the datagrams.
     *
     * @param id the id given to the packet builder
     * @return the answer, or a {@link TimeoutException}
     */
    CompletableFuture<T> startOwned(int id) {
        synchronized (this) {
            route = null;
            ownedId = id;
            sendAttempt();
        }
        return result;
    }

    /**
     * Starts on a free id of a peer (a tag or an rqSeq).
     *
     * @return the answer; fails at once when every id is busy
     */
    CompletableFuture<T> start(UdpTransport.Kind kind, int from, int count) {
        int id = transport.allocate(peer, kind, from, count, this);
        if (id < 0) {
            result.completeExceptionally(new IllegalStateException("all " + count + " " + kind + " ids for " + peer + " are busy"));
            return result;
        }
        synchronized (this) {
            route = new UdpTransport.Route(peer, kind, id);
            sendAttempt();
        }
        return result;
    }

    private void sendAttempt() {
        attempts++;
        try {
            transport.send(peer, packet.apply(route != null ? route.id() : ownedId));
        } catch (IOException e) {
            sendError = e;
            LOG.debug("sending {} to {} failed: {}", what, peer, e.toString());
        } catch (RuntimeException e) {
            finish(null, e);
            return;
        }
        try {
            timeout = transport.timer().schedule(this::onTimeout, retry.attemptTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            finish(null, new IllegalStateException("the IPMI transport is closed", e));
        }
    }

    private synchronized void onTimeout() {
        if (result.isDone()) {
            return;
        }
        long now = System.nanoTime();
        if (attempts <= retry.retransmissions() && now + retry.attemptTimeout().toNanos() / 2 < retry.deadlineNanos()) {
            LOG.debug("retransmitting {} to {} (attempt {})", what, peer, attempts + 1);
            transport.countAbandonedAttempt();
            sendAttempt();
            return;
        }
        finish(null, new TimeoutException(what, attempts, TimeUnit.NANOSECONDS.toMillis(now - started), sendError));
    }

    @Override
    public synchronized void receive(RmcpFrame frame) throws MalformedPacketException {
        if (result.isDone()) {
            throw new MalformedPacketException(DropReason.UNEXPECTED, "late answer to " + what);
        }
        T value = decoder.decode(frame);
        finish(value, null);
    }

    /** Abandons the exchange; its future fails with the given cause. */
    synchronized void cancel(Throwable cause) {
        finish(null, cause);
    }

    private void finish(T value, Throwable error) {
        if (error != null && attempts > 0 && !result.isDone()) {
            // the last attempt may still be answered, after nobody waits for it
            transport.countAbandonedAttempt();
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (route != null) {
            transport.unregister(route, this);
        }
        if (error == null) {
            result.complete(value);
        } else {
            result.completeExceptionally(error);
        }
    }
}
