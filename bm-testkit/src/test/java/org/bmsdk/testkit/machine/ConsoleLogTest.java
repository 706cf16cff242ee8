package org.bmsdk.testkit.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;

class ConsoleLogTest {

    @Test
    void keepsOnlyTheLatestBytes() {
        ConsoleLog log = ConsoleLog.create(10);
        log.write("0123456789");
        log.write("abcd");

        assertEquals("456789abcd", log.text());
        assertEquals(14, log.totalWritten());

        log.write("a line longer than the whole log");
        assertEquals(" whole log", log.text());
    }

    @Test
    void aMachinesConsoleIsBoundedByItsSpec() {
        ManualClock clock = ManualClock.create();
        try (SimulatedMachine machine = SimulatedMachine.create(Machines.spec().consoleCapacity(64).build(), clock)) {
            for (int i = 0; i < 20; i++) {
                Machines.bootToRunning(machine, clock);
                machine.powerOff();
            }
            assertEquals(64, machine.console().bytes().length);
            assertTrue(machine.console().totalWritten() > 64 * 20);
        }
    }

    @Test
    void severalReadersSeeTheSameNewOutput() throws IOException {
        ConsoleLog log = ConsoleLog.create(1024);
        log.write("before");
        InputStream first = log.follow();
        InputStream second = log.follow();
        InputStream replay = log.followFromStart();
        List<String> heard = new ArrayList<>();
        Subscription subscription = log.subscribe(b -> heard.add(new String(b, StandardCharsets.UTF_8)));

        log.write("login: ");
        log.write("ok");
        subscription.close();
        log.write("!");

        assertEquals("login: ok!", read(first));
        assertEquals("login: ok!", read(second));
        assertEquals("beforelogin: ok!", read(replay));
        assertEquals(List.of("login: ", "ok"), heard);
    }

    @Test
    void aReaderThatFallsBehindSkipsWhatWasDropped() throws IOException {
        ConsoleLog log = ConsoleLog.create(4);
        InputStream slow = log.follow();
        log.write("abcdefgh");
        assertEquals(4, slow.available());
        assertEquals("efgh", read(slow));
    }

    @Test
    void aBlockedReaderWakesOnOutputAndEndsWhenTheLogCloses() {
        ConsoleLog log = ConsoleLog.create(64);
        InputStream in = log.follow();
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        log.write("Kernel panic");
        log.close();

        assertEquals("Kernel panic", assertTimeoutPreemptively(Duration.ofSeconds(10), () -> reader.join()));
    }

    @Test
    void closingAStreamEndsItAlone() throws IOException {
        ConsoleLog log = ConsoleLog.create(64);
        InputStream closed = log.follow();
        InputStream open = log.follow();
        closed.close();
        log.write("x");
        assertEquals(-1, closed.read());
        assertEquals('x', open.read());
    }

    @Test
    void inputIsRecordedAndPassedToSubscribers() {
        ConsoleLog log = ConsoleLog.create(64);
        List<String> typed = new ArrayList<>();
        log.subscribeInput(b -> typed.add(new String(b, StandardCharsets.UTF_8)));

        log.type("root\r");
        log.type("ls\r");

        assertEquals("root\rls\r", log.inputText());
        assertEquals(List.of("root\r", "ls\r"), typed);
        assertEquals("", log.text(), "input is not output; echo is the host's business");
    }

    @Test
    void clearForgetsKeptOutputOnly() throws IOException {
        ConsoleLog log = ConsoleLog.create(64);
        InputStream in = log.follow();
        log.write("old");
        log.clear();
        log.write("new");
        assertEquals("new", log.text());
        assertEquals("new", read(in), "a reader that had not read the old output loses it with the log");
    }

    private static String read(InputStream in) throws IOException {
        byte[] buf = new byte[in.available()];
        int n = in.readNBytes(buf, 0, buf.length);
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
