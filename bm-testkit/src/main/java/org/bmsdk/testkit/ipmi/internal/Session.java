package org.bmsdk.testkit.ipmi.internal;

import java.net.SocketAddress;
import java.time.Instant;
import org.bmsdk.testkit.ipmi.IpmiUser;

/**
 * One RMCP+ session slot of a BMC, from Open Session Request to Close Session or timeout. Guarded
 * by its engine's lock.
 */
final class Session {

    /** Where a slot is in its life (IPMI v2.0 13.15). */
    enum State {
        /** Open Session answered; waiting for RAKP 1. */
        OPENED,
        /** RAKP 2 sent; waiting for RAKP 3. */
        RAKP2_SENT,
        /** RAKP 4 sent: packets must now be signed and encrypted. */
        ACTIVE
    }

    final int bmcId;
    final int consoleId;
    final Suite suite;
    final SocketAddress peer;
    /** The ceiling from the Open Session Request (or the channel's when it asked for 0). */
    final int maxPrivilege;
    final int openTag;
    byte[] openResponse;

    State state = State.OPENED;
    Instant lastActivity;

    // RAKP values, kept until the keys are made.
    byte[] consoleRandom;
    byte[] bmcRandom;
    int role;
    byte[] userName;
    byte[] key;
    byte[] rakp2;
    byte[] rakp4;
    IpmiUser user;

    SessionKeys keys;
    /** The privilege granted by RAKP: the limit for Set Session Privilege Level. */
    int privilegeLimit;
    /** The privilege commands run at now. */
    int privilege;
    int outboundSequence;
    final InboundWindow inbound = new InboundWindow();

    /** The last request and its answer, to answer a retransmission without running it twice. */
    Wire.Request lastRequest;
    byte[] lastResponse;
    Instant lastResponseAt;

    Session(int bmcId, int consoleId, Suite suite, SocketAddress peer, int maxPrivilege, int openTag, Instant now) {
        this.bmcId = bmcId;
        this.consoleId = consoleId;
        this.suite = suite;
        this.peer = peer;
        this.maxPrivilege = maxPrivilege;
        this.openTag = openTag;
        this.lastActivity = now;
    }

    int nextOutbound() {
        outboundSequence = outboundSequence == -1 ? 1 : outboundSequence + 1;
        if (outboundSequence == 0) {
            outboundSequence = 1;
        }
        return outboundSequence;
    }

    @Override
    public String toString() {
        return "Session[" + Integer.toHexString(bmcId) + ", " + state + ", suite " + suite.id() + "]";
    }

    /**
     * The inbound sequence number check (IPMI v2.0 6.12.13): a number already seen, or more than
     * 16 below or 31 above the highest accepted, is refused as a replay.
     */
    static final class InboundWindow {
        private long highest = -1;
        private long seen;

        boolean accept(int sequence) {
            long s = Integer.toUnsignedLong(sequence);
            if (s == 0) {
                return false;
            }
            if (highest < 0) {
                highest = s;
                seen = 1;
                return true;
            }
            if (s > highest) {
                if (s - highest > 31) {
                    return false;
                }
                long shift = s - highest;
                seen = shift >= 64 ? 0 : seen << shift;
                seen |= 1;
                highest = s;
                return true;
            }
            long back = highest - s;
            if (back >= 16 || (seen >>> back & 1) != 0) {
                return false;
            }
            seen |= 1L << back;
            return true;
        }
    }
}
