package org.bmsdk.hardware.ipmi.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC and AES-CBC-128 as RMCP+ uses them. The JDK providers do the cryptography; this class only
 * shapes inputs and the IPMI confidentiality pad (IPMI v2.0 section 13.29: pad bytes 01h, 02h, ...
 * then the pad length, so that the plaintext fills whole 16-byte blocks).
 */
final class Crypto {

    static final int AES_BLOCK = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static int randomInt() {
        return RANDOM.nextInt();
    }

    /**
     * HMAC over the concatenation of parts.
     *
     * @param algorithm a JCA MAC name such as {@code HmacSHA1}
     * @param key the key; HMAC pads short keys with zeros itself, as IPMI's zero-padded Kuid is
     * @param parts the message, in pieces
     * @return the full MAC
     */
    static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            // an empty key is legal in HMAC but not in SecretKeySpec: one zero byte is the same key
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, algorithm));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    /** The first {@code n} bytes of an HMAC, as the *-96 and *-128 integrity algorithms truncate. */
    static byte[] truncatedHmac(String algorithm, int n, byte[] key, byte[]... parts) {
        byte[] full = hmac(algorithm, key, parts);
        byte[] out = Arrays.copyOf(full, n);
        Bytes.wipe(full);
        return out;
    }

    /** Compares in time independent of where the values differ. */
    static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    /**
     * Encrypts a payload: a fresh random IV, then the ciphertext of payload + pad + pad length.
     *
     * @param key the 16-byte AES key (the first 16 bytes of K2)
     * @param plain the payload
     * @return IV followed by ciphertext
     */
    static byte[] encrypt(byte[] key, byte[] plain) {
        return encrypt(key, random(AES_BLOCK), plain);
    }

    static byte[] encrypt(byte[] key, byte[] iv, byte[] plain) {
        int pad = (AES_BLOCK - (plain.length + 1) % AES_BLOCK) % AES_BLOCK;
        byte[] padded = new byte[plain.length + pad + 1];
        System.arraycopy(plain, 0, padded, 0, plain.length);
        for (int i = 1; i <= pad; i++) {
            padded[plain.length + i - 1] = (byte) i;
        }
        padded[padded.length - 1] = (byte) pad;
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"), new IvParameterSpec(iv));
            return Bytes.concat(iv, c.doFinal(padded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is not available in this JVM", e);
        } finally {
            Bytes.wipe(padded);
        }
    }

    /**
     * Decrypts a payload and checks the IPMI pad.
     *
     * @param key the 16-byte AES key
     * @param data IV followed by ciphertext
     * @return the payload
     * @throws MalformedPacketException when the length or the pad is wrong
     */
    static byte[] decrypt(byte[] key, byte[] data) throws MalformedPacketException {
        if (data.length < 2 * AES_BLOCK || data.length % AES_BLOCK != 0) {
            throw new MalformedPacketException(DropReason.BAD_PADDING, "encrypted payload of " + data.length + " bytes");
        }
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, 0, 16, "AES"), new IvParameterSpec(data, 0, AES_BLOCK));
            plain = c.doFinal(data, AES_BLOCK, data.length - AES_BLOCK);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is not available in this JVM", e);
        }
        try {
            int pad = plain[plain.length - 1] & 0xFF;
            if (pad >= AES_BLOCK || pad + 1 > plain.length) {
                throw new MalformedPacketException(DropReason.BAD_PADDING, "pad length " + pad);
            }
            int start = plain.length - 1 - pad;
            for (int i = 0; i < pad; i++) {
                if ((plain[start + i] & 0xFF) != i + 1) {
                    throw new MalformedPacketException(DropReason.BAD_PADDING, "pad byte " + i);
                }
            }
            return Arrays.copyOf(plain, start);
        } finally {
            Bytes.wipe(plain);
        }
    }
}
