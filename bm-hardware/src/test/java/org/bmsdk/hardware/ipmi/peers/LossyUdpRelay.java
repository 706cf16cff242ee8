package org.bmsdk.hardware.ipmi.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UDP relay between a client and a BMC that loses a share of the datagrams both ways, chosen by
 * a seeded random generator. The client talks to {@link #port()}; the BMC sees the relay.
 */
public final class LossyUdpRelay implements AutoCloseable {

    private final InetSocketAddress bmc;
    private volatile double loss;
    private final Random random;
    private final DatagramChannel channel;
    private final Thread thread;
    private volatile SocketAddress client;
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger droppedSessionSetup = new AtomicInteger();

    /**
     * Starts relaying.
     *
     * @param bmcPort the BMC's port on 127.0.0.1
     * @param loss the share lost, 0 to 1
     * @param seed the random seed
     */
    public LossyUdpRelay(int bmcPort, double loss, long seed) throws IOException {
        this.bmc = new InetSocketAddress(InetAddress.getByName(Peers.HOST), bmcPort);
        this.loss = loss;
        this.random = new Random(seed);
        this.channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName(Peers.HOST), 0));
        this.thread = new Thread(this::relay, "lossy-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void relay() {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (true) {
            try {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                buf.flip();
                SocketAddress to;
                if (from.equals(bmc)) {
                    to = client;
                } else {
                    client = from;
                    to = bmc;
                }
                if (to == null) {
                    continue;
                }
                if (random.nextDouble() < loss) {
                    dropped.incrementAndGet();
                    if (to == bmc && outsideASession(buf)) {
                        droppedSessionSetup.incrementAndGet();
                    }
                } else {
                    forwarded.incrementAndGet();
                    channel.send(buf, to);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // keep relaying
            }
        }
    }

    /** Changes the share lost from now on; 1 cuts the link. */
    public void setLoss(double loss) {
        this.loss = loss;
    }

    /** @return the port the client sends to */
    public int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** @return datagrams lost on purpose */
    public int dropped() {
        return dropped.get();
    }

    /**
     * @return datagrams from the client outside any session (session id 0: Get Channel
     *     Authentication Capabilities, Open Session, RAKP) lost on purpose, that is, attempts at
     *     a new session that did not reach the BMC
     */
    public int droppedSessionSetup() {
        return droppedSessionSetup.get();
    }

    /**
     * Whether an RMCP datagram carries session id 0: in an IPMI v1.5 session header (auth type
     * 00h) the id is at bytes 9-12, in an RMCP+ one (auth type 06h) at bytes 6-9.
     */
    private static boolean outsideASession(ByteBuffer datagram) {
        int offset = switch (datagram.limit() > 4 ? datagram.get(4) : -1) {
            case 0x00 -> 9;
            case 0x06 -> 6;
            default -> -1;
        };
        return offset > 0 && datagram.limit() >= offset + 4 && datagram.getInt(offset) == 0;
    }

    /** @return datagrams passed on */
    public int forwarded() {
        return forwarded.get();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
