package org.bmsdk.testkit.ipmi.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two cipher suites the simulator speaks (IPMI v2.0 table 22-20), with their algorithm numbers
 * as Open Session and Get Channel Cipher Suites carry them, and the HMAC each uses.
 */
public enum Suite {
    /** RAKP-HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128. */
    SUITE_3(3, 0x01, 0x01, 0x01, "HmacSHA1", 20, 12),
    /** RAKP-HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128. */
    SUITE_17(17, 0x03, 0x04, 0x01, "HmacSHA256", 32, 16);

    private final int id;
    private final int auth;
    private final int integrity;
    private final int confidentiality;
    private final String mac;
    private final int macLength;
    private final int truncated;

    Suite(int id, int auth, int integrity, int confidentiality, String mac, int macLength, int truncated) {
        this.id = id;
        this.auth = auth;
        this.integrity = integrity;
        this.confidentiality = confidentiality;
        this.mac = mac;
        this.macLength = macLength;
        this.truncated = truncated;
    }

    public static Suite of(int id) {
        for (Suite s : values()) {
            if (s.id == id) {
                return s;
            }
        }
        throw new IllegalArgumentException("no cipher suite " + id);
    }

    /** @return the suite with exactly these algorithms, or null */
    static Suite matching(int auth, int integrity, int confidentiality) {
        for (Suite s : values()) {
            if (s.auth == auth && s.integrity == integrity && s.confidentiality == confidentiality) {
                return s;
            }
        }
        return null;
    }

    public int id() {
        return id;
    }

    public int auth() {
        return auth;
    }

    public int integrity() {
        return integrity;
    }

    public int confidentiality() {
        return confidentiality;
    }

    /** @return the length of the full HMAC: the RAKP 2 and 3 key exchange codes, K1, K2 */
    public int macLength() {
        return macLength;
    }

    /** @return the length of the RAKP 4 integrity check value and of each packet's auth code */
    public int truncatedLength() {
        return truncated;
    }

    /** @return the HMAC of the parts, keyed with {@code key} */
    public byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac m = Mac.getInstance(mac);
            // HMAC pads a short key with zeros, so the 20-byte zero-padded password gives the same
            // result; an empty password would be an illegal key, so it is given as one zero byte.
            m.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac));
            for (byte[] p : parts) {
                m.update(p);
            }
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mac + " is missing from this JRE", e);
        }
    }

    /** Compares in constant time, whatever the lengths. */
    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
