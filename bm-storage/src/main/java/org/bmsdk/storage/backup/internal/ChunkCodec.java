package org.bmsdk.storage.backup.internal;

import com.github.luben.zstd.Zstd;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.storage.ChunkId;

/**
 * What a chunk (or an encrypted manifest) looks like in the repository, and its id.
 *
 * <p>Stored form: one format byte, then either {@code 1}: a zstd frame of the plain bytes, or
 * {@code 2}: a random 12-byte nonce and the AES-256-GCM encryption of that zstd frame with its
 * 16-byte tag, authenticated together with the object's name (so a chunk cannot be passed off under
 * another id, nor a manifest under another snapshot). An encrypted repository accepts only format 2.
 * A random nonce per object is safe far beyond any repository's size (GCM's limit is about 2^32
 * objects per key).
 *
 * <p>Ids: SHA-256 of the plain bytes, or HMAC-SHA256 under the id key when encrypted, so that the
 * names of an encrypted repository's files do not confirm which known content it holds.
 *
 * <p>Thread-safe. Decoding never trusts the stored bytes: every failure, whatever the input, is an
 * {@link IntegrityException}.
 */
public final class ChunkCodec {

    static final byte ZSTD = 1;
    static final byte ZSTD_AES_GCM = 2;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int LEVEL = 3;
    /** Encryption is fed to the cipher in pieces of this size: see {@link #sealGcm}. */
    private static final int SLICE = 4096;

    private final KeySchedule keys;
    private final int maxPlain;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Mac> idMac;

    /**
     * A codec.
     *
     * @param keys the repository's keys, or null for an unencrypted repository
     * @param maxPlain the longest plain object accepted when decoding
     */
    public ChunkCodec(KeySchedule keys, int maxPlain) {
        this.keys = keys;
        this.maxPlain = maxPlain;
        this.idMac = keys == null ? null : ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(keys.idKey(), "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
            }
        });
    }

    /** @return true when objects are encrypted */
    public boolean encrypted() {
        return keys != null;
    }

    /**
     * The id of a chunk's plain bytes.
     *
     * @param plain the bytes
     * @return the id
     */
    public ChunkId id(byte[] plain) {
        if (keys != null) {
            Mac mac = idMac.get();
            Sha256Slices.update(mac, plain);
            return ChunkId.of(mac.doFinal());
        }
        MessageDigest sha256 = sha256();
        Sha256Slices.update(sha256, plain, 0, plain.length);
        return ChunkId.of(sha256.digest());
    }

    /**
     * Compresses and perhaps encrypts a chunk.
     *
     * @param id its id
     * @param plain its bytes
     * @return the stored form
     */
    public byte[] encode(ChunkId id, byte[] plain) {
        return seal(chunkLabel(id), plain);
    }

    /**
     * Turns a stored chunk back into its plain bytes, checking everything on the way.
     *
     * @param id the id it is stored under
     * @param stored the stored form
     * @return the plain bytes, whose id is {@code id}
     * @throws IntegrityException when it is damaged, tampered with or not the chunk named
     */
    public byte[] decode(ChunkId id, byte[] stored) {
        byte[] plain = open(chunkLabel(id), stored, maxPlain, "chunk " + id);
        if (!id(plain).equals(id)) {
            throw new IntegrityException("chunk " + id + " does not match its id (its content changed)");
        }
        return plain;
    }

    /**
     * Like {@link #decode}, for a restore: in an encrypted repository it does not recompute the id.
     *
     * <p>There the GCM tag has been checked over an AAD that names the chunk's id, which already proves
     * that these bytes are the ones a holder of the key sealed for that id; recomputing the HMAC id
     * (a second pass over every plain byte, about a fifth of a restore's CPU) would only catch a writer
     * that named a chunk wrongly: a restore of a format 1 snapshot still catches that (it checks the
     * whole image's SHA-256), and {@link #decode} (used by verify) keeps the full check for every
     * format. A format 2 restore relies on the tag and the chunk list's digest, as restic's restore
     * relies on its blobs' MACs. A plain repository
     * has no tag, so its id (SHA-256) is still the only check and is always recomputed.
     *
     * @param id the id it is stored under
     * @param stored the stored form
     * @return the plain bytes
     * @throws IntegrityException when it is damaged, tampered with or not the chunk named
     */
    public byte[] decodeForRestore(ChunkId id, byte[] stored) {
        if (keys == null) {
            return decode(id, stored);
        }
        return open(chunkLabel(id), stored, maxPlain, "chunk " + id);
    }

    /**
     * Protects a manifest: encrypted like a chunk in an encrypted repository, left as it is (readable
     * JSON) in a plain one.
     *
     * @param name the snapshot's name
     * @param json the manifest
     * @return the stored form
     */
    public byte[] sealManifest(String name, byte[] json) {
        return keys == null ? json : seal(manifestLabel(name), json);
    }

    /**
     * Reads a stored manifest back.
     *
     * @param name the snapshot's name
     * @param stored the stored form
     * @return the manifest's JSON
     * @throws IntegrityException when it is damaged or tampered with
     */
    public byte[] openManifest(String name, byte[] stored) {
        return keys == null ? stored : open(manifestLabel(name), stored, Integer.MAX_VALUE - 16, "snapshot " + name);
    }

    private byte[] seal(byte[] label, byte[] plain) {
        byte[] frame = Zstd.compress(plain, LEVEL);
        if (keys == null) {
            byte[] out = new byte[1 + frame.length];
            out[0] = ZSTD;
            System.arraycopy(frame, 0, out, 1, frame.length);
            return out;
        }
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(label);
            byte[] out = new byte[1 + NONCE + cipher.getOutputSize(frame.length)];
            out[0] = ZSTD_AES_GCM;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            sealGcm(cipher, frame, out, 1 + NONCE);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to encrypt", e);
        }
    }

    private byte[] open(byte[] label, byte[] stored, int max, String what) {
        if (stored.length < 1) {
            throw new IntegrityException(what + " is empty");
        }
        byte format = stored[0];
        byte[] frame;
        if (keys == null) {
            if (format != ZSTD) {
                throw new IntegrityException(what + " has format " + format + ", not " + ZSTD + " (zstd)"
                        + (format == ZSTD_AES_GCM ? ": it is encrypted, but the repository is not" : ""));
            }
            frame = Arrays.copyOfRange(stored, 1, stored.length);
        } else {
            if (format != ZSTD_AES_GCM) {
                throw new IntegrityException(what + " has format " + format + ", not " + ZSTD_AES_GCM + " (zstd, AES-256-GCM)");
            }
            if (stored.length < 1 + NONCE + TAG_BITS / 8) {
                throw new IntegrityException(what + " is too short (" + stored.length + " bytes) to be encrypted");
            }
            try {
                Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(stored, 1, 1 + NONCE));
                cipher.updateAAD(label);
                frame = openGcm(cipher, stored, 1 + NONCE);
            } catch (AEADBadTagException e) {
                throw new IntegrityException(what + " fails authentication: damaged, tampered with, or not this repository's");
            } catch (GeneralSecurityException e) {
                throw new IntegrityException(what + " cannot be decrypted: " + e.getMessage());
            }
        }
        return decompress(frame, max, what);
    }

    private static byte[] decompress(byte[] frame, int max, String what) {
        try {
            long size = Zstd.getFrameContentSize(frame);
            if (size < 0 || size > max) {
                throw new IntegrityException(what + " is no zstd frame of at most " + max + " bytes (content size " + size + ")");
            }
            byte[] plain = new byte[(int) size];
            long n = Zstd.decompressByteArray(plain, 0, plain.length, frame, 0, frame.length);
            if (Zstd.isError(n)) {
                throw new IntegrityException(what + " does not decompress: " + Zstd.getErrorName(n));
            }
            if (n != size) {
                throw new IntegrityException(what + " decompresses to " + n + " bytes, not the " + size + " its frame says");
            }
            return plain;
        } catch (IntegrityException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IntegrityException(what + " does not decompress: " + e.getMessage());
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(keys.encryptionKey(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    /*
     * Why AES-GCM is fed the way sealGcm and openGcm feed it: on JDK 17, C2 compiles GHASH with its
     * (pclmul) intrinsic only inside a caller it has compiled, that is one called some thousands of
     * times. A chunk handed over in one doFinal(byte[]) reaches GHASH in a handful of calls, so the
     * callers stayed interpreted and GHASH ran as plain Java all along: about 70 MB/s, most of a
     * backup's and a restore's CPU. Encrypting in 4 KiB update() calls, and decrypting from a read-only
     * heap ByteBuffer (which the JDK hashes 1 KiB at a time), calls GHASH hundreds of times a chunk:
     * after a few MB it is compiled with the intrinsic and runs at over 1 GB/s (microbenchmark of
     * 256 KiB chunks, JDK 17.0.15: 300 seals and opens in 0.3 s of CPU instead of 1.2 s for the seals
     * alone). The stored bytes are exactly the same either way.
     */

    private static void sealGcm(Cipher cipher, byte[] frame, byte[] out, int outOfs) throws GeneralSecurityException {
        int in = 0;
        int o = outOfs;
        while (frame.length - in > SLICE) {
            o += cipher.update(frame, in, SLICE, out, o);
            in += SLICE;
        }
        o += cipher.doFinal(frame, in, frame.length - in, out, o);
        if (o != out.length) {
            throw new GeneralSecurityException("AES-GCM gave " + (o - outOfs) + " bytes, not " + (out.length - outOfs));
        }
    }

    private static byte[] openGcm(Cipher cipher, byte[] stored, int offset) throws GeneralSecurityException {
        int len = stored.length - offset;
        byte[] frame = new byte[cipher.getOutputSize(len)];
        int n = cipher.doFinal(ByteBuffer.wrap(stored, offset, len).asReadOnlyBuffer(), ByteBuffer.wrap(frame));
        if (n != frame.length) {
            throw new GeneralSecurityException("AES-GCM gave " + n + " bytes, not " + frame.length);
        }
        return frame;
    }

    private static byte[] chunkLabel(ChunkId id) {
        return ("bm-sdk chunk " + id.hex()).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] manifestLabel(String name) {
        return ("bm-sdk snapshot " + name).getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return a new SHA-256 digest */
    static MessageDigest newSha256() {
        return sha256();
    }
}
