package org.bmsdk.testkit.storage.internal.iscsi;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * One iSCSI PDU (RFC 7143 section 11): the 48-byte basic header segment, the additional header
 * segments and the data segment, without digests (the portal negotiates {@code None} only). The
 * header is kept as bytes; accessors read the fields every PDU has at the same place.
 */
public final class Pdu {

    /** Initiator opcodes. */
    public static final int NOP_OUT = 0x00;
    public static final int SCSI_COMMAND = 0x01;
    public static final int TASK_MGMT = 0x02;
    public static final int LOGIN = 0x03;
    public static final int TEXT = 0x04;
    public static final int DATA_OUT = 0x05;
    public static final int LOGOUT = 0x06;
    public static final int SNACK = 0x10;

    /** Target opcodes. */
    public static final int NOP_IN = 0x20;
    public static final int SCSI_RESPONSE = 0x21;
    public static final int TASK_MGMT_RESPONSE = 0x22;
    public static final int LOGIN_RESPONSE = 0x23;
    public static final int TEXT_RESPONSE = 0x24;
    public static final int DATA_IN = 0x25;
    public static final int LOGOUT_RESPONSE = 0x26;
    public static final int R2T = 0x31;
    public static final int REJECT = 0x3f;

    /** The header's length. */
    public static final int BHS = 48;

    private final byte[] bhs;
    private final byte[] ahs;
    private final byte[] data;

    private Pdu(byte[] bhs, byte[] ahs, byte[] data) {
        // the header always tells the lengths of what follows it
        bhs[4] = (byte) (ahs.length / 4);
        put24(bhs, 5, data.length);
        this.bhs = bhs;
        this.ahs = ahs;
        this.data = data;
    }

    /**
     * A PDU to send.
     *
     * @param opcode the opcode
     * @return a PDU with a zeroed header and no data
     */
    public static Pdu of(int opcode) {
        byte[] h = new byte[BHS];
        h[0] = (byte) (opcode & 0x3f);
        return new Pdu(h, new byte[0], new byte[0]);
    }

    /**
     * Reads one PDU.
     *
     * @param in the stream
     * @param maxData the longest data segment accepted (our MaxRecvDataSegmentLength)
     * @return the PDU, or null at a clean end of stream before its first byte
     * @throws IscsiProtocolException when the stream ends inside a PDU or a length is out of bounds
     * @throws IOException when reading fails
     */
    public static Pdu read(InputStream in, int maxData) throws IscsiProtocolException, IOException {
        byte[] h = new byte[BHS];
        int first = in.read();
        if (first < 0) {
            return null;
        }
        h[0] = (byte) first;
        readFully(in, h, 1, BHS - 1, "basic header segment");
        int ahsLength = (h[4] & 0xff) * 4;
        int dataLength = u24(h, 5);
        if (dataLength > maxData) {
            throw new IscsiProtocolException("data segment of " + dataLength + " bytes is longer than the " + maxData + " declared");
        }
        byte[] ahs = new byte[ahsLength];
        readFully(in, ahs, 0, ahsLength, "additional header segment");
        byte[] data = new byte[dataLength];
        readFully(in, data, 0, dataLength, "data segment");
        int pad = (4 - dataLength % 4) % 4;
        readFully(in, new byte[pad], 0, pad, "data segment padding");
        return new Pdu(h, ahs, data);
    }

    /**
     * Decodes one PDU from bytes, as {@link #read} does from a stream.
     *
     * @param bytes the bytes
     * @param maxData the longest data segment accepted
     * @return the PDU
     * @throws IscsiProtocolException when the bytes are not exactly one PDU
     */
    public static Pdu decode(byte[] bytes, int maxData) throws IscsiProtocolException {
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(bytes);
        try {
            Pdu p = read(in, maxData);
            if (p == null) {
                throw new IscsiProtocolException("no bytes");
            }
            if (in.available() > 0) {
                throw new IscsiProtocolException(in.available() + " bytes after the PDU");
            }
            return p;
        } catch (IOException e) {
            throw new IscsiProtocolException("cannot read: " + e.getMessage());
        }
    }

    private static void readFully(InputStream in, byte[] b, int off, int len, String what)
            throws IscsiProtocolException, IOException {
        int done = 0;
        while (done < len) {
            int n;
            try {
                n = in.read(b, off + done, len - done);
            } catch (EOFException e) {
                n = -1;
            }
            if (n < 0) {
                throw new IscsiProtocolException("the stream ended inside the " + what);
            }
            done += n;
        }
    }

    /** @return the bytes on the wire: header, additional headers, data and its padding */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(BHS + ahs.length + data.length + 3);
        byte[] h = bhs.clone();
        h[4] = (byte) (ahs.length / 4);
        put24(h, 5, data.length);
        out.writeBytes(h);
        out.writeBytes(ahs);
        out.writeBytes(data);
        out.writeBytes(new byte[(4 - data.length % 4) % 4]);
        return out.toByteArray();
    }

    /** Writes {@link #encode()}. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(encode());
    }

    // ---- fields

    /** @return the opcode (6 bits) */
    public int opcode() {
        return bhs[0] & 0x3f;
    }

    /** @return the immediate-delivery bit */
    public boolean immediate() {
        return (bhs[0] & 0x40) != 0;
    }

    /** @return byte 1, the opcode's flags */
    public int flags() {
        return bhs[1] & 0xff;
    }

    /** @return the final bit of byte 1 */
    public boolean isFinal() {
        return (bhs[1] & 0x80) != 0;
    }

    /** @return the initiator task tag */
    public int itt() {
        return u32(16);
    }

    /** @return the LUN of bytes 8 to 15, single-level (address methods 00 and 01) */
    public int lun() {
        return ((bhs[8] & 0x3f) << 8) | (bhs[9] & 0xff);
    }

    /** @return a copy of the data segment */
    public byte[] data() {
        return data.clone();
    }

    /** @return the data segment's length */
    public int dataLength() {
        return data.length;
    }

    /** @return a copy of the basic header segment */
    public byte[] header() {
        return bhs.clone();
    }

    /** @return the additional header segments' length in bytes */
    public int ahsLength() {
        return ahs.length;
    }

    /** @return byte {@code i} of the header, unsigned */
    public int u8(int i) {
        return bhs[i] & 0xff;
    }

    /** @return the big-endian 16-bit field at {@code i} */
    public int u16(int i) {
        return ((bhs[i] & 0xff) << 8) | (bhs[i + 1] & 0xff);
    }

    /** @return the big-endian 32-bit field at {@code i} */
    public int u32(int i) {
        return ((bhs[i] & 0xff) << 24) | ((bhs[i + 1] & 0xff) << 16) | ((bhs[i + 2] & 0xff) << 8) | (bhs[i + 3] & 0xff);
    }

    /** @return {@code len} header bytes from {@code i} */
    public byte[] bytes(int i, int len) {
        return Arrays.copyOfRange(bhs, i, i + len);
    }

    // ---- building

    /** Sets byte 1. */
    public Pdu flags(int f) {
        bhs[1] = (byte) f;
        return this;
    }

    /** Sets a byte. */
    public Pdu put8(int i, int v) {
        bhs[i] = (byte) v;
        return this;
    }

    /** Sets a big-endian 16-bit field. */
    public Pdu put16(int i, int v) {
        bhs[i] = (byte) (v >>> 8);
        bhs[i + 1] = (byte) v;
        return this;
    }

    /** Sets a big-endian 32-bit field. */
    public Pdu put32(int i, int v) {
        bhs[i] = (byte) (v >>> 24);
        bhs[i + 1] = (byte) (v >>> 16);
        bhs[i + 2] = (byte) (v >>> 8);
        bhs[i + 3] = (byte) v;
        return this;
    }

    /** Copies bytes into the header. */
    public Pdu put(int i, byte[] b) {
        System.arraycopy(b, 0, bhs, i, b.length);
        return this;
    }

    /** Sets the LUN field (single-level, peripheral addressing). */
    public Pdu lun(int lun) {
        Arrays.fill(bhs, 8, 16, (byte) 0);
        bhs[8] = (byte) ((lun >> 8) & 0x3f);
        bhs[9] = (byte) lun;
        return this;
    }

    /** @return a PDU with this header and that data segment */
    public Pdu withData(byte[] d) {
        byte[] h = bhs.clone();
        put24(h, 5, d.length);
        return new Pdu(h, ahs, d);
    }

    /** Sets the initiator task tag. */
    public Pdu itt(int tag) {
        return put32(16, tag);
    }

    private static int u24(byte[] b, int i) {
        return ((b[i] & 0xff) << 16) | ((b[i + 1] & 0xff) << 8) | (b[i + 2] & 0xff);
    }

    private static void put24(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 16);
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) v;
    }

    @Override
    public String toString() {
        return String.format("Pdu[opcode 0x%02x, flags 0x%02x, itt 0x%08x, %d data bytes]", opcode(), flags(), itt(), data.length);
    }
}
