package org.bmsdk.hardware.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The console log's ring: bounded, a suffix of what was written, the dropped count exact, readers independent. */
class ByteRingPropertiesTest {

    @Property
    void keepsExactlyTheLastCapacityBytes(@ForAll @IntRange(min = 1, max = 64) int capacity,
            @ForAll @Size(max = 20) List<@Size(max = 100) byte[]> writes) {
        ByteRing ring = new ByteRing(capacity);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] w : writes) {
            ring.write(w, 0, w.length);
            all.write(w, 0, w.length);
            assertTrue(ring.size() <= capacity, "kept " + ring.size() + " past " + capacity);
        }
        byte[] everything = all.toByteArray();
        byte[] kept = ring.snapshot();
        int expected = Math.min(capacity, everything.length);
        assertArrayEquals(Arrays.copyOfRange(everything, everything.length - expected, everything.length), kept);
        assertEquals(everything.length, ring.written());
        assertEquals(everything.length - expected, ring.dropped());
    }

    @Property
    void aReaderSeesWhatItDidNotMissInOrder(@ForAll @IntRange(min = 1, max = 48) int capacity,
            @ForAll @Size(max = 30) List<@Size(max = 40) byte[]> writes, @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 64) Integer> reads) {
        // one reader reading a random amount after each write: what it gets plus what it skipped is the stream
        ByteRing ring = new ByteRing(capacity);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        long position = 0;
        long skipped = 0;
        for (int i = 0; i < writes.size(); i++) {
            byte[] w = writes.get(i);
            ring.write(w, 0, w.length);
            all.write(w, 0, w.length);
            int want = i < reads.size() ? reads.get(i) : 0;
            if (position < ring.start()) {
                skipped += ring.start() - position;
                position = ring.start();
            }
            byte[] buf = new byte[want];
            int n = ring.read(position, buf, 0, want);
            assertTrue(n >= 0 && n <= want);
            seen.write(buf, 0, n);
            byte[] everything = all.toByteArray();
            // what was read sits exactly where the reader was in the stream
            assertArrayEquals(Arrays.copyOfRange(everything, (int) position, (int) position + n), Arrays.copyOfRange(buf, 0, n));
            // and it read all it could: nothing kept past its position was left when it asked for more
            assertEquals(Math.min(want, ring.written() - position), n);
            position += n;
        }
        assertEquals(position, seen.size() + skipped);
        assertTrue(position <= ring.written());
    }

    @Property
    void readingNeverChangesTheRing(@ForAll @IntRange(min = 1, max = 32) int capacity, @ForAll @Size(max = 100) byte[] data,
            @ForAll @IntRange(min = 0, max = 200) int from) {
        ByteRing ring = new ByteRing(capacity);
        ring.write(data, 0, data.length);
        byte[] before = ring.snapshot();
        ring.read(from, new byte[50], 0, 50);
        assertArrayEquals(before, ring.snapshot());
        assertEquals(0, ring.read(ring.written(), new byte[5], 0, 5));
    }
}
