package org.bmsdk.hardware.ipmi.internal;

/**
 * The inbound session sequence number check of IPMI v2.0 section 6.12.13: a sliding window that
 * accepts each sequence number once, a little behind the highest seen (packets may be reordered)
 * or ahead of it (packets may be lost), and rejects everything else. Sequence numbers are unsigned
 * 32-bit and wrap; zero is never valid in a session. Call it only for packets whose integrity
 * code has been verified, so that a forger cannot move the window.
 *
 * <p>Thread-safe.
 */
final class ReplayWindow {

    /** How far behind the highest number a late packet is still taken. */
    static final int BEHIND = 32;
    /** How far ahead of the highest number a packet is taken (lost packets leave gaps). */
    static final int AHEAD = 32;

    /** The verdict on one sequence number. */
    enum Verdict {
        ACCEPTED, REPLAYED, OUT_OF_WINDOW
    }

    private boolean started;
    private int highest;
    /** Bit i set: highest - i was seen. */
    private long seen;

    /**
     * Checks a sequence number and, when accepted, remembers it.
     *
     * @param sequence the number, unsigned
     * @return the verdict
     */
    synchronized Verdict accept(int sequence) {
        if (sequence == 0) {
            return Verdict.OUT_OF_WINDOW;
        }
        if (!started) {
            // The first authentic packet of a session opens the window wherever the BMC started counting.
            started = true;
            highest = sequence;
            seen = 1;
            return Verdict.ACCEPTED;
        }
        long ahead = Integer.toUnsignedLong(sequence - highest);
        if (ahead == 0) {
            return Verdict.REPLAYED;
        }
        if (ahead <= AHEAD) {
            seen = ahead >= Long.SIZE ? 1 : seen << ahead | 1;
            highest = sequence;
            return Verdict.ACCEPTED;
        }
        long behind = Integer.toUnsignedLong(highest - sequence);
        if (behind >= BEHIND) {
            return Verdict.OUT_OF_WINDOW;
        }
        if ((seen >>> behind & 1) != 0) {
            return Verdict.REPLAYED;
        }
        seen |= 1L << behind;
        return Verdict.ACCEPTED;
    }

    /** @return the highest sequence number accepted, unsigned; meaningless before the first */
    synchronized int highest() {
        return highest;
    }
}
