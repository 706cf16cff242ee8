package org.bmsdk.api.storage;

import java.util.regex.Pattern;

/**
 * The id of a backup chunk, in lower-case hex: the SHA-256 of its plain content in an unencrypted
 * repository, and an HMAC-SHA256 of its plain content under a key derived from the owner's key in an
 * encrypted one (so that the ids of an encrypted repository do not tell which well-known data it
 * holds). Content addressing is what makes backups deduplicated and verifiable.
 *
 * @param hex 64 lower-case hex digits
 */
public record ChunkId(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** Validates the form. */
    public ChunkId {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("chunk id must be 64 lower-case hex digits, but was '" + hex + "'");
        }
    }

    /**
     * The id of 32 bytes of digest.
     *
     * @param digest a SHA-256 or HMAC-SHA256 value
     * @return the id
     */
    public static ChunkId of(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("chunk id must be 32 bytes, but was " + digest.length);
        }
        StringBuilder sb = new StringBuilder(64);
        for (byte b : digest) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return new ChunkId(sb.toString());
    }

    @Override
    public String toString() {
        return hex;
    }
}
