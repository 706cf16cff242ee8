package org.bmsdk.testkit.ipmi.internal;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bmsdk.testkit.machine.Subscription;

/**
 * Serial-over-LAN (IPMI v2.0 chapter 15 and 26): the one SOL payload instance of the BMC, bridging
 * the machine's console. Output goes out in numbered packets (1..15) that the console acks with the
 * count of characters it accepted; an unacknowledged packet is sent again after the retry interval.
 * Input packets are acked at once and their characters typed into the console; a retransmitted
 * packet (same number) is acked again but typed only once.
 *
 * <p>State is guarded by the engine's lock. Console output arrives on the machine's threads and is
 * only queued there; the engine's timer moves it into packets.
 */
final class SolChannel {

    /** Characters per outbound packet, within the sizes Activate Payload announces. */
    static final int MAX_CHARS = 200;
    static final int PAYLOAD_SIZE = 255;
    static final Duration RETRY_INTERVAL = Duration.ofMillis(500);
    static final int RETRIES = 20;

    private final BmcEngine bmc;
    private final ConcurrentLinkedQueue<byte[]> arrived = new ConcurrentLinkedQueue<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Session owner;
    private Subscription subscription;
    private int nextSeq = 1;
    private byte[] inFlight;
    private int inFlightSeq;
    private int retries;
    private int lastInboundSeq = -1;
    private long generation;
    private boolean enabled = true;

    SolChannel(BmcEngine bmc) {
        this.bmc = bmc;
    }

    Session owner() {
        return owner;
    }

    CommandSet.Answer command(Session s, Wire.Request r) {
        byte[] d = r.data();
        if (r.netFn() == CommandSet.TRANSPORT) {
            return r.cmd() == 0x22 ? getConfig(d) : setConfig(d);
        }
        return switch (r.cmd()) {
            case 0x48 -> activate(s, d);
            case 0x49 -> deactivate(s, d);
            default -> status(d);
        };
    }

    private CommandSet.Answer activate(Session s, byte[] d) {
        if (d.length < 6) {
            return CommandSet.Answer.error(0xC7);
        }
        if ((d[0] & 0x3F) != Wire.PAYLOAD_SOL || (d[1] & 0x0F) != 1) {
            return CommandSet.Answer.error((d[0] & 0x3F) != Wire.PAYLOAD_SOL ? 0x81 : 0xCC);
        }
        if (!enabled) {
            return CommandSet.Answer.error(0x81); // payload type disabled
        }
        if (owner != null) {
            return CommandSet.Answer.error(0x80); // already active on another session (or this one)
        }
        owner = s;
        generation++;
        nextSeq = 1;
        inFlight = null;
        retries = 0;
        lastInboundSeq = -1;
        pending.reset();
        arrived.clear();
        long gen = generation;
        subscription = bmc.machine().console().subscribe(bytes -> {
            arrived.add(bytes);
            bmc.transport().schedule(() -> pump(gen), Duration.ZERO);
        });
        int port = bmc.port();
        return CommandSet.Answer.ok(0, 0, 0, 0, PAYLOAD_SIZE, PAYLOAD_SIZE >>> 8, PAYLOAD_SIZE, PAYLOAD_SIZE >>> 8, port,
                port >>> 8, 0xFF, 0xFF);
    }

    private CommandSet.Answer deactivate(Session s, byte[] d) {
        if (d.length < 6) {
            return CommandSet.Answer.error(0xC7);
        }
        if ((d[0] & 0x3F) != Wire.PAYLOAD_SOL || (d[1] & 0x0F) != 1) {
            return CommandSet.Answer.error(0xCC);
        }
        if (owner == null) {
            return CommandSet.Answer.error(0x80); // already deactivated
        }
        if (owner != s && s.privilege < 4) {
            return CommandSet.Answer.error(0xD4); // only an administrator ends another session's SOL
        }
        if (owner != s) {
            // Tell the console that loses the payload, as a BMC does: "SOL deactivating", no more characters.
            bmc.sendInSession(owner, Wire.PAYLOAD_SOL, Wire.bytes(nextSeq, 0, 0, 0x30));
        }
        stop();
        return CommandSet.Answer.ok();
    }

    private CommandSet.Answer status(byte[] d) {
        if (d.length < 1) {
            return CommandSet.Answer.error(0xC7);
        }
        if ((d[0] & 0x3F) != Wire.PAYLOAD_SOL) {
            return CommandSet.Answer.ok(0x00, 0x00, 0x00);
        }
        return CommandSet.Answer.ok(0x01, owner != null ? 0x01 : 0x00, 0x00);
    }

    private CommandSet.Answer getConfig(byte[] d) {
        if (d.length < 4) {
            return CommandSet.Answer.error(0xC7);
        }
        if ((d[0] & 0x80) != 0) {
            return CommandSet.Answer.ok(0x11); // revision only
        }
        int port = bmc.port();
        byte[] value = switch (d[1] & 0xFF) {
            case 0 -> Wire.bytes(0x00); // set complete
            case 1 -> Wire.bytes(enabled ? 0x01 : 0x00);
            case 2 -> Wire.bytes(0xC2); // encryption and authentication forced, User level
            case 3 -> Wire.bytes(0x04, 0x32); // 20 ms accumulate interval, send at 50 characters
            case 4 -> Wire.bytes(RETRIES & 0x07, (int) (RETRY_INTERVAL.toMillis() / 10));
            case 5, 6 -> Wire.bytes(0x0A); // 115.2 kbps
            case 7 -> Wire.bytes(0x01); // payload channel
            case 8 -> Wire.bytes(port, port >>> 8);
            default -> null;
        };
        if (value == null) {
            return CommandSet.Answer.error(0x80);
        }
        byte[] out = new byte[1 + value.length];
        out[0] = 0x11;
        System.arraycopy(value, 0, out, 1, value.length);
        return CommandSet.Answer.ok(out);
    }

    private CommandSet.Answer setConfig(byte[] d) {
        if (d.length < 3) {
            return CommandSet.Answer.error(0xC7);
        }
        return switch (d[1] & 0xFF) {
            case 0, 2, 3, 4, 5, 6 -> CommandSet.Answer.ok();
            case 1 -> {
                enabled = (d[2] & 1) != 0;
                yield CommandSet.Answer.ok();
            }
            case 7, 8 -> CommandSet.Answer.error(0x82); // read-only parameter
            default -> CommandSet.Answer.error(0x80);
        };
    }

    /**
     * Handles a SOL packet from the console.
     *
     * @return false when it is not for an active SOL payload of this session
     */
    boolean receive(Session s, byte[] p) {
        if (s != owner || p.length < 4) {
            return false;
        }
        int seq = p[0] & 0x0F;
        int ack = p[1] & 0x0F;
        int accepted = p[2] & 0xFF;
        boolean nack = (p[3] & 0x40) != 0;
        if (ack != 0 && inFlight != null && ack == inFlightSeq) {
            if (!nack) {
                if (accepted > 0 && accepted < inFlight.length) {
                    // A partial accept: what was not taken goes out again first, in a new packet.
                    byte[] rest = Arrays.copyOfRange(inFlight, accepted, inFlight.length);
                    byte[] later = pending.toByteArray();
                    pending.reset();
                    pending.writeBytes(rest);
                    pending.writeBytes(later);
                }
                inFlight = null;
                retries = 0;
            }
        }
        if (seq != 0) {
            byte[] data = Arrays.copyOfRange(p, 4, p.length);
            if (seq != lastInboundSeq) {
                lastInboundSeq = seq;
                if (data.length > 0) {
                    bmc.machine().console().type(data);
                }
            }
            bmc.sendInSession(s, Wire.PAYLOAD_SOL, Wire.bytes(0, seq, data.length, 0));
        }
        flush();
        return true;
    }

    /** Moves console output into packets: from the timer, under the engine's lock. */
    private void pump(long gen) {
        synchronized (bmc) {
            if (gen != generation || owner == null) {
                return;
            }
            byte[] b;
            while ((b = arrived.poll()) != null) {
                pending.writeBytes(b);
            }
            flush();
        }
    }

    private void flush() {
        if (owner == null || inFlight != null || pending.size() == 0) {
            return;
        }
        byte[] all = pending.toByteArray();
        int n = Math.min(MAX_CHARS, all.length);
        inFlight = Arrays.copyOf(all, n);
        pending.reset();
        pending.write(all, n, all.length - n);
        inFlightSeq = nextSeq;
        nextSeq = nextSeq % 15 + 1;
        retries = 0;
        transmit();
    }

    private void transmit() {
        byte[] packet = new byte[4 + inFlight.length];
        packet[0] = (byte) inFlightSeq;
        System.arraycopy(inFlight, 0, packet, 4, inFlight.length);
        bmc.sendInSession(owner, Wire.PAYLOAD_SOL, packet);
        long gen = generation;
        int seq = inFlightSeq;
        int attempt = retries;
        bmc.transport().schedule(() -> retry(gen, seq, attempt), RETRY_INTERVAL);
    }

    private void retry(long gen, int seq, int attempt) {
        synchronized (bmc) {
            if (gen != generation || owner == null || inFlight == null || inFlightSeq != seq || retries != attempt) {
                return;
            }
            if (++retries > RETRIES) {
                inFlight = null; // the console is gone or deaf; move on, as a BMC's UART would
                flush();
                return;
            }
            transmit();
        }
    }

    void sessionGone(Session s) {
        if (s == owner) {
            stop();
        }
    }

    private void stop() {
        owner = null;
        generation++;
        inFlight = null;
        pending.reset();
        arrived.clear();
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }

    void close() {
        stop();
    }
}
