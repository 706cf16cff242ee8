package org.bmsdk.storage.backup.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A sparse restore writes exactly the image, however it is cut into writes, and leaves zeros as holes. */
class SparseFileOutputPropertiesTest {

    @Property(tries = 200)
    void theFileHoldsExactlyTheImage(@ForAll("runs") List<Integer> runs, @ForAll @IntRange(min = 1, max = 20_000) int writeSize,
            @ForAll long seed) throws IOException {
        // Alternating runs of zeros and random bytes, so that holes start and end anywhere.
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        Random r = new Random(seed);
        for (int i = 0; i < runs.size(); i++) {
            byte[] run = new byte[runs.get(i)];
            if (i % 2 == 1) {
                r.nextBytes(run);
            }
            image.writeBytes(run);
        }
        byte[] expected = image.toByteArray();
        Path file = Files.createTempFile("sparse-", ".img");
        try {
            try (SparseFileOutput out = new SparseFileOutput(FileChannel.open(file, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING))) {
                for (int at = 0; at < expected.length; at += writeSize) {
                    out.write(expected, at, Math.min(writeSize, expected.length - at));
                }
            }
            assertEquals(expected.length, Files.size(file));
            assertArrayEquals(expected, Files.readAllBytes(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Provide
    Arbitrary<List<Integer>> runs() {
        return Arbitraries.integers().between(0, 40_000).list().ofMaxSize(8);
    }

    @Test
    void zerosTakeNoSpace() throws IOException, InterruptedException {
        byte[] image = new byte[16 << 20];
        new Random(1).nextBytes(image);
        java.util.Arrays.fill(image, 1 << 20, 15 << 20, (byte) 0); // 14 MiB of zeros in the middle
        Path file = Files.createTempFile("sparse-", ".img");
        try {
            long skipped;
            try (SparseFileOutput out = new SparseFileOutput(FileChannel.open(file, StandardOpenOption.WRITE))) {
                for (int at = 0; at < image.length; at += 65_537) {
                    out.write(image, at, Math.min(65_537, image.length - at));
                }
                skipped = out.skipped();
            }
            assertArrayEquals(image, Files.readAllBytes(file));
            assertTrue(skipped >= (14 << 20) - 8192, "skipped " + skipped);
            Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
            String[] out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
            stat.waitFor();
            long allocated = Long.parseLong(out[0]) * Long.parseLong(out[1]);
            System.out.printf("16 MiB image with 14 MiB of zeros restored into %d KiB on disk%n", allocated >> 10);
            assertTrue(allocated < 4L << 20, "allocated " + allocated + " bytes");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
