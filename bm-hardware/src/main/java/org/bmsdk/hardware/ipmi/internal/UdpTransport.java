package org.bmsdk.hardware.ipmi.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket for many BMC sessions: a single I/O thread receives every datagram and hands it
 * to whoever waits for it, found by the sender's address and what the packet names. Session
 * packets name our session id; Open Session and RAKP replies their message tag; pre-session IPMI
 * replies their rqSeq. A fleet therefore needs one socket, one I/O thread and one timer thread,
 * not one per BMC.
 *
 * <p>Whatever arrives that nobody waits for, or that is not an IPMI packet, is dropped, counted
 * ({@link #drops()}) and logged at DEBUG; nothing a peer sends can stop the I/O thread.
 */
public final class UdpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    /** What a route's id is. */
    enum Kind {
        /** Pre-session IPMI message: id is the rqSeq (6 bits). */
        PRESESSION,
        /** Open Session and RAKP: id is the message tag (8 bits). */
        SETUP,
        /** Established session: id is our (console) session id. */
        SESSION
    }

    /** Where an inbound packet goes. */
    record Route(InetSocketAddress peer, Kind kind, int id) {
    }

    /** Takes the packets of one route, on the I/O thread; must be quick and must not block. */
    interface Receiver {
        void receive(RmcpFrame frame) throws MalformedPacketException;
    }

    private final DatagramChannel channel;
    private final Thread reader;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<Route, Receiver> routes = new ConcurrentHashMap<>();
    private final DropCounters drops = new DropCounters();
    private final LongAdder abandonedAttempts = new LongAdder();
    private volatile boolean closed;

    private UdpTransport(DatagramChannel channel, String name) {
        this.channel = channel;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, name + "-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.reader = daemon(this::readLoop, name + "-io");
    }

    /**
     * Opens a socket on an ephemeral port of every local address and starts its threads.
     *
     * @param name the prefix of the thread names
     * @return the transport
     * @throws IOException when no socket can be opened
     */
    public static UdpTransport open(String name) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(null);
        UdpTransport t = new UdpTransport(ch, name);
        t.reader.start();
        return t;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** @return the drop counts of this socket */
    public DropCounters drops() {
        return drops;
    }

    /**
     * How many requests were sent whose answer, should the BMC still send one, finds nobody waiting
     * for it: every attempt that was retransmitted, and the last attempt of an exchange that ended
     * without an answer. Each can bring at most one late answer, dropped as
     * {@link DropReason#UNROUTED} or {@link DropReason#UNEXPECTED}; more such drops than this
     * would mean answers that no request of ours asked for.
     *
     * @return the count so far
     */
    public long abandonedAttempts() {
        return abandonedAttempts.sum();
    }

    void countAbandonedAttempt() {
        abandonedAttempts.increment();
    }

    /**
     * Sends a datagram. UDP gives no delivery guarantee anyway: callers retransmit.
     *
     * @param peer the BMC
     * @param datagram the packet
     * @throws IOException when the socket refuses it
     */
    void send(InetSocketAddress peer, byte[] datagram) throws IOException {
        channel.send(ByteBuffer.wrap(datagram), peer);
    }

    /**
     * Routes a fixed id to a receiver.
     *
     * @return false when the route is taken
     */
    boolean register(Route route, Receiver receiver) {
        return routes.putIfAbsent(route, receiver) == null;
    }

    /**
     * Routes a free id in {@code [from, from + count)} of a peer to a receiver, starting at a
     * random place so that ids of successive exchanges differ and late replies match nothing.
     *
     * @return the id, or -1 when all are taken
     */
    int allocate(InetSocketAddress peer, Kind kind, int from, int count, Receiver receiver) {
        int start = ThreadLocalRandom.current().nextInt(count);
        for (int i = 0; i < count; i++) {
            int id = from + (start + i) % count;
            if (register(new Route(peer, kind, id), receiver)) {
                return id;
            }
        }
        return -1;
    }

    /** Routes a fresh, random, non-zero session id of a peer to a receiver. */
    int allocateSessionId(InetSocketAddress peer, Receiver receiver) {
        while (true) {
            int id = Crypto.randomInt();
            if (id != 0 && register(new Route(peer, Kind.SESSION, id), receiver)) {
                return id;
            }
        }
    }

    void unregister(Route route, Receiver receiver) {
        routes.remove(route, receiver);
    }

    /** @return how many routes are registered, for tests */
    int routeCount() {
        return routes.size();
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(RmcpFrame.MAX_DATAGRAM + 1);
        while (!closed) {
            SocketAddress from;
            buf.clear();
            try {
                from = channel.receive(buf);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                // ICMP errors surface here on some systems; the exchange's timeout reports the failure
                LOG.debug("receive failed: {}", e.toString());
                continue;
            }
            if (from instanceof InetSocketAddress peer) {
                dispatch(peer, Arrays.copyOf(buf.array(), buf.position()));
            }
        }
    }

    /** Hands one datagram to its receiver; package-private so that tests can feed it directly. */
    void dispatch(InetSocketAddress peer, byte[] datagram) {
        try {
            RmcpFrame frame = RmcpFrame.decode(datagram);
            Route route = routeOf(peer, frame);
            Receiver receiver = routes.get(route);
            if (receiver == null) {
                throw new MalformedPacketException(DropReason.UNROUTED, route.kind() + " " + Integer.toHexString(route.id()));
            }
            receiver.receive(frame);
        } catch (MalformedPacketException e) {
            drops.count(e.reason());
            LOG.debug("dropped {} bytes from {}: {}", datagram.length, peer, e.getMessage());
        } catch (RuntimeException e) {
            // a bug in a receiver must not kill the I/O thread of every session
            drops.count(DropReason.MALFORMED);
            LOG.warn("receiver failed on a datagram from {}", peer, e);
        }
    }

    private static Route routeOf(InetSocketAddress peer, RmcpFrame f) throws MalformedPacketException {
        byte[] p = f.payload();
        if (f.rmcpPlus() && isSetupReply(f.payloadType())) {
            if (p.length < 1) {
                throw new MalformedPacketException(DropReason.TRUNCATED, "setup payload without tag");
            }
            return new Route(peer, Kind.SETUP, p[0] & 0xFF);
        }
        if (f.sessionId() != 0) {
            return new Route(peer, Kind.SESSION, f.sessionId());
        }
        if (f.payloadType() != RmcpFrame.IPMI || f.authenticated() || f.encrypted()) {
            throw new MalformedPacketException(DropReason.MALFORMED, "sessionless payload type " + Bytes.hex8(f.payloadType()));
        }
        if (p.length < LanMessage.OVERHEAD) {
            throw new MalformedPacketException(DropReason.TRUNCATED, "pre-session message of " + p.length + " bytes");
        }
        return new Route(peer, Kind.PRESESSION, (p[4] & 0xFF) >>> 2);
    }

    private static boolean isSetupReply(int payloadType) {
        return payloadType == RmcpFrame.OPEN_SESSION_RESPONSE || payloadType == RmcpFrame.RAKP_2
                || payloadType == RmcpFrame.RAKP_4;
    }

    /** Stops the threads and closes the socket; pending exchanges time out. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the IPMI socket failed: {}", e.toString());
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isClosed() {
        return closed;
    }
}
