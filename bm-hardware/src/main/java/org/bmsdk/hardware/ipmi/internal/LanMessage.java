package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * An IPMI message as carried over LAN (IPMI v2.0 section 13.8): a header addressed to
 * {@code targetAddress}, its checksum, then the sender's address, sequence and command, the body
 * and a second checksum. Requests and responses share the layout; a response's body starts with
 * the completion code, and its netFn is the request's plus one.
 *
 * @param targetAddress rsAddr in a request (0x20, the BMC), rqAddr in a response
 * @param netFn the network function, 6 bits
 * @param targetLun the target's LUN, 2 bits
 * @param sourceAddress rqAddr in a request (0x81, a remote console software id), rsAddr in a response
 * @param sequence rqSeq, 6 bits, which a response echoes
 * @param sourceLun the sender's LUN, 2 bits
 * @param command the command
 * @param body the data; in a response, the completion code first
 */
record LanMessage(int targetAddress, int netFn, int targetLun, int sourceAddress, int sequence, int sourceLun, int command,
        byte[] body) {

    /** The BMC's slave address. */
    static final int BMC_ADDRESS = 0x20;
    /** The remote console's software id (IPMI v2.0 section 5.5: 81h..8Dh are remote consoles). */
    static final int CONSOLE_ADDRESS = 0x81;
    /** Header, checksum, source, sequence, command and trailing checksum. */
    static final int OVERHEAD = 7;

    /** Validates the field ranges. */
    LanMessage {
        check(targetAddress, 0xFF, "targetAddress");
        check(netFn, 0x3F, "netFn");
        check(targetLun, 3, "targetLun");
        check(sourceAddress, 0xFF, "sourceAddress");
        check(sequence, 0x3F, "sequence");
        check(sourceLun, 3, "sourceLun");
        check(command, 0xFF, "command");
        Objects.requireNonNull(body, "body");
    }

    private static void check(int v, int max, String name) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(name + " must be in 0.." + max + ", but was " + v);
        }
    }

    /**
     * A request from the remote console to the BMC.
     *
     * @param netFn the network function
     * @param command the command
     * @param sequence rqSeq
     * @param data the request data
     * @return the message
     */
    static LanMessage request(int netFn, int command, int sequence, byte[] data) {
        return new LanMessage(BMC_ADDRESS, netFn, 0, CONSOLE_ADDRESS, sequence, 0, command, data.clone());
    }

    /** @return the encoded message with both checksums */
    byte[] encode() {
        byte[] out = new byte[OVERHEAD + body.length];
        out[0] = (byte) targetAddress;
        out[1] = (byte) (netFn << 2 | targetLun);
        out[2] = checksum(out, 0, 2);
        out[3] = (byte) sourceAddress;
        out[4] = (byte) (sequence << 2 | sourceLun);
        out[5] = (byte) command;
        System.arraycopy(body, 0, out, 6, body.length);
        out[out.length - 1] = checksum(out, 3, out.length - 4);
        return out;
    }

    /**
     * Decodes a message.
     *
     * @param b the bytes, exactly one message
     * @param verifyChecksums false only under the {@code nochecksumcheck} workaround, where the
     *     RMCP+ integrity code still vouches for the bytes
     * @return the message
     * @throws MalformedPacketException when too short or a checksum is wrong
     */
    static LanMessage decode(byte[] b, boolean verifyChecksums) throws MalformedPacketException {
        if (b.length < OVERHEAD) {
            throw new MalformedPacketException(DropReason.TRUNCATED, "IPMI message of " + b.length + " bytes");
        }
        if (verifyChecksums && (checksum(b, 0, 3) != 0 || checksum(b, 3, b.length - 3) != 0)) {
            throw new MalformedPacketException(DropReason.BAD_CHECKSUM, "IPMI message checksum");
        }
        return new LanMessage(b[0] & 0xFF, (b[1] & 0xFF) >>> 2, b[1] & 3, b[3] & 0xFF, (b[4] & 0xFF) >>> 2, b[4] & 3,
                b[5] & 0xFF, Arrays.copyOfRange(b, 6, b.length - 1));
    }

    /** The two's complement checksum: the covered bytes plus it sum to zero modulo 256. */
    static byte checksum(byte[] b, int from, int length) {
        int sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += b[i];
        }
        return (byte) -sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LanMessage m && m.targetAddress == targetAddress && m.netFn == netFn && m.targetLun == targetLun
                && m.sourceAddress == sourceAddress && m.sequence == sequence && m.sourceLun == sourceLun
                && m.command == command && Arrays.equals(m.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(netFn, command, sequence, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "LanMessage[netFn=" + Bytes.hex8(netFn) + ", cmd=" + Bytes.hex8(command) + ", seq=" + sequence + ", body="
                + Bytes.hex(body) + "]";
    }
}
