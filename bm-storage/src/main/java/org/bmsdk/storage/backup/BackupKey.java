package org.bmsdk.storage.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bmsdk.api.ConfigurationException;

/**
 * The 256-bit key of an encrypted repository. The caller owns it: the repository keeps only a check
 * value that tells a wrong key from the right one, so a lost key is lost data. It prints as
 * {@code BackupKey[****]} and is never logged.
 *
 * <p>Chunks are encrypted with AES-256-GCM under a key derived from it (HKDF-SHA256 with the
 * repository's salt), and their ids are HMAC-SHA256 values under another derived key, so that an
 * encrypted repository does not show the plain SHA-256 of what it holds.
 */
public final class BackupKey {

    private static final int LENGTH = 32;

    private final byte[] key;

    private BackupKey(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("backup key must be 32 bytes, but was " + key.length);
        }
        this.key = key.clone();
    }

    /**
     * Wraps 32 key bytes; the array is copied, so the caller may wipe its own.
     *
     * @param key the key
     * @return the key
     */
    public static BackupKey of(byte[] key) {
        return new BackupKey(key);
    }

    /** @return a new random key */
    public static BackupKey generate() {
        byte[] k = new byte[LENGTH];
        new SecureRandom().nextBytes(k);
        return new BackupKey(k);
    }

    /**
     * Reads a key file: 64 hex digits (surrounding white space ignored) or 32 raw bytes.
     *
     * @param file the file
     * @return the key
     * @throws ConfigurationException when the file cannot be read or holds no key
     */
    public static BackupKey read(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the backup key file " + file + ": " + e.getMessage());
        }
        if (raw.length == LENGTH) {
            return new BackupKey(raw);
        }
        String text = new String(raw, StandardCharsets.US_ASCII).strip();
        if (text.matches("[0-9a-fA-F]{64}")) {
            return new BackupKey(HexFormat.of().parseHex(text));
        }
        throw new ConfigurationException("backup key file " + file + " must hold 64 hex digits or 32 bytes, but holds "
                + raw.length + " bytes");
    }

    /**
     * The key in hex, for writing a new key file.
     *
     * @return 64 hex digits
     */
    public String toHex() {
        return HexFormat.of().formatHex(key);
    }

    /**
     * The key bytes, for the engine's key derivation.
     *
     * @return a copy of the key
     */
    public byte[] bytes() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupKey k && java.security.MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "BackupKey[****]";
    }
}
