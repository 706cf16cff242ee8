package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded console log: appended, rotated to FILE.1 at the cap, never more than twice the cap. */
class ConsoleLogTest {

    @TempDir
    Path dir;

    @Test
    void appendsToWhatIsThereAndRotatesAtTheCap() throws Exception {
        Path file = dir.resolve("logs").resolve("bmc.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old ");
        try (ConsoleLog log = new ConsoleLog(file, 10)) {
            log.append(bytes("abc"));
            assertEquals("old abc", Files.readString(file));
            log.append(bytes("defg"));
            assertEquals("defg", Files.readString(file), "the write that would pass the cap starts a new file");
            assertEquals("old abc", Files.readString(dir.resolve("logs").resolve("bmc.log.1")));
            log.append(bytes("0123456789ABCDEF"));
            assertEquals("6789ABCDEF", Files.readString(file), "more than the cap at once: its last cap's worth");
            assertEquals("defg", Files.readString(dir.resolve("logs").resolve("bmc.log.1")));
        }
    }

    @Test
    void aLogThatCannotBeWrittenIsLeftAlone() throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        try (ConsoleLog log = new ConsoleLog(notADirectory.resolve("bmc.log"), 10)) {
            log.append(bytes("abc"));
            log.append(bytes("def"));
        }
        assertFalse(Files.exists(notADirectory.resolve("bmc.log")));
    }

    /** Whatever is written, the files stay within the cap and together end with the newest bytes. */
    @Property(tries = 200)
    void keepsAtLeastTheLastCapAndNeverMoreThanTheCapPerFile(@ForAll @IntRange(min = 1, max = 64) int cap,
            @ForAll @Size(max = 30) java.util.List<@Size(max = 100) byte[]> writes) throws Exception {
        Path d = Files.createTempDirectory("console-log");
        Path file = d.resolve("bmc.log");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (ConsoleLog log = new ConsoleLog(file, cap)) {
            for (byte[] w : writes) {
                log.append(w);
                all.writeBytes(w);
            }
        }
        byte[] current = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        Path rotated = d.resolve("bmc.log.1");
        byte[] older = Files.exists(rotated) ? Files.readAllBytes(rotated) : new byte[0];
        assertTrue(current.length <= cap && older.length <= cap, current.length + ", " + older.length);
        byte[] kept = new byte[older.length + current.length];
        System.arraycopy(older, 0, kept, 0, older.length);
        System.arraycopy(current, 0, kept, older.length, current.length);
        byte[] written = all.toByteArray();
        int expectAtLeast = Math.min(cap, written.length);
        assertTrue(kept.length >= expectAtLeast, "kept " + kept.length + " of " + written.length);
        String tail = new String(written, written.length - current.length, current.length, StandardCharsets.ISO_8859_1);
        assertEquals(tail, new String(current, StandardCharsets.ISO_8859_1), "the current file ends with the newest bytes");
        for (Path p : new Path[] {file, rotated}) {
            Files.deleteIfExists(p);
        }
        Files.delete(d);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
