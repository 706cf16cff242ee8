package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;

/**
 * Reads fields from a received datagram with every bound checked, so that a short or lying packet
 * becomes a {@link MalformedPacketException} and never an index exception.
 */
final class PacketReader {

    private final byte[] data;
    private final int end;
    private int pos;

    PacketReader(byte[] data) {
        this(data, 0, data.length);
    }

    PacketReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + data.length + " bytes");
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n, String field) throws MalformedPacketException {
        if (n < 0 || remaining() < n) {
            throw new MalformedPacketException(DropReason.TRUNCATED,
                    field + " needs " + n + " bytes, " + remaining() + " left");
        }
    }

    int u8(String field) throws MalformedPacketException {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    int u16(String field) throws MalformedPacketException {
        need(2, field);
        int v = Bytes.shortLe(data, pos);
        pos += 2;
        return v;
    }

    int i32(String field) throws MalformedPacketException {
        need(4, field);
        int v = Bytes.intLe(data, pos);
        pos += 4;
        return v;
    }

    byte[] bytes(int n, String field) throws MalformedPacketException {
        need(n, field);
        byte[] b = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    void skip(int n, String field) throws MalformedPacketException {
        need(n, field);
        pos += n;
    }

    byte[] rest() {
        byte[] b = Arrays.copyOfRange(data, pos, end);
        pos = end;
        return b;
    }
}
