package org.bmsdk.storage.backup.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.storage.ChunkId;
import org.bmsdk.storage.backup.BackupKey;

/** The chunk codec: a round trip for any bytes, and any damage an {@link IntegrityException}. */
class ChunkCodecPropertiesTest {

    private static final byte[] SALT = new byte[32];
    private static final ChunkCodec PLAIN = new ChunkCodec(null, 1 << 20);
    private static final ChunkCodec ENCRYPTED = new ChunkCodec(KeySchedule.derive(BackupKey.of(new byte[32]), SALT), 1 << 20);

    @Property(tries = 300)
    void encodeThenDecodeGivesTheBytesBack(@ForAll @Size(max = 5000) byte[] plain, @ForAll boolean encrypted) {
        ChunkCodec codec = encrypted ? ENCRYPTED : PLAIN;
        ChunkId id = codec.id(plain);
        assertArrayEquals(plain, codec.decode(id, codec.encode(id, plain)));
        assertArrayEquals(plain, codec.decodeForRestore(id, codec.encode(id, plain)));
        assertArrayEquals(plain, codec.openManifest("s1", codec.sealManifest("s1", plain)));
    }

    @Property(tries = 200)
    void plainIdsAreSha256AndEncryptedIdsAreKeyed(@ForAll @Size(max = 2000) byte[] plain) throws Exception {
        ChunkId sha = ChunkId.of(MessageDigest.getInstance("SHA-256").digest(plain));
        assertEquals(sha, PLAIN.id(plain));
        assertNotEquals(sha, ENCRYPTED.id(plain));
        ChunkCodec otherKey = new ChunkCodec(KeySchedule.derive(BackupKey.of(one()), SALT), 1 << 20);
        assertNotEquals(ENCRYPTED.id(plain), otherKey.id(plain));
    }

    @Property(tries = 1000)
    void arbitraryStoredBytesDecodeOnlyToAnIntegrityError(@ForAll @Size(max = 300) byte[] stored, @ForAll boolean encrypted,
            @ForAll boolean zstdMagic) {
        ChunkCodec codec = encrypted ? ENCRYPTED : PLAIN;
        if (zstdMagic && stored.length >= 5) {
            // A plausible zstd frame header, so that fuzzing reaches the decompressor's own checks.
            stored[0] = 1;
            stored[1] = 0x28;
            stored[2] = (byte) 0xb5;
            stored[3] = 0x2f;
            stored[4] = (byte) 0xfd;
        }
        ChunkId id = codec.id(new byte[] {1});
        assertThrows(IntegrityException.class, () -> codec.decode(id, stored));
        assertThrows(IntegrityException.class, () -> codec.decodeForRestore(id, stored));
        if (encrypted) {
            assertThrows(IntegrityException.class, () -> codec.openManifest("s1", stored));
        }
    }

    @Property(tries = 500)
    void flippingAnyBitOfAnEncryptedChunkIsDetected(@ForAll @Size(min = 1, max = 3000) byte[] plain, @ForAll int where,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 7) int bit) {
        ChunkId id = ENCRYPTED.id(plain);
        byte[] stored = ENCRYPTED.encode(id, plain);
        stored[Math.floorMod(where, stored.length)] ^= (byte) (1 << bit);
        assertThrows(IntegrityException.class, () -> ENCRYPTED.decode(id, stored));
        assertThrows(IntegrityException.class, () -> ENCRYPTED.decodeForRestore(id, stored));
    }

    @Property(tries = 500)
    void aDamagedPlainChunkNeverDecodesToOtherBytes(@ForAll @Size(min = 1, max = 3000) byte[] plain, @ForAll int where,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 7) int bit) {
        ChunkId id = PLAIN.id(plain);
        byte[] stored = PLAIN.encode(id, plain);
        stored[Math.floorMod(where, stored.length)] ^= (byte) (1 << bit);
        try {
            // Some bits of a zstd frame do not change its content; damage that does is always caught.
            assertArrayEquals(plain, PLAIN.decode(id, stored));
        } catch (IntegrityException expected) {
            // Detected.
        }
    }

    @Property(tries = 200)
    void aChunkOrManifestCannotPassForAnother(@ForAll @Size(min = 1, max = 1000) byte[] a, @ForAll @Size(min = 1, max = 1000) byte[] b,
            @ForAll boolean encrypted) {
        ChunkCodec codec = encrypted ? ENCRYPTED : PLAIN;
        ChunkId idA = codec.id(a);
        ChunkId idB = codec.id(b);
        if (!idA.equals(idB)) {
            byte[] stored = codec.encode(idA, a);
            assertThrows(IntegrityException.class, () -> codec.decode(idB, stored));
            // The restore's decode skips the id HMAC when encrypted: the tag over the id must still refuse it.
            assertThrows(IntegrityException.class, () -> codec.decodeForRestore(idB, stored));
        }
        if (encrypted) {
            byte[] manifest = codec.sealManifest("s1", a);
            assertThrows(IntegrityException.class, () -> codec.openManifest("s2", manifest));
        }
    }

    @Property(tries = 50)
    void aChunkEncryptedUnderAnotherKeyFailsAuthentication(@ForAll @Size(min = 1, max = 1000) byte[] plain) {
        ChunkCodec other = new ChunkCodec(KeySchedule.derive(BackupKey.of(one()), SALT), 1 << 20);
        ChunkId id = ENCRYPTED.id(plain);
        assertThrows(IntegrityException.class, () -> other.decode(id, ENCRYPTED.encode(id, plain)));
        assertThrows(IntegrityException.class, () -> PLAIN.decode(id, ENCRYPTED.encode(id, plain)));
    }

    private static byte[] one() {
        byte[] k = new byte[32];
        k[0] = 1;
        return k;
    }
}
