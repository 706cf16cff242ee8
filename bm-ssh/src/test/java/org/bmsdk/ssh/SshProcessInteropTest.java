package org.bmsdk.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.ssh.fixture.OpenSshExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Streaming commands ({@link SshConnection#start}) against the real OpenSSH server. */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SshProcessInteropTest {

    private static final Duration T = Duration.ofSeconds(10);

    @RegisterExtension
    static final OpenSshExtension openSsh = new OpenSshExtension();

    @Test
    void megabytesGoThroughCatBothWaysAndTheExitStatusComesAfter() throws Exception {
        byte[] data = new byte[8 << 20];
        new Random(1).nextBytes(data);
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build()); SshProcess cat = c.start("cat")) {
            // Write on another thread: cat's output must be read while its input is written.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream in = cat.stdin()) {
                    in.write(data);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] echoed;
            try (InputStream out = cat.stdout()) {
                echoed = out.readAllBytes();
            }
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(data, echoed);
            assertEquals(0, cat.waitFor(T));
        }
    }

    @Test
    void aFailingCommandSaysSoAfterItsOutputEnds() throws Exception {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build());
                SshProcess p = c.start("echo partial; echo 'no such disk' >&2; exit 2")) {
            assertEquals("partial\n", new String(p.stdout().readAllBytes()));
            assertEquals(2, p.waitFor(T));
            assertTrue(p.stderr().contains("no such disk"), p.stderr());
        }
    }

    @Test
    void waitingForACommandThatDoesNotEndTimesOutAndCloseStopsIt() {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build())) {
            SshProcess p = c.start("sleep 30");
            assertThrows(OperationTimeoutException.class, () -> p.waitFor(Duration.ofMillis(300)));
            p.close();
            p.close();
            assertTrue(c.isOpen());
            assertEquals(new ExecResult(0, "ok\n", ""), c.exec("echo ok", T));
        }
    }
}
