package org.bmsdk.hardware.redfish.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;

/**
 * One selector thread reading the power state of many BMCs over keep-alive connections (HTTP, or
 * HTTPS through a {@link TlsLink}):
 * a poll waits for a free slot of its BMC's budget (shared with every other caller of the process),
 * writes the kept request bytes, and the answer is decoded in place as it arrives. Only a 2xx
 * answer is finished here; any other answer (a 401 above all, but also 503, 429, redirects) is
 * handed to the driver's blocking path on {@code blocking}, which logs in again, retries and types
 * the error as every other call does.
 *
 * <p>Why not HttpCore's asynchronous requester: it costs two to three times the CPU per poll of the
 * blocking client (a command queue and an eventfd wake-up per request, interest-set switches, a
 * pooled lease through futures), see docs/BENCHMARKS.md; this loop keeps one read interest per
 * socket for its life and makes one write and usually one read per poll.
 */
public final class PollLoop implements AutoCloseable {

    /** How often deadlines are checked: a timeout fires at most this late. */
    private static final long TICK_NANOS = 10_000_000L;
    /** A connection nobody polled for this long is closed (the BMC would drop it anyway). */
    private static final long IDLE_NANOS = 30_000_000_000L;

    private final Selector selector;
    private final Thread thread;
    private final Executor blocking;
    private final ConcurrentLinkedQueue<PowerPoll> inbox = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<PowerPoll> local = new ArrayDeque<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Map<RedfishConnection, PollChannel> channels = new IdentityHashMap<>();
    private List<PollChannel> slotWaiters = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private volatile boolean closed;
    private long lastScan = System.nanoTime();

    /**
     * Starts the loop's thread.
     *
     * @param name the thread's name
     * @param blocking where answers other than 2xx are read again through the blocking path
     * @throws IOException when no selector can be opened
     */
    public PollLoop(String name, Executor blocking) throws IOException {
        this.selector = Selector.open();
        this.blocking = blocking;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads the power state of a Redfish BMC.
     *
     * @param connection the client's connection: its session, budget, system and timeouts
     * @return the state, or a bm-api exception naming the BMC
     */
    public java.util.concurrent.CompletableFuture<org.bmsdk.api.bmc.PowerState> submit(RedfishConnection connection) {
        PowerPoll p = new PowerPoll(connection);
        try {
            connection.socketAddress(); // resolved here, on the caller's thread, as is the TLS context
            connection.sslContext();
        } catch (BareMetalException e) {
            p.fail(e);
            return p.future;
        }
        if (Thread.currentThread() == thread) {
            local.add(p); // from a callback of a finished poll: no wake-up needed, the loop runs on
        } else {
            inbox.add(p);
            if (closed) {
                failAll(inbox, null); // each with its own endpoint
            } else if (wakeupPending.compareAndSet(false, true)) {
                selector.wakeup();
            }
        }
        return p.future;
    }

    private void run() {
        try {
            while (!closed) {
                drainLocal();
                long timeoutMs = slotWaiters.isEmpty() ? TICK_NANOS / 1_000_000 : 1;
                selector.select(this::ready, timeoutMs);
                wakeupPending.set(false);
                PowerPoll p;
                while ((p = inbox.poll()) != null) {
                    accept(p);
                }
                retrySlotWaiters();
                long now = System.nanoTime();
                if (now - lastScan >= TICK_NANOS) {
                    lastScan = now;
                    scan(now);
                }
            }
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(PollLoop.class).error("the Redfish poll loop {} stopped: {}", thread.getName(),
                    e.getClass().getSimpleName(), e);
        } finally {
            shutdown();
        }
    }

    private void drainLocal() {
        PowerPoll p;
        while ((p = local.poll()) != null) {
            accept(p);
        }
    }

    private void accept(PowerPoll p) {
        PollChannel ch = channels.get(p.connection);
        if (ch == null) {
            try {
                ch = new PollChannel(p.connection, p.ctx);
            } catch (BareMetalException e) {
                p.fail(e);
                return;
            }
            channels.put(p.connection, ch);
        }
        ch.queue.add(p);
        ch.lastUsed = System.nanoTime();
        if (ch.current == null && !ch.waitingForSlot) {
            startNext(ch);
        }
    }

    /** Sends the channel's next poll, if a slot of the BMC's budget is free; polls that expired meanwhile fail. */
    private void startNext(PollChannel ch) {
        PowerPoll p;
        while (ch.current == null && (p = ch.queue.peek()) != null) {
            if (p.future.isDone()) {
                ch.queue.poll(); // the caller gave up on it
                continue;
            }
            if (p.expired(System.nanoTime())) {
                ch.queue.poll();
                p.fail(new OperationTimeoutException("no request slot of this BMC was free within " + p.timeout()
                        + " (too many requests in flight from this process)", p.ctx));
                continue;
            }
            if (!ch.budget.tryAcquireRequest()) {
                if (!ch.waitingForSlot) {
                    ch.waitingForSlot = true;
                    slotWaiters.add(ch);
                }
                return;
            }
            ch.current = ch.queue.poll();
            ch.resent = false;
            send(ch);
        }
    }

    private void send(PollChannel ch) {
        try {
            if (ch.socket == null) {
                ch.open(selector, readBuffer);
            } else {
                ch.write();
            }
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: UnresolvedAddressException, a BMC name that did not resolve
            transportFailure(ch, e);
        }
    }

    private void retrySlotWaiters() {
        if (slotWaiters.isEmpty()) {
            return;
        }
        List<PollChannel> waiting = slotWaiters;
        slotWaiters = new ArrayList<>();
        for (PollChannel ch : waiting) {
            ch.waitingForSlot = false;
            startNext(ch);
        }
    }

    private void ready(SelectionKey key) {
        PollChannel ch = (PollChannel) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isConnectable()) {
                ch.finishConnect(readBuffer);
                return;
            }
            if (ch.tls != null && !ch.tls.handshaken()) {
                ch.handshake(readBuffer);
                return;
            }
            if (key.isWritable()) {
                ch.writeMore();
            }
            if (key.isReadable()) {
                read(ch);
            }
        } catch (IOException e) {
            transportFailure(ch, e);
        } catch (java.nio.channels.CancelledKeyException e) {
            // its socket was closed while this round of keys was handled: nothing is left to read
        }
    }

    private void read(PollChannel ch) throws IOException {
        if (ch.tls != null) {
            readTls(ch);
            return;
        }
        while (ch.socket != null) {
            readBuffer.clear();
            int n = ch.socket.read(readBuffer);
            if (n < 0) {
                endOfStream(ch);
                return;
            }
            if (n == 0) {
                return;
            }
            readBuffer.flip();
            if (!feed(ch) || n < readBuffer.capacity()) {
                return; // done, or the socket is drained: no read that would only find nothing
            }
        }
    }

    /** Reads TLS records and feeds their plain bytes to the decoder. */
    private void readTls(PollChannel ch) throws IOException {
        TlsLink t = ch.tls;
        if (t.readPlain(ch.socket, readBuffer, () -> feed(ch) && ch.tls == t) && ch.tls == t) {
            endOfStream(ch);
        }
    }

    /**
     * Gives the plain bytes in the read buffer to the current read's decoder.
     *
     * @return whether to go on reading: false once the answer is whole or the socket was given up
     */
    private boolean feed(PollChannel ch) {
        if (ch.current == null) {
            ch.closeSocket(); // bytes nobody asked for: this connection is out of step
            return false;
        }
        try {
            if (ch.decoder.feed(readBuffer)) {
                answered(ch);
                return false;
            }
            return true;
        } catch (ResponseDecoder.Malformed e) {
            ch.closeSocket();
            ch.release().fail(ch.malformed(e));
            startNext(ch);
            return false;
        }
    }

    private void answered(PollChannel ch) {
        int status = ch.decoder.status();
        ch.reused = true;
        PowerPoll p = ch.release();
        if (status >= 200 && status < 300) {
            BareMetalException error = null;
            org.bmsdk.api.bmc.PowerState state = null;
            try {
                state = ch.powerState();
            } catch (BareMetalException e) {
                error = e;
            }
            if (ch.decoder.close()) {
                ch.closeSocket();
            }
            if (error == null) {
                p.succeed(state);
            } else {
                p.fail(error);
            }
        } else {
            if (ch.decoder.close()) {
                ch.closeSocket();
            }
            p.unauthorized = status == 401;
            p.readBlockingOn(blocking);
        }
        startNext(ch);
    }

    private void endOfStream(PollChannel ch) {
        if (ch.current == null) {
            ch.closeSocket(); // the BMC closed an idle connection
            return;
        }
        try {
            if (ch.decoder.endOfInput()) {
                ch.closeSocket();
                answered(ch);
                return;
            }
        } catch (ResponseDecoder.Malformed e) {
            if (resendOnStale(ch)) {
                return;
            }
            ch.closeSocket();
            ch.release().fail(new TransportException("GET " + ch.path() + ": " + e.getMessage(), ch.ctx));
            startNext(ch);
        }
    }

    /**
     * A kept-alive socket the BMC had closed while it was idle fails the next request before any byte
     * of an answer; a GET is then sent once more on a new socket, as HTTP clients do.
     */
    private boolean resendOnStale(PollChannel ch) {
        if (!ch.reused || ch.resent || ch.decoder.started()) {
            return false;
        }
        ch.closeSocket();
        ch.resent = true;
        send(ch);
        return true;
    }

    private void transportFailure(PollChannel ch, Exception e) {
        if (ch.current != null && !(e instanceof javax.net.ssl.SSLException) && resendOnStale(ch)) {
            return;
        }
        // a socket that never opened, or never finished connecting, is "could not connect": safe to try again later
        boolean connect = ch.socket == null || ch.connecting || e instanceof java.net.ConnectException || e instanceof IllegalArgumentException;
        ch.closeSocket();
        PowerPoll p = ch.release();
        if (p != null) {
            p.fail(ch.transportError(e, connect));
        }
        startNext(ch);
    }

    /** Fails polls past their deadline (a hung BMC), and closes connections nobody polled for a while. */
    private void scan(long now) {
        Iterator<PollChannel> it = channels.values().iterator();
        while (it.hasNext()) {
            PollChannel ch = it.next();
            PowerPoll p = ch.current;
            if (p != null && ch.connecting && now - ch.connectDeadline > 0) {
                ch.closeSocket();
                ch.release().fail(new TransportException("GET " + ch.path() + ": could not connect within "
                        + p.connection.endpoint().connectTimeout(), ch.ctx));
                startNext(ch);
            } else if (p != null && p.expired(now)) {
                // The answer may still come: this socket is out of step for good.
                ch.closeSocket();
                ch.release().fail(new OperationTimeoutException("GET " + ch.path() + " was not answered within " + p.timeout(), ch.ctx));
                startNext(ch);
            } else if (p == null && !ch.waitingForSlot && !ch.queue.isEmpty() && ch.queue.peek().expired(now)) {
                startNext(ch);
            } else if (p == null && ch.queue.isEmpty() && now - ch.lastUsed > IDLE_NANOS) {
                ch.closeSocket();
                it.remove();
            }
        }
    }

    private void shutdown() {
        closed = true;
        for (PollChannel ch : channels.values()) {
            ch.closeSocket();
            PowerPoll p = ch.release();
            if (p != null) {
                p.fail(closedError(p));
            }
            failAll(ch.queue, null);
        }
        channels.clear();
        failAll(local, null);
        failAll(inbox, null);
        try {
            selector.close();
        } catch (IOException e) {
            // nothing is left to use it
        }
    }

    private static void failAll(java.util.Queue<PowerPoll> polls, BareMetalException error) {
        PowerPoll p;
        while ((p = polls.poll()) != null) {
            p.fail(error != null ? error : closedError(p));
        }
    }

    private static TransportException closedError(PowerPoll p) {
        return p.closedError();
    }

    /** Stops the thread; polls not yet finished fail with a {@link TransportException}. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
