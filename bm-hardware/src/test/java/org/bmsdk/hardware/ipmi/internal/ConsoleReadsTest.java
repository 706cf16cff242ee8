package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ConsoleReadsTest {

    @Test
    void readsUntilTheTextHasArrivedAndReturnsAllOfIt() throws Exception {
        try (ConsoleReads reads = new ConsoleReads();
                PipedOutputStream machine = new PipedOutputStream();
                PipedInputStream console = new PipedInputStream(machine)) {
            machine.write("BIOS v1.0\r\nbooting".getBytes(StandardCharsets.ISO_8859_1));
            machine.flush();
            assertEquals("BIOS v1.0\r\nbooting", reads.until(console, "v1.0", Duration.ofSeconds(10), text -> ""));
        }
    }

    @Test
    void aTimeoutSaysWhatIsMissingAndWhatArrived() throws Exception {
        try (ConsoleReads reads = new ConsoleReads();
                PipedOutputStream machine = new PipedOutputStream();
                PipedInputStream console = new PipedInputStream(machine)) {
            machine.write("login: ".getBytes(StandardCharsets.ISO_8859_1));
            machine.flush();
            AssertionError e = assertThrows(AssertionError.class,
                    () -> reads.until(console, "# ", Duration.ofMillis(300), text -> "got '" + text + "'"));
            assertEquals("no '# ' within PT0.3S; got 'login: '", e.getMessage());
        }
    }

    @Test
    void theEndOfTheConsoleBeforeTheTextIsAnIoError() throws Exception {
        try (ConsoleReads reads = new ConsoleReads()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> reads.until(
                    new ByteArrayInputStream("bye".getBytes(StandardCharsets.ISO_8859_1)), "login:", Duration.ofSeconds(10), t -> ""));
            IOException cause = assertInstanceOf(IOException.class, e.getCause());
            assertTrue(cause.getMessage().equals("end of console after 3 bytes; got: bye"), cause.getMessage());
        }
    }
}
