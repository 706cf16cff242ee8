package org.bmsdk.storage.backup.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bmsdk.storage.backup.ChunkSizes;
import org.junit.jupiter.api.Test;

/** How FastCDC behaves on average, measured on seeded random data. */
class FastCdcTest {

    @Test
    void chunksAverageNearTheTargetAndAnEditChangesAboutOneAndAHalfChunks() throws IOException {
        ChunkSizes sizes = ChunkSizes.of(256, 1024, 4096);
        Random r = new Random(2016);
        int edits = 400;
        long changed = 0;
        long chunkBytes = 0;
        long chunkCount = 0;
        for (int t = 0; t < edits; t++) {
            byte[] original = new byte[64 * sizes.max()];
            r.nextBytes(original);
            int at = r.nextInt(original.length);
            byte[] edited = new byte[original.length + 9];
            System.arraycopy(original, 0, edited, 0, at);
            for (int i = 0; i < 9; i++) {
                edited[at + i] = (byte) r.nextInt();
            }
            System.arraycopy(original, at, edited, at + 9, original.length - at);
            List<byte[]> a = FastCdcPropertiesTest.chunk(new ByteArrayInputStream(original), sizes);
            List<byte[]> b = FastCdcPropertiesTest.chunk(new ByteArrayInputStream(edited), sizes);
            int prefix = 0;
            while (prefix < Math.min(a.size(), b.size()) && Arrays.equals(a.get(prefix), b.get(prefix))) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < Math.min(a.size(), b.size()) - prefix
                    && Arrays.equals(a.get(a.size() - 1 - suffix), b.get(b.size() - 1 - suffix))) {
                suffix++;
            }
            changed += b.size() - prefix - suffix;
            chunkCount += a.size();
            chunkBytes += original.length;
        }
        double meanChunk = (double) chunkBytes / chunkCount;
        double meanChanged = (double) changed / edits;
        System.out.printf("FastCDC 256/1024/4096: mean chunk %.0f bytes; a 9-byte insertion changes %.2f chunks on average%n",
                meanChunk, meanChanged);
        // Normalized chunking keeps the mean near the target (a little above: min skips the start).
        assertTrue(meanChunk > 900 && meanChunk < 1400, "mean chunk " + meanChunk);
        assertTrue(meanChanged >= 1 && meanChanged < 2.2, "an edit changed " + meanChanged + " chunks on average");
    }
}
