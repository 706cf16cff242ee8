package org.bmsdk.hardware.ipmi.peers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a FRU image (common header, board and product areas, 8-bit ASCII fields) for BMC fixtures and parser tests. */
public final class FruImage {

    private FruImage() {
    }

    /**
     * An image with a board area (manufacturer, product, serial, part number) and a product area
     * (manufacturer, name, part number, version, serial, asset tag).
     */
    public static byte[] of(String boardManufacturer, String boardProduct, String boardSerial, String boardPart,
            String productManufacturer, String productName, String productPart, String productVersion, String productSerial,
            String assetTag) {
        byte[] board = area(new byte[] {0x01, 0, 0x00, 0x10, 0x20, 0x30}, boardManufacturer, boardProduct, boardSerial, boardPart, "");
        byte[] product = area(new byte[] {0x01, 0, 0x00}, productManufacturer, productName, productPart, productVersion,
                productSerial, assetTag, "");
        byte[] header = {0x01, 0, 0, 1, (byte) (1 + board.length / 8), 0, 0, 0};
        header[7] = checksum(header, 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(board);
        out.writeBytes(product);
        return out.toByteArray();
    }

    private static byte[] area(byte[] head, String... fields) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(head);
        for (String f : fields) {
            byte[] t = f.getBytes(StandardCharsets.ISO_8859_1);
            b.write(0xC0 | t.length);
            b.writeBytes(t);
        }
        b.write(0xC1);
        while ((b.size() + 1) % 8 != 0) {
            b.write(0);
        }
        b.write(0);
        byte[] a = b.toByteArray();
        a[1] = (byte) (a.length / 8);
        a[a.length - 1] = checksum(a, a.length - 1);
        return a;
    }

    private static byte checksum(byte[] b, int n) {
        int s = 0;
        for (int i = 0; i < n; i++) {
            s += b[i];
        }
        return (byte) -s;
    }
}
