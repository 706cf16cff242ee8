package org.bmsdk.hardware.ipmi.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Serial-over-LAN character stream of one activation, both ways (IPMI v2.0 section 15.9 to
 * 15.14), as a state machine with no I/O and no clock of its own, so that properties can drive it
 * through any loss, duplication and reordering.
 *
 * <p>Outbound (keystrokes): one packet in flight at a time, sequence numbers 1 to 15 in turn. An
 * unacknowledged packet is sent again unchanged (same sequence number, same characters) after the
 * retransmission interval; an ACK takes the accepted characters off the queue, and whatever the
 * BMC did not accept (a partial ACK) goes out in the next packet under a new sequence number. A
 * NACK holds new data back for a while, as the BMC asks.
 *
 * <p>Inbound (console output): a packet whose sequence number is the last one seen, or up to 7
 * behind it, is a retransmission or a late duplicate: it is acknowledged again and not delivered.
 * The count acknowledged for a retransmission is always the count of the first copy, even when the
 * BMC added characters to it meanwhile (ipmi_sim does): the BMC then sends the rest under a new
 * sequence number, so no character is ever delivered twice whichever of our ACKs it sees.
 *
 * <p>Not thread-safe: its owner serialises every call.
 */
final class SolStream {

    /** How many sequence numbers behind the last one a packet still counts as a duplicate. */
    static final int DUPLICATE_WINDOW = 7;
    private static final byte[] NONE = new byte[0];

    private final long retransmitNanos;
    private final int stallAttempts;
    private int maxChunk;

    private byte[] queue = new byte[256];
    private int queueStart;
    private int queueEnd;
    private int lastSent;
    private int inFlight;
    private int inFlightLength;
    private long inFlightDeadline;
    private int attempts;
    private boolean holding;
    private long holdUntil;
    private int control;

    private int lastReceived;
    private int lastReceivedLength;
    private boolean ackDue;
    private int ackSequence;
    private int ackCount;
    private int lastStatus;

    /**
     * Creates the stream.
     *
     * @param maxChunk the most characters in one outbound packet, 1 to 255
     * @param retransmitNanos the wait for an ACK before sending a packet again
     * @param stallAttempts the sends of one packet after which {@link #stalled()} says so
     */
    SolStream(int maxChunk, long retransmitNanos, int stallAttempts) {
        chunk(maxChunk);
        this.retransmitNanos = retransmitNanos;
        this.stallAttempts = stallAttempts;
    }

    /** Sets the most characters in one outbound packet (the BMC says how many it takes when activating). */
    void chunk(int maxChunk) {
        if (maxChunk < 1 || maxChunk > SolPacket.MAX_DATA) {
            throw new IllegalArgumentException("maxChunk must be in 1..255, but was " + maxChunk);
        }
        this.maxChunk = maxChunk;
    }

    /** Queues characters for the BMC. */
    void write(byte[] b, int off, int len) {
        if (queueEnd + len > queue.length) {
            int used = queueEnd - queueStart;
            byte[] bigger = used + len > queue.length / 2 ? new byte[Math.max(queue.length * 2, used + len)] : queue;
            System.arraycopy(queue, queueStart, bigger, 0, used);
            queue = bigger;
            queueStart = 0;
            queueEnd = used;
        }
        System.arraycopy(b, off, queue, queueEnd, len);
        queueEnd += len;
    }

    /** @return characters queued and not yet acknowledged */
    int pending() {
        return queueEnd - queueStart;
    }

    /** Drops the queued keystrokes: the sessions that typed them are gone. */
    void discard() {
        queueStart = queueEnd;
        inFlight = 0;
        attempts = 0;
    }

    /** Asks for a serial BREAK with the next packet; best effort, as it is never acknowledged. */
    void requestBreak() {
        control |= SolPacket.OP_BREAK;
    }

    /** @return the status bits of the last packet from the BMC */
    int lastStatus() {
        return lastStatus;
    }

    /** @return true when one packet went unacknowledged for as many sends as allowed: the link may be dead */
    boolean stalled() {
        return inFlight != 0 && attempts >= stallAttempts;
    }

    /**
     * Starts over for a new activation: queued characters stay (the caller's keystrokes carry on),
     * sequence numbers start again. A packet in flight is sent again in full, so the BMC may see
     * those characters twice if it took them just before the old activation ended.
     */
    void restart() {
        inFlight = 0;
        attempts = 0;
        holding = false;
        lastSent = 0;
        lastReceived = 0;
        lastReceivedLength = 0;
        ackDue = false;
        lastStatus = 0;
    }

    /**
     * Takes a packet from the BMC.
     *
     * @param p the packet
     * @param now the monotonic time in nanoseconds
     * @return the characters to deliver (empty for a duplicate or an ACK alone)
     */
    byte[] receive(SolPacket p, long now) {
        lastStatus = p.control();
        byte[] deliver = NONE;
        if (p.sequence() != 0) {
            ackDue = true;
            ackSequence = p.sequence();
            if (lastReceived != 0 && (p.sequence() == lastReceived || behind(p.sequence(), lastReceived))) {
                ackCount = p.sequence() == lastReceived ? lastReceivedLength : p.data().length;
            } else {
                deliver = p.data();
                lastReceived = p.sequence();
                lastReceivedLength = p.data().length;
                ackCount = lastReceivedLength;
            }
        }
        if (p.ackSequence() != 0 && p.ackSequence() == inFlight) {
            int accepted = Math.min(p.acceptedCount(), inFlightLength);
            queueStart += accepted;
            inFlight = 0;
            attempts = 0;
            if (p.nack()) {
                holding = true;
                holdUntil = now + retransmitNanos / 4;
            }
        }
        return deliver;
    }

    /**
     * The packets to send now: a retransmission when the packet in flight is overdue, else new
     * characters when none is in flight, and any ACK or control owed, piggybacked when possible.
     *
     * @param now the monotonic time in nanoseconds
     * @return the packets, often none
     */
    List<SolPacket> poll(long now) {
        List<SolPacket> out = new ArrayList<>(2);
        if (holding && now - holdUntil >= 0) {
            holding = false;
        }
        byte[] data = null;
        int seq = 0;
        if (inFlight != 0) {
            if (now - inFlightDeadline >= 0) {
                attempts++;
                seq = inFlight;
                data = Arrays.copyOfRange(queue, queueStart, queueStart + inFlightLength);
                inFlightDeadline = now + retransmitNanos;
            }
        } else if (pending() > 0 && !holding) {
            lastSent = lastSent % 15 + 1;
            seq = inFlight = lastSent;
            inFlightLength = Math.min(pending(), maxChunk);
            attempts = 1;
            inFlightDeadline = now + retransmitNanos;
            data = Arrays.copyOfRange(queue, queueStart, queueStart + inFlightLength);
        }
        if (data != null || ackDue || control != 0) {
            out.add(new SolPacket(seq, ackDue ? ackSequence : 0, ackDue ? ackCount : 0, control, data == null ? NONE : data));
            ackDue = false;
            control = 0;
        }
        return out;
    }

    /** Whether {@code seq} is 1 to {@value #DUPLICATE_WINDOW} before {@code last} on the ring of sequence numbers 1 to 15. */
    static boolean behind(int seq, int last) {
        int d = Math.floorMod(last - seq, 15);
        return d >= 1 && d <= DUPLICATE_WINDOW;
    }
}
