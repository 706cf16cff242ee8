package org.bmsdk.storage.backup.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bmsdk.storage.backup.BackupKey;

/**
 * The keys derived from the owner's {@link BackupKey} for one repository, with HKDF-SHA256 (RFC
 * 5869) salted by the repository's random salt: one key never serves two purposes, and the same
 * owner key gives unrelated chunk ids in two repositories.
 */
public final class KeySchedule {

    private final byte[] encryptionKey;
    private final byte[] idKey;
    private final byte[] check;

    private KeySchedule(byte[] encryptionKey, byte[] idKey, byte[] check) {
        this.encryptionKey = encryptionKey;
        this.idKey = idKey;
        this.check = check;
    }

    /**
     * Derives the keys.
     *
     * @param key the owner's key
     * @param salt the repository's salt
     * @return the keys
     */
    public static KeySchedule derive(BackupKey key, byte[] salt) {
        byte[] prk = hmac(salt, key.bytes());
        return new KeySchedule(expand(prk, "bm-sdk backup v1 encryption"), expand(prk, "bm-sdk backup v1 chunk id"),
                expand(prk, "bm-sdk backup v1 key check"));
    }

    /** @return the AES-256 key that encrypts chunks and manifests */
    byte[] encryptionKey() {
        return encryptionKey;
    }

    /** @return the HMAC-SHA256 key that names chunks */
    byte[] idKey() {
        return idKey;
    }

    /** @return the value the repository configuration keeps to recognise this key */
    public byte[] checkValue() {
        return check.clone();
    }

    /**
     * Whether a stored check value is this key's, compared in constant time.
     *
     * @param stored the configuration's value
     * @return true when the key is the repository's
     */
    public boolean matches(byte[] stored) {
        return MessageDigest.isEqual(check, stored);
    }

    private static byte[] expand(byte[] prk, String info) {
        byte[] label = info.getBytes(StandardCharsets.US_ASCII);
        byte[] input = java.util.Arrays.copyOf(label, label.length + 1);
        input[label.length] = 1;
        return hmac(prk, input);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
