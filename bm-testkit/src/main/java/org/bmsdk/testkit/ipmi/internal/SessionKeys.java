package org.bmsdk.testkit.ipmi.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of an active session derived from its SIK (IPMI v2.0 13.32): K1 signs every packet
 * (13.28.4), the first 16 bytes of K2 encrypt payloads with AES-CBC-128 (13.29).
 */
public final class SessionKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Suite suite;
    private final byte[] k1;
    private final SecretKeySpec aes;

    /**
     * Derives the keys.
     *
     * @param suite the cipher suite
     * @param sik the session integrity key
     */
    public SessionKeys(Suite suite, byte[] sik) {
        this.suite = suite;
        // Const 1 and Const 2 are 20 bytes whatever the HMAC (13.32), SHA-256 suites included.
        this.k1 = suite.hmac(sik, filled(20, 0x01));
        byte[] k2 = suite.hmac(sik, filled(20, 0x02));
        this.aes = new SecretKeySpec(Arrays.copyOf(k2, 16), "AES");
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    public Suite suite() {
        return suite;
    }

    /** @return the truncated HMAC-K1 of {@code len} bytes */
    byte[] integrity(byte[] b, int off, int len) {
        return Arrays.copyOf(suite.hmac(k1, Arrays.copyOfRange(b, off, off + len)), suite.truncatedLength());
    }

    /**
     * Checks a received RMCP+ packet's integrity trailer: the 0xFF pad, its length, next header
     * 07h and the auth code over everything from the auth type byte.
     *
     * @param b the datagram
     * @param len its length
     * @param payloadEnd where the payload ended
     * @return whether it is intact
     */
    public boolean verify(byte[] b, int len, int payloadEnd) {
        int codeLen = suite.truncatedLength();
        int covered = payloadEnd - 4 + 2;
        int pad = (4 - covered % 4) % 4;
        if (len != payloadEnd + pad + 2 + codeLen) {
            return false;
        }
        for (int i = payloadEnd; i < payloadEnd + pad; i++) {
            if ((b[i] & 0xFF) != 0xFF) {
                return false;
            }
        }
        if ((b[payloadEnd + pad] & 0xFF) != pad || (b[payloadEnd + pad + 1] & 0xFF) != 0x07) {
            return false;
        }
        byte[] expected = integrity(b, 4, len - codeLen - 4);
        return Suite.same(expected, Arrays.copyOfRange(b, len - codeLen, len));
    }

    /** Encrypts: a random IV, then the payload with pad bytes 1, 2, 3... and the pad length, in AES-CBC. */
    byte[] encrypt(byte[] payload) {
        int pad = (16 - (payload.length + 1) % 16) % 16;
        byte[] clear = Arrays.copyOf(payload, payload.length + pad + 1);
        for (int i = 0; i < pad; i++) {
            clear[payload.length + i] = (byte) (i + 1);
        }
        clear[clear.length - 1] = (byte) pad;
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aes, new IvParameterSpec(iv));
            byte[] enc = c.doFinal(clear);
            byte[] out = Arrays.copyOf(iv, 16 + enc.length);
            System.arraycopy(enc, 0, out, 16, enc.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC failed", e);
        }
    }

    /**
     * Decrypts a payload.
     *
     * @return the payload in the clear, or null when the length or padding is wrong
     */
    public byte[] decrypt(byte[] body) {
        if (body.length < 32 || body.length % 16 != 0) {
            return null;
        }
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aes, new IvParameterSpec(body, 0, 16));
            byte[] clear = c.doFinal(body, 16, body.length - 16);
            int pad = clear[clear.length - 1] & 0xFF;
            if (pad > 15 || pad + 1 > clear.length) {
                return null;
            }
            for (int i = 0; i < pad; i++) {
                if ((clear[clear.length - 1 - pad + i] & 0xFF) != i + 1) {
                    return null;
                }
            }
            return Arrays.copyOf(clear, clear.length - 1 - pad);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
