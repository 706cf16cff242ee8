package org.bmsdk.testkit.machine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The console's ring keeps the latest bytes of everything appended, and reads from any kept position. */
class ByteRingPropertiesTest {

    @Property
    void keepsTheLatestBytes(@ForAll("chunks") List<byte[]> chunks, @ForAll @IntRange(min = 1, max = 64) int capacity) {
        ByteRing ring = new ByteRing(capacity);
        byte[] all = new byte[0];
        for (byte[] chunk : chunks) {
            ring.append(chunk, 0, chunk.length);
            byte[] grown = Arrays.copyOf(all, all.length + chunk.length);
            System.arraycopy(chunk, 0, grown, all.length, chunk.length);
            all = grown;
        }
        int kept = Math.min(capacity, all.length);
        assertEquals(all.length, ring.end());
        assertEquals(all.length - kept, ring.start());
        assertArrayEquals(Arrays.copyOfRange(all, all.length - kept, all.length), ring.toByteArray());

        byte[] fromMiddle = new byte[capacity];
        int n = ring.read(all.length - kept / 2, fromMiddle, 0, capacity);
        assertArrayEquals(Arrays.copyOfRange(all, all.length - kept / 2, all.length), Arrays.copyOf(fromMiddle, n));
        byte[] fromDropped = new byte[capacity];
        int m = ring.read(0, fromDropped, 0, capacity);
        assertArrayEquals(ring.toByteArray(), Arrays.copyOf(fromDropped, m), "a dropped position reads from the oldest kept");
    }

    @Provide
    Arbitrary<List<byte[]>> chunks() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).list().ofMaxSize(20);
    }
}
