package org.bmsdk.storage.backup.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.storage.backup.ChunkSizes;

/** FastCDC: lossless, bounded, independent of how the stream is read, and local in its changes. */
class FastCdcPropertiesTest {

    @Property(tries = 300)
    void chunksConcatenateToTheInputAndStayWithinTheBounds(@ForAll("sizes") ChunkSizes sizes, @ForAll("inputs") byte[] input)
            throws IOException {
        List<byte[]> chunks = chunk(new ByteArrayInputStream(input), sizes);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] c = chunks.get(i);
            joined.write(c);
            assertTrue(c.length <= sizes.max(), "chunk " + i + " is " + c.length + " bytes, over max " + sizes.max());
            if (i < chunks.size() - 1) {
                assertTrue(c.length >= sizes.min(), "chunk " + i + " is " + c.length + " bytes, under min " + sizes.min());
            } else {
                assertTrue(c.length > 0, "no empty chunk");
            }
        }
        assertArrayEquals(input, joined.toByteArray());
    }

    @Property(tries = 200)
    void boundariesDoNotDependOnHowTheStreamIsRead(@ForAll("sizes") ChunkSizes sizes, @ForAll("inputs") byte[] input,
            @ForAll long seed) throws IOException {
        Random r = new Random(seed);
        InputStream trickle = new ByteArrayInputStream(input) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(3 * sizes.min())));
            }
        };
        assertEquals(lengths(chunk(new ByteArrayInputStream(input), sizes)), lengths(chunk(trickle, sizes)));
    }

    @Property(tries = 200)
    void anEditChangesOnlyTheChunksNearIt(@ForAll("sizes") ChunkSizes sizes, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 300) int inserted, @ForAll @IntRange(min = 0, max = 300) int deleted,
            @ForAll @IntRange(min = 0, max = 1000) int permille) throws IOException {
        byte[] original = new byte[96 * sizes.max()];
        Random r = new Random(seed);
        r.nextBytes(original);
        int at = (int) ((long) (original.length - deleted) * permille / 1000);
        byte[] insert = new byte[inserted];
        r.nextBytes(insert);
        ByteArrayOutputStream edited = new ByteArrayOutputStream();
        edited.write(original, 0, at);
        edited.write(insert);
        edited.write(original, at + deleted, original.length - at - deleted);

        List<byte[]> a = chunk(new ByteArrayInputStream(original), sizes);
        List<byte[]> b = chunk(new ByteArrayInputStream(edited.toByteArray()), sizes);
        int prefix = 0;
        while (prefix < Math.min(a.size(), b.size()) && Arrays.equals(a.get(prefix), b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < Math.min(a.size(), b.size()) - prefix
                && Arrays.equals(a.get(a.size() - 1 - suffix), b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        long before = 0;
        for (int i = 0; i < prefix; i++) {
            before += a.get(i).length;
        }
        long changedBytes = b.subList(prefix, b.size() - suffix).stream().mapToLong(c -> c.length).sum();
        // Every chunk before the edit is the same, and the boundaries after it find their old places
        // again. How soon is a matter of chance (FastCdcTest measures it: 1.5 chunks on average, the
        // odds of each further chunk about one half), so the bound here is one that chance never
        // reaches: 32 max chunks, dozens of chunks at least.
        assertTrue(before + sizes.max() > at, "chunks before the edit changed: the first change is at " + before
                + ", the edit at " + at);
        assertTrue(before + changedBytes <= at + inserted + 32L * sizes.max() || suffix == 0 && before + changedBytes == edited.size(),
                "an edit of " + inserted + "/" + deleted + " bytes at " + at + " changed " + changedBytes
                        + " bytes of chunks (max chunk " + sizes.max() + ")");
    }

    @Provide
    Arbitrary<ChunkSizes> sizes() {
        return Arbitraries.integers().between(7, 12).flatMap(avgBits -> {
            int avg = 1 << avgBits;
            return Combinators.combine(Arbitraries.integers().between(64, Math.max(64, avg / 2)),
                    Arbitraries.integers().between(2 * avg, 8 * avg)).as((min, max) -> ChunkSizes.of(min, avg, max));
        });
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> random = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 64 << 10))
                .as((seed, length) -> {
                    byte[] b = new byte[length];
                    new Random(seed).nextBytes(b);
                    return b;
                });
        Arbitrary<byte[]> zeros = Arbitraries.integers().between(0, 64 << 10).map(byte[]::new);
        Arbitrary<byte[]> pattern = Arbitraries.integers().between(0, 64 << 10).map(n -> {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (i % 7);
            }
            return b;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, random), net.jqwik.api.Tuple.of(1, zeros),
                net.jqwik.api.Tuple.of(1, pattern), net.jqwik.api.Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
    }

    static List<byte[]> chunk(InputStream in, ChunkSizes sizes) throws IOException {
        FastCdc cdc = new FastCdc(in, sizes);
        List<byte[]> chunks = new ArrayList<>();
        for (byte[] c = cdc.next(); c != null; c = cdc.next()) {
            chunks.add(c);
        }
        return chunks;
    }

    private static List<Integer> lengths(List<byte[]> chunks) {
        return chunks.stream().map(c -> c.length).toList();
    }
}
