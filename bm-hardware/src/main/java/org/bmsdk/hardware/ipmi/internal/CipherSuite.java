package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The RMCP+ cipher suites this driver speaks (IPMI v2.0 table 22-20), and the algorithm numbers
 * of tables 13-17 to 13-19 so that what a BMC offers or answers can be named when it is refused.
 * Only suites with HMAC authentication, HMAC integrity and AES confidentiality are spoken: 3 and
 * 17. Suite 0 (no authentication at all) and every "none" algorithm are a known way into BMCs.
 */
public enum CipherSuite {
    /** RAKP-HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128. */
    SUITE_3(3, Auth.HMAC_SHA1, Integrity.HMAC_SHA1_96, Confidentiality.AES_CBC_128),
    /** RAKP-HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128. */
    SUITE_17(17, Auth.HMAC_SHA256, Integrity.HMAC_SHA256_128, Confidentiality.AES_CBC_128);

    private final int id;
    private final Auth auth;
    private final Integrity integrity;
    private final Confidentiality confidentiality;

    CipherSuite(int id, Auth auth, Integrity integrity, Confidentiality confidentiality) {
        this.id = id;
        this.auth = auth;
        this.integrity = integrity;
        this.confidentiality = confidentiality;
    }

    /** @return the suite id */
    public int id() {
        return id;
    }

    Auth auth() {
        return auth;
    }

    Integrity integrity() {
        return integrity;
    }

    Confidentiality confidentiality() {
        return confidentiality;
    }

    /**
     * The suite with an id, if this driver speaks it.
     *
     * @param id the suite id
     * @return the suite
     */
    public static Optional<CipherSuite> byId(int id) {
        return Arrays.stream(values()).filter(s -> s.id == id).findFirst();
    }

    /** Authentication algorithms (RAKP), table 13-17. */
    enum Auth {
        NONE(0, null, 0, 0),
        HMAC_SHA1(1, "HmacSHA1", 20, 12),
        HMAC_MD5(2, "HmacMD5", 16, 16),
        HMAC_SHA256(3, "HmacSHA256", 32, 16);

        final int number;
        final String mac;
        /** Length of the RAKP 2/3 key exchange codes, of SIK, K1 and K2. */
        final int length;
        /** Length of the RAKP 4 integrity check value. */
        final int rakp4Length;

        Auth(int number, String mac, int length, int rakp4Length) {
            this.number = number;
            this.mac = mac;
            this.length = length;
            this.rakp4Length = rakp4Length;
        }

        static String name(int number) {
            return Arrays.stream(values()).filter(a -> a.number == number).map(Enum::name).findFirst()
                    .orElse("unknown " + Bytes.hex8(number));
        }
    }

    /** Integrity algorithms, table 13-18. */
    enum Integrity {
        NONE(0, null, 0),
        HMAC_SHA1_96(1, "HmacSHA1", 12),
        HMAC_MD5_128(2, "HmacMD5", 16),
        MD5_128(3, null, 16),
        HMAC_SHA256_128(4, "HmacSHA256", 16);

        final int number;
        final String mac;
        /** Length of the integrity code (AuthCode) in the session trailer. */
        final int length;

        Integrity(int number, String mac, int length) {
            this.number = number;
            this.mac = mac;
            this.length = length;
        }

        static String name(int number) {
            return Arrays.stream(values()).filter(a -> a.number == number).map(Enum::name).findFirst()
                    .orElse("unknown " + Bytes.hex8(number));
        }
    }

    /** Confidentiality algorithms, table 13-19. */
    enum Confidentiality {
        NONE(0),
        AES_CBC_128(1),
        XRC4_128(2),
        XRC4_40(3);

        final int number;

        Confidentiality(int number) {
            this.number = number;
        }

        static String name(int number) {
            return Arrays.stream(values()).filter(a -> a.number == number).map(Enum::name).findFirst()
                    .orElse("unknown " + Bytes.hex8(number));
        }
    }
}
