package org.bmsdk.storage.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.storage.ChunkId;
import org.bmsdk.storage.backup.Snapshot;

/** The manifest codec as a decoder of untrusted bytes: a manifest or an {@link IntegrityException}, never a crash. */
class ManifestCodecPropertiesTest {

    @Property(tries = 300)
    void decodingAnEncodedManifestGivesItBack(@ForAll("manifests") Manifest manifest) {
        String id = manifest.snapshot().id();
        assertEquals(manifest, ManifestCodec.decode(id, ManifestCodec.encode(manifest)));
    }

    @Property(tries = 1000)
    void arbitraryBytesDecodeOnlyToAnIntegrityError(@ForAll byte[] bytes) {
        assertThrows(IntegrityException.class, () -> ManifestCodec.decode("s1", bytes));
    }

    @Property(tries = 1000)
    void jsonLikeTextDecodesOnlyToAnIntegrityError(@ForAll("jsonLike") String text) {
        assertThrows(IntegrityException.class, () -> ManifestCodec.decode("s1", text.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 500)
    void aTruncatedManifestIsAnIntegrityError(@ForAll("manifests") Manifest manifest, @ForAll @IntRange(min = 0, max = 999) int permille) {
        byte[] json = ManifestCodec.encode(manifest);
        byte[] cut = java.util.Arrays.copyOf(json, (int) ((long) (json.length - 1) * permille / 1000));
        assertThrows(IntegrityException.class, () -> ManifestCodec.decode(manifest.snapshot().id(), cut));
    }

    @Property(tries = 1000)
    void aManifestWithOneByteChangedDecodesOrIsAnIntegrityError(@ForAll("manifests") Manifest manifest, @ForAll int where,
            @ForAll byte value) {
        byte[] json = ManifestCodec.encode(manifest);
        json[Math.floorMod(where, json.length)] = value;
        try {
            Manifest decoded = ManifestCodec.decode(manifest.snapshot().id(), json);
            long sum = decoded.chunks().stream().mapToLong(ChunkRef::length).sum();
            assertEquals(decoded.snapshot().size(), sum, "a decoded manifest is always consistent");
        } catch (IntegrityException expected) {
            // Detected.
        }
    }

    @Property(tries = 100)
    void aManifestStoredUnderAnotherNameIsRefused(@ForAll("manifests") Manifest manifest) {
        assertThrows(IntegrityException.class, () -> ManifestCodec.decode("other-" + manifest.snapshot().id(),
                ManifestCodec.encode(manifest)));
    }

    @Provide
    Arbitrary<Manifest> manifests() {
        Arbitrary<ChunkRef> refs = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(32),
                Arbitraries.integers().between(1, Integer.MAX_VALUE)).as((d, n) -> new ChunkRef(ChunkId.of(d), n));
        return Combinators.combine(Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(40),
                Arbitraries.longs().between(0, 4_000_000_000_000L), Arbitraries.strings().ofMaxLength(50),
                Arbitraries.bytes().array(byte[].class).ofSize(32), refs.list().ofMaxSize(20), Arbitraries.of(1, 2))
                .as((id, millis, source, sha, chunks, format) -> {
                    long size = chunks.stream().mapToLong(ChunkRef::length).sum();
                    // Format 1 holds the image's SHA-256 (any value decodes); format 2 its chunk list's digest.
                    String digest = format == 1 ? HexFormat.of().formatHex(sha) : ChunkListDigest.of(chunks);
                    return new Manifest(new Snapshot("s" + id, Instant.ofEpochMilli(millis), source, size, format,
                            digest, chunks.size()), chunks);
                });
    }

    /**
     * Format 2's digest binds the list: any other id, or lengths moved between two chunks (which keeps
     * the size right), is refused by the reader, not only by a restore.
     */
    @Property(tries = 300)
    void aFormat2ManifestWhoseChunkListChangedIsRefused(@ForAll("manifests") Manifest manifest, @ForAll int which,
            @ForAll @IntRange(min = 1, max = 1000) int moved, @ForAll boolean changeId) {
        net.jqwik.api.Assume.that(manifest.snapshot().format() == 2 && manifest.chunks().size() >= 2);
        java.util.List<ChunkRef> chunks = new java.util.ArrayList<>(manifest.chunks());
        int i = Math.floorMod(which, chunks.size() - 1);
        ChunkRef a = chunks.get(i);
        ChunkRef b = chunks.get(i + 1);
        if (changeId) {
            byte[] other = HexFormat.of().parseHex(a.id().hex());
            other[Math.floorMod(which, 32)] ^= 1;
            chunks.set(i, new ChunkRef(ChunkId.of(other), a.length()));
        } else {
            net.jqwik.api.Assume.that(a.length() > moved && (long) b.length() + moved <= Integer.MAX_VALUE);
            chunks.set(i, new ChunkRef(a.id(), a.length() - moved));
            chunks.set(i + 1, new ChunkRef(b.id(), b.length() + moved));
        }
        Manifest changed = new Manifest(manifest.snapshot(), chunks);
        IntegrityException e = assertThrows(IntegrityException.class,
                () -> ManifestCodec.decode(manifest.snapshot().id(), ManifestCodec.encode(changed)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("chunkListSha256"), e.getMessage());
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("{}[]\":,0123456789-.eEtruefalsn ").ofMaxLength(80),
                Arbitraries.of("{}", "[]", "{\"format\":1}", "{\"format\":1,\"chunks\":[{}]}",
                        "{\"format\":99999999999999999999}", "{\"format\":4294967297,\"id\":\"s1\"}",
                        "{\"chunks\":[{\"id\":\"x\",\"length\":-1}]}", "{\"format\":1} {}"));
    }
}
