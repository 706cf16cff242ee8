package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;
import java.util.HexFormat;

/** Little-endian helpers: IPMI puts multi-byte fields least significant byte first. */
final class Bytes {

    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {
    }

    static void putIntLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    static void putShortLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static int intLe(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static int shortLe(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static byte[] leInt(int v) {
        byte[] b = new byte[4];
        putIntLe(b, 0, v);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] of(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Hex for debug logs of headers and public fields; never call it on key material. */
    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static String hex8(int v) {
        return String.format("0x%02X", v & 0xFF);
    }

    static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }
}
