package org.bmsdk.storage.backup.internal;

import java.security.MessageDigest;
import javax.crypto.Mac;

/**
 * Feeds SHA-256 (plain or inside HMAC) a large array in 4 KiB slices, so that it runs on the
 * CPU's SHA instructions from the first megabytes of a run.
 *
 * <p>Why: on JDK 17, C2 replaces the SHA-256 block loop ({@code DigestBase.implCompressMultiBlock})
 * with its SHA-NI/AVX2 intrinsic only inside a caller it has compiled, that is one called some
 * thousands of times. A 512 KiB chunk handed over in one {@code update} or {@code doFinal} reaches it
 * once, so the loop stayed interpreted and called the plain Java compression function, compiled on
 * its own: a JFR profile of an incremental backup showed {@code SHA2.implCompress0} as "JIT compiled"
 * Java code on every hashing thread, at about a third of the intrinsic's speed. Slices of 4 KiB
 * call it 128 times a chunk, enough for C2 within the first few MB. The digest is the same either way.
 */
final class Sha256Slices {

    /** Small enough to make the update path hot, large enough (64 blocks) that a call costs little. */
    static final int SLICE = 4096;

    private Sha256Slices() {
    }

    /**
     * Hashes bytes into a digest.
     *
     * @param digest the digest
     * @param data the bytes
     * @param offset where they start
     * @param length how many
     */
    static void update(MessageDigest digest, byte[] data, int offset, int length) {
        int end = offset + length;
        int i = offset;
        for (; end - i > SLICE; i += SLICE) {
            digest.update(data, i, SLICE);
        }
        digest.update(data, i, end - i);
    }

    /**
     * Hashes bytes into a MAC.
     *
     * @param mac the MAC
     * @param data the bytes
     */
    static void update(Mac mac, byte[] data) {
        int i = 0;
        for (; data.length - i > SLICE; i += SLICE) {
            mac.update(data, i, SLICE);
        }
        mac.update(data, i, data.length - i);
    }
}
