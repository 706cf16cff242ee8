package org.bmsdk.hardware.ipmi.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The board and product areas of a FRU inventory (Platform Management FRU Information Storage
 * Definition v1.0): the common header's area offsets, then each area's type/length fields.
 *
 * @param boardManufacturer board area manufacturer, or empty
 * @param boardProduct board area product name, or empty
 * @param boardSerial board area serial number, or empty
 * @param boardPartNumber board area part number, or empty
 * @param productManufacturer product area manufacturer, or empty
 * @param productName product area name, or empty
 * @param productPartNumber product area part/model number, or empty
 * @param productVersion product area version, or empty
 * @param productSerial product area serial number, or empty
 * @param assetTag product area asset tag, or empty
 */
record FruData(String boardManufacturer, String boardProduct, String boardSerial, String boardPartNumber,
        String productManufacturer, String productName, String productPartNumber, String productVersion, String productSerial,
        String assetTag) {

    private static final String BCD_PLUS = "0123456789 -.???";

    /**
     * Parses a FRU image.
     *
     * @param d the bytes from offset 0
     * @return the fields found
     * @throws MalformedPacketException when the header is not a FRU header or an area runs off the end
     */
    static FruData parse(byte[] d) throws MalformedPacketException {
        if (d.length < 8) {
            throw new MalformedPacketException(DropReason.TRUNCATED, "FRU header of " + d.length + " bytes");
        }
        if ((d[0] & 0x0F) != 0x01 || LanMessage.checksum(d, 0, 8) != 0) {
            throw new MalformedPacketException(DropReason.MALFORMED, "not a FRU common header (format 1, zero checksum)");
        }
        List<String> board = area(d, (d[3] & 0xFF) * 8, 6, 4);
        List<String> product = area(d, (d[4] & 0xFF) * 8, 3, 7);
        return new FruData(get(board, 0), get(board, 1), get(board, 2), get(board, 3), get(product, 0), get(product, 1),
                get(product, 2), get(product, 3), get(product, 4), get(product, 5));
    }

    private static String get(List<String> fields, int i) {
        return i < fields.size() ? fields.get(i) : "";
    }

    /** The first {@code count} type/length fields of an area whose fields start at {@code skip}. */
    private static List<String> area(byte[] d, int offset, int skip, int count) throws MalformedPacketException {
        List<String> out = new ArrayList<>();
        if (offset == 0) {
            return out;
        }
        if (offset + 2 > d.length) {
            throw new MalformedPacketException(DropReason.TRUNCATED, "FRU area at " + offset + " beyond " + d.length + " bytes");
        }
        int end = Math.min(d.length, offset + (d[offset + 1] & 0xFF) * 8);
        int at = offset + skip;
        while (out.size() < count && at < end) {
            int tl = d[at] & 0xFF;
            if (tl == 0xC1) {
                break;
            }
            int len = tl & 0x3F;
            if (at + 1 + len > end) {
                throw new MalformedPacketException(DropReason.TRUNCATED, "FRU field at " + at + " runs past its area");
            }
            out.add(text(tl >>> 6, d, at + 1, len));
            at += 1 + len;
        }
        return out;
    }

    private static String text(int type, byte[] d, int from, int len) {
        switch (type) {
            case 0:
                return Bytes.hex(java.util.Arrays.copyOfRange(d, from, from + len));
            case 1: {
                StringBuilder s = new StringBuilder();
                for (int i = from; i < from + len; i++) {
                    s.append(BCD_PLUS.charAt(d[i] >>> 4 & 0x0F)).append(BCD_PLUS.charAt(d[i] & 0x0F));
                }
                return s.toString().strip();
            }
            case 2: {
                // 6-bit ASCII, packed four characters in three bytes, least significant bits first
                StringBuilder s = new StringBuilder();
                int bits = 0;
                int acc = 0;
                for (int i = from; i < from + len; i++) {
                    acc |= (d[i] & 0xFF) << bits;
                    bits += 8;
                    while (bits >= 6) {
                        s.append((char) ((acc & 0x3F) + 0x20));
                        acc >>>= 6;
                        bits -= 6;
                    }
                }
                return s.toString().strip();
            }
            default:
                return new String(d, from, len, StandardCharsets.ISO_8859_1).strip();
        }
    }
}
