package org.bmsdk.testkit.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The vendor consoles' escape is found wherever the chunks cut the keystrokes: the machine gets
 * exactly what came before the first escape, and the CLI exactly what came after it.
 */
class ConsoleEscapePropertiesTest {

    static final byte[] IDRAC = {0x1c};
    static final byte[] ILO = {0x1b, '('};

    /** Keystrokes rich in the escapes' bytes, so that near misses ({@code ESC ESC (}, {@code ESC x}) come up often. */
    @Provide
    Arbitrary<byte[]> keys() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) 0x1b)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just((byte) '(')),
                net.jqwik.api.Tuple.of(2, Arbitraries.just((byte) 0x1c)),
                net.jqwik.api.Tuple.of(6, Arbitraries.bytes()));
        return b.array(byte[].class).ofMaxSize(40);
    }

    @Property
    void splitsAtTheFirstEscapeWhateverTheChunks(@ForAll("keys") byte[] keys, @ForAll boolean ilo,
            @ForAll @Size(max = 12) List<@IntRange(min = 1, max = 7) Integer> cuts) {
        byte[] esc = ilo ? ILO : IDRAC;
        ConsoleEscape scanner = new ConsoleEscape(esc);
        ByteArrayOutputStream machine = new ByteArrayOutputStream();
        int escapedAt = -1;
        int pos = 0;
        int c = 0;
        while (pos < keys.length && escapedAt < 0) {
            int len = Math.min(keys.length - pos, c < cuts.size() ? cuts.get(c++) : keys.length);
            ConsoleEscape.Scan s = scanner.feed(keys, pos, len);
            machine.write(s.toMachine(), 0, s.toMachine().length);
            if (s.escaped()) {
                assertTrue(s.escapedAt() > pos && s.escapedAt() <= pos + len, "inside the chunk");
                escapedAt = s.escapedAt();
            }
            pos += len;
        }
        int first = indexOf(keys, esc);
        if (first < 0) {
            // no escape: all but a possibly held back start of one reached the machine
            byte[] got = machine.toByteArray();
            assertArrayEquals(Arrays.copyOf(keys, got.length), got);
            assertTrue(keys.length - got.length < esc.length, "held back at most a partial escape");
        } else {
            assertEquals(first + esc.length, escapedAt, "the escape ends where it first occurs");
            assertArrayEquals(Arrays.copyOf(keys, first), machine.toByteArray());
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
