package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The SOL stream against a model BMC over a network that loses, duplicates and reorders packets:
 * whatever happens on the way, each side receives exactly the characters the other sent, in order,
 * none twice. The model BMC behaves as ipmi_sim's SOL does: one packet in flight, sent again with
 * whatever characters it gathered meanwhile, the rest of a partly accepted packet sent under the next
 * sequence number, a small input buffer that accepts part of a packet and NACKs when full.
 */
class SolStreamPropertiesTest {

    /** The scenario: the network's faults, the texts, how the two sides cut them up. */
    record Scenario(long seed, int lossPercent, int duplicatePercent, int maxDelay, int bmcBuffer, int chunk, byte[] typed,
            byte[] printed) {
        @Override
        public String toString() {
            return "Scenario[seed=" + seed + ", loss=" + lossPercent + "%, dup=" + duplicatePercent + "%, delay<=" + maxDelay
                    + ", bmcBuffer=" + bmcBuffer + ", chunk=" + chunk + ", typed=" + typed.length + ", printed=" + printed.length + "]";
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<byte[]> text = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 30), Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 64), Arbitraries.integers().between(1, 255),
                text, text).as(Scenario::new);
    }

    @Property(tries = 300)
    void bothStreamsArriveCompleteInOrderAndOnce(@ForAll("scenarios") Scenario s) {
        Random random = new Random(s.seed());
        SolStream console = new SolStream(s.chunk(), 10, 5);
        ModelBmc bmc = new ModelBmc(s.bmcBuffer(), s.printed(), random);
        Network net = new Network(s, random);
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        int typedAt = 0;
        long t = 0;
        for (; t < 200_000; t++) {
            if (typedAt < s.typed().length && random.nextInt(4) == 0) {
                int n = Math.min(s.typed().length - typedAt, 1 + random.nextInt(300));
                console.write(s.typed(), typedAt, n);
                typedAt += n;
            }
            bmc.machine(t);
            final long now = t;
            for (Network.InFlight f : net.arrivals(t)) {
                if (f.toConsole()) {
                    shown.writeBytes(console.receive(f.packet(), t));
                } else {
                    bmc.receive(f.packet(), t).forEach(p -> net.send(p, true, now));
                }
            }
            console.poll(t).forEach(p -> net.send(p, false, now));
            bmc.poll(t).forEach(p -> net.send(p, true, now));
            if (typedAt == s.typed().length && console.pending() == 0 && bmc.done() && shown.size() == s.printed().length
                    && bmc.received().length == s.typed().length && net.empty()) {
                break;
            }
        }
        assertArrayEquals(s.printed(), shown.toByteArray(), "what the machine printed, as the console showed it");
        assertArrayEquals(s.typed(), bmc.received(), "what was typed, as the serial line got it");
        assertTrue(t < 200_000, "finished in " + t + " steps");
    }

    @Property
    void packetsRoundTrip(@ForAll @IntRange(max = 15) int seq, @ForAll @IntRange(max = 15) int ack,
            @ForAll @IntRange(max = 255) int count, @ForAll @IntRange(max = 255) int control, @ForAll @Size(max = 255) byte[] data)
            throws MalformedPacketException {
        SolPacket p = new SolPacket(seq, ack, count, control, data);
        assertEquals(p, SolPacket.decode(p.encode()));
    }

    @Property
    void theDecoderTakesAnyBytesOrDropsThemTyped(@ForAll @Size(max = 300) byte[] payload) {
        try {
            SolPacket p = SolPacket.decode(payload);
            assertEquals(payload.length, p.encode().length);
            assertEquals(payload[0] & 0x0F, p.sequence());
            assertEquals(payload[1] & 0x0F, p.ackSequence());
        } catch (MalformedPacketException e) {
            assertTrue(payload.length < SolPacket.HEADER || payload.length > SolPacket.HEADER + SolPacket.MAX_DATA, e.getMessage());
        }
    }

    @Property
    void activationAnswersDecodeOrDropTyped(@ForAll @Size(max = 20) byte[] data) {
        try {
            SolCommands.Activation a = SolCommands.Activation.decode(data);
            int chunk = a.chunk();
            assertTrue(chunk >= 1 && chunk <= SolPacket.MAX_DATA, "chunk " + chunk);
        } catch (MalformedPacketException e) {
            assertTrue(data.length < 10);
        }
    }

    @Property
    void behindIsAHalfRingBeforeTheLast(@ForAll @IntRange(min = 1, max = 15) int seq, @ForAll @IntRange(min = 1, max = 15) int last) {
        int back = 0;
        for (int s = last; s != seq; s = s == 1 ? 15 : s - 1) {
            back++;
        }
        assertEquals(back >= 1 && back <= SolStream.DUPLICATE_WINDOW, SolStream.behind(seq, last));
    }

    /** A network that loses, duplicates and delays (so reorders) packets. */
    static final class Network {
        record InFlight(long at, boolean toConsole, SolPacket packet) {
        }

        private final Scenario s;
        private final Random random;
        private final List<InFlight> flying = new ArrayList<>();

        Network(Scenario s, Random random) {
            this.s = s;
            this.random = random;
        }

        void send(SolPacket p, boolean toConsole, long now) {
            if (random.nextInt(100) < s.lossPercent()) {
                return;
            }
            flying.add(new InFlight(now + 1 + random.nextInt(s.maxDelay() + 1), toConsole, p));
            if (random.nextInt(100) < s.duplicatePercent()) {
                flying.add(new InFlight(now + 1 + random.nextInt(s.maxDelay() + 1), toConsole, p));
            }
        }

        List<InFlight> arrivals(long now) {
            List<InFlight> due = new ArrayList<>();
            flying.removeIf(f -> {
                if (f.at() <= now) {
                    due.add(f);
                    return true;
                }
                return false;
            });
            java.util.Collections.shuffle(due, random);
            return due;
        }

        boolean empty() {
            return flying.isEmpty();
        }
    }

    /** The BMC's side, after ipmi_sim's SOL. */
    static final class ModelBmc {
        private final int capacity;
        private final byte[] toPrint;
        private final Random random;
        private int printed;
        private final ByteArrayOutputStream outbuf = new ByteArrayOutputStream();
        private final ByteArrayOutputStream serial = new ByteArrayOutputStream();
        private int buffered;
        private int seq = 1;
        private boolean waiting;
        private long deadline;
        private int lastSeq;
        private int lastAccepted;
        private int ackSeq;
        private int ackCount;
        private boolean nack;

        ModelBmc(int capacity, byte[] toPrint, Random random) {
            this.capacity = capacity;
            this.toPrint = toPrint;
            this.random = random;
        }

        /** The machine prints a little and drains its input buffer a little. */
        void machine(long now) {
            if (printed < toPrint.length && random.nextInt(3) == 0) {
                int n = Math.min(toPrint.length - printed, 1 + random.nextInt(400));
                outbuf.write(toPrint, printed, n);
                printed += n;
            }
            if (buffered > 0 && random.nextBoolean()) {
                buffered -= 1 + random.nextInt(buffered);
            }
        }

        List<SolPacket> receive(SolPacket p, long now) {
            if (p.sequence() != 0) {
                if (lastSeq != 0 && (p.sequence() == lastSeq || SolStream.behind(p.sequence(), lastSeq))) {
                    ackSeq = p.sequence();
                    ackCount = p.sequence() == lastSeq ? lastAccepted : p.data().length;
                } else {
                    int accept = Math.min(p.data().length, capacity - buffered);
                    serial.write(p.data(), 0, accept);
                    buffered += accept;
                    lastSeq = p.sequence();
                    lastAccepted = accept;
                    ackSeq = lastSeq;
                    ackCount = accept;
                    nack = buffered == capacity;
                }
            }
            if (waiting && p.ackSequence() == seq) {
                byte[] left = outbuf.toByteArray();
                int taken = Math.min(p.acceptedCount(), Math.min(left.length, SolPacket.MAX_DATA));
                outbuf.reset();
                outbuf.write(left, taken, left.length - taken);
                seq = seq % 15 + 1;
                waiting = false;
            }
            return poll(now);
        }

        List<SolPacket> poll(long now) {
            List<SolPacket> out = new ArrayList<>();
            boolean send = outbuf.size() > 0 && (!waiting || now >= deadline);
            if (send) {
                byte[] all = outbuf.toByteArray();
                byte[] data = java.util.Arrays.copyOf(all, Math.min(all.length, SolPacket.MAX_DATA));
                out.add(new SolPacket(seq, ackSeq, ackCount, nack ? SolPacket.NACK : 0, data));
                waiting = true;
                deadline = now + 10;
            } else if (ackSeq != 0) {
                out.add(SolPacket.ack(ackSeq, ackCount));
            }
            ackSeq = 0;
            return out;
        }

        boolean done() {
            return printed == toPrint.length && outbuf.size() == 0;
        }

        byte[] received() {
            return serial.toByteArray();
        }
    }
}
