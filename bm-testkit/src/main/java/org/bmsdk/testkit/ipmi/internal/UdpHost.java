package org.bmsdk.testkit.ipmi.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of every simulated IPMI BMC of a lab: one non-blocking UDP channel per BMC, all
 * read by one selector thread, and one timer thread for delays, SOL retransmissions and the
 * session sweep. A thousand BMCs cost a thousand sockets, not a thousand threads.
 */
public final class UdpHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpHost.class);
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Selector selector;
    private final Thread thread;
    private final ScheduledThreadPoolExecutor timer;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Map<BmcEngine, DatagramChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private UdpHost(String name) throws IOException {
        this.selector = Selector.open();
        int n = COUNT.incrementAndGet();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-ipmi-timer-" + n);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.thread = new Thread(this::run, name + "-ipmi-io-" + n);
        thread.setDaemon(true);
        thread.start();
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Starts the selector and timer threads.
     *
     * @param name a prefix for their names
     * @return the host
     */
    public static UdpHost start(String name) {
        try {
            return new UdpHost(name);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a selector", e);
        }
    }

    /**
     * Opens a UDP socket; it reads nothing until {@link Endpoint#attach} gives it its BMC.
     *
     * @param address where to listen
     * @return the socket, as the transport of the BMC it will serve
     */
    public Endpoint open(InetSocketAddress address) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.bind(address);
            ch.configureBlocking(false);
            return new Endpoint(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** One BMC's socket: its transport, and what the selector reads for it. */
    public final class Endpoint implements Transport, AutoCloseable {
        private final DatagramChannel channel;
        private BmcEngine engine;

        private Endpoint(DatagramChannel channel) {
            this.channel = channel;
        }

        /** @return the bound address */
        public InetSocketAddress address() {
            try {
                return (InetSocketAddress) channel.getLocalAddress();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Starts reading datagrams for a BMC.
         *
         * @param bmc the BMC
         */
        public void attach(BmcEngine bmc) {
            this.engine = bmc;
            channels.put(bmc, channel);
            pending.add(() -> {
                try {
                    if (channel.isOpen()) {
                        channel.register(selector, SelectionKey.OP_READ, bmc);
                    }
                } catch (IOException e) {
                    LOG.warn("Could not register a simulated BMC's socket", e);
                }
            });
            selector.wakeup();
        }

        @Override
        public void send(byte[] datagram, SocketAddress to) {
            if (!channel.isOpen()) {
                return;
            }
            try {
                channel.send(ByteBuffer.wrap(datagram), to);
            } catch (IOException e) {
                LOG.debug("Could not send {} bytes to {}", datagram.length, to, e); // UDP would lose it too
            }
        }

        @Override
        public void schedule(Runnable task, Duration after) {
            if (closed || !channel.isOpen()) {
                return;
            }
            Runnable safe = () -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("A simulated IPMI BMC's timer task failed", e);
                }
            };
            try {
                if (after.isZero()) {
                    timer.execute(safe);
                } else {
                    timer.schedule(safe, after.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the host is closing
            }
        }

        /** Closes the socket. */
        @Override
        public void close() {
            if (engine != null) {
                channels.remove(engine);
            }
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing a simulated BMC's socket failed", e);
            }
            selector.wakeup();
        }
    }

    /** @return how many BMC sockets are open */
    public int bound() {
        return channels.size();
    }

    /** @return the selector thread, for tests that count threads */
    public Thread ioThread() {
        return thread;
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        byte[] bytes = new byte[2048];
        try {
            while (!closed) {
                selector.select();
                Runnable r;
                while ((r = pending.poll()) != null) {
                    r.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    BmcEngine engine = (BmcEngine) key.attachment();
                    // Drain the socket, up to a bound so that one busy BMC cannot starve the others.
                    for (int i = 0; i < 64; i++) {
                        buf.clear();
                        SocketAddress from;
                        try {
                            from = ch.receive(buf);
                        } catch (IOException e) {
                            break;
                        }
                        if (from == null) {
                            break;
                        }
                        buf.flip();
                        int len = buf.remaining();
                        buf.get(bytes, 0, len);
                        engine.receive(bytes, len, from);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.warn("The simulated IPMI BMCs' selector failed", e);
            }
        }
    }

    private void sweep() {
        for (BmcEngine e : channels.keySet()) {
            e.sweep();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (DatagramChannel ch : channels.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("Closing a simulated BMC's socket failed", e);
            }
        }
        channels.clear();
        timer.shutdownNow();
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing the selector failed", e);
        }
    }
}
