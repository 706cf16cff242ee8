package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;

/**
 * One Serial-over-LAN payload (IPMI v2.0 section 15.9, RMCP+ payload type 01h): a 4-bit packet
 * sequence number (0 for a packet that carries no characters, only an ACK or a control), the 4-bit
 * sequence number of the packet it acknowledges (0 for none), how many characters of that packet
 * were accepted, an operation (console to BMC) or status (BMC to console) byte, then the
 * characters.
 *
 * @param sequence the packet sequence number, 0 to 15
 * @param ackSequence the acknowledged packet's sequence number, 0 to 15
 * @param acceptedCount characters of the acknowledged packet accepted, 0 to 255
 * @param control the operation or status bits
 * @param data the characters
 */
record SolPacket(int sequence, int ackSequence, int acceptedCount, int control, byte[] data) {

    /** The header: sequence, ack sequence, accepted count, operation/status. */
    static final int HEADER = 4;
    /** The accepted count is one byte, so no packet carries more characters. */
    static final int MAX_DATA = 255;

    /** Both directions: the acknowledged packet was not (fully) taken; wait before sending more. */
    static final int NACK = 0x40;
    /** Console to BMC: generate a serial BREAK. */
    static final int OP_BREAK = 0x10;
    /** BMC to console: the system is powered off or asleep, no characters move. */
    static final int STATUS_UNAVAILABLE = 0x20;
    /** BMC to console: SOL was deactivated. */
    static final int STATUS_DEACTIVATED = 0x10;
    /** BMC to console: characters were dropped before this packet (transmit overrun). */
    static final int STATUS_OVERRUN = 0x08;
    /** BMC to console: a break was detected on the serial port. */
    static final int STATUS_BREAK = 0x04;

    /** Validates the ranges and copies the data. */
    SolPacket {
        check(sequence, 15, "sequence");
        check(ackSequence, 15, "ackSequence");
        check(acceptedCount, 255, "acceptedCount");
        check(control, 255, "control");
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("a SOL packet carries at most " + MAX_DATA + " characters, but was " + data.length);
        }
        data = data.clone();
    }

    private static void check(int v, int max, String name) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(name + " must be in 0.." + max + ", but was " + v);
        }
    }

    /** A packet that only acknowledges. */
    static SolPacket ack(int ackSequence, int acceptedCount) {
        return new SolPacket(0, ackSequence, acceptedCount, 0, new byte[0]);
    }

    boolean nack() {
        return (control & NACK) != 0;
    }

    /** @return the payload bytes */
    byte[] encode() {
        byte[] out = new byte[HEADER + data.length];
        out[0] = (byte) sequence;
        out[1] = (byte) ackSequence;
        out[2] = (byte) acceptedCount;
        out[3] = (byte) control;
        System.arraycopy(data, 0, out, HEADER, data.length);
        return out;
    }

    /**
     * Decodes a clear SOL payload. Reserved bits of the sequence bytes are ignored, as the
     * specification asks of receivers.
     *
     * @param payload the payload, after integrity check and decryption
     * @return the packet
     * @throws MalformedPacketException when shorter than the header or carrying more than 255 characters
     */
    static SolPacket decode(byte[] payload) throws MalformedPacketException {
        if (payload.length < HEADER) {
            throw new MalformedPacketException(DropReason.TRUNCATED, "SOL payload of " + payload.length + " bytes");
        }
        if (payload.length - HEADER > MAX_DATA) {
            throw new MalformedPacketException(DropReason.OVERSIZED, "SOL payload with " + (payload.length - HEADER) + " characters");
        }
        return new SolPacket(payload[0] & 0x0F, payload[1] & 0x0F, payload[2] & 0xFF, payload[3] & 0xFF,
                Arrays.copyOfRange(payload, HEADER, payload.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SolPacket p && p.sequence == sequence && p.ackSequence == ackSequence
                && p.acceptedCount == acceptedCount && p.control == control && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return ((sequence * 31 + ackSequence) * 31 + acceptedCount) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SolPacket[seq=" + sequence + ", ack=" + ackSequence + "/" + acceptedCount + ", ctl=" + Bytes.hex8(control) + ", "
                + data.length + " chars]";
    }
}
