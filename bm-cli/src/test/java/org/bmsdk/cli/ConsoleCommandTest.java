package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bmsdk.hardware.ipmi.peers.PyghmiBmc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmctl console} against a real pyghmi BMC (VirtualBMC's base), whose serial console echoes
 * keystrokes and answers a line with a login prompt, only while the machine is on.
 */
@Tag("interop")
class ConsoleCommandTest {

    @TempDir
    Path dir;
    PyghmiBmc bmc;

    @AfterEach
    void stop() {
        ConsoleCommand.stdin = () -> System.in;
        ConsoleCommand.terminal = () -> System.console() != null;
        if (bmc != null) {
            bmc.close();
        }
    }

    Map<String, String> env() {
        return Map.of("BMCTL_USERNAME", PyghmiBmc.USER, "BMCTL_PASSWORD", bmc.password());
    }

    /** Keystrokes, then a pause (the machine answers meanwhile), then more. */
    static InputStream typing(String first, long pauseMillis, String then) {
        InputStream pause = new InputStream() {
            private boolean waited;

            @Override
            public int read() throws IOException {
                if (!waited) {
                    waited = true;
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return -1;
            }
        };
        return new SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                new ByteArrayInputStream(first.getBytes(StandardCharsets.US_ASCII)), pause,
                new ByteArrayInputStream(then.getBytes(StandardCharsets.US_ASCII)))));
    }

    @Test
    void interactiveSendsKeystrokesShowsTheAnswerLogsItAndLeavesOnTildeDot() throws Exception {
        bmc = PyghmiBmc.start(dir, true);
        Path log = dir.resolve("console.log");
        Files.writeString(log, "earlier\n");
        ConsoleCommand.stdin = () -> typing("root\r", 2000, "~.echo never sent\r");
        Run r = Run.of(env(), "console", "--endpoint", bmc.uri(), "--interactive", "--log", log.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("root\r\nfake-node login: "), r.out());
        assertTrue(r.err().contains("~. at the start of a line leaves"), r.err());
        String logged = Files.readString(log);
        assertTrue(logged.startsWith("earlier\nroot\r\nfake-node login: "), "appended: " + logged);
        assertTrue(bmc.calls().stream().noneMatch(c -> c.toString().contains("never sent")), "~. left before the rest");
    }

    @Test
    void streamsForTheDurationExitsZeroAndLeavesTheConsoleFree() throws Exception {
        bmc = PyghmiBmc.start(dir, true);
        ConsoleCommand.terminal = () -> false;
        long start = System.nanoTime();
        Run first = Run.of(env(), "console", "--endpoint", bmc.uri(), "--for", "1s");
        assertEquals(0, first.status(), first.toString());
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "stayed for the duration");
        // pyghmi refuses a second activation (80h) unless the first was deactivated on the way out
        Run second = Run.of(env(), "console", "--endpoint", bmc.uri(), "--for", "500ms");
        assertEquals(0, second.status(), second.toString());
    }

    @Test
    void aMachineThatIsOffHasNoConsole() throws Exception {
        bmc = PyghmiBmc.start(dir, false);
        ConsoleCommand.terminal = () -> false;
        Run r = Run.of(env(), "console", "--endpoint", bmc.uri(), "--for", "1s");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().startsWith("bmctl: ") && r.err().contains("SerialConsole is unavailable (NOT_IN_CURRENT_STATE)"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void escapesAreRecognisedOnlyAtTheStartOfALine() {
        ConsoleCommand.Escapes e = new ConsoleCommand.Escapes();
        StringBuilder sent = new StringBuilder();
        for (char c : "a~b\r~~x\r~Bq\r~.".toCharArray()) {
            for (byte b : e.feed(c)) {
                sent.append((char) b);
            }
            if (e.breakRequested()) {
                sent.append("<BREAK>");
            }
        }
        assertTrue(e.leave());
        assertEquals("a~b\r~x\r<BREAK>q\r", sent.toString());
    }
}
