package org.bmsdk.api.storage;

import java.util.regex.Pattern;

/**
 * The id of a backup chunk: the SHA-256 of its plain content, in lower-case hex. Content addressing
 * is what makes backups deduplicated and verifiable.
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

    @Override
    public String toString() {
        return hex;
    }
}
