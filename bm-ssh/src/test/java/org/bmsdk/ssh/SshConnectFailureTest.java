package org.bmsdk.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.credentials.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Connections that fail before SSH gets going; no SSH server needed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SshConnectFailureTest {

    private static SshClient client;

    @BeforeAll
    static void create() {
        client = SshClient.create();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static SshOptions.Builder to(int port) {
        return SshOptions.builder().host("127.0.0.1").port(port).username("u").password(Secret.of("p"))
                .connectTimeout(Duration.ofMillis(500));
    }

    @Test
    void refusedConnectionIsATransportError() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TransportException e = assertThrows(TransportException.class, () -> client.connect(to(closedPort).build()));
        assertEquals("[ssh ssh://127.0.0.1:" + closedPort + " connect] cannot connect to 127.0.0.1:" + closedPort
                + ": connection refused", e.getMessage());
        assertTrue(e.isRetryable());
    }

    @Test
    void serverThatNeverSpeaksTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // accepted by the kernel's backlog; nobody ever writes a banner
            long start = System.nanoTime();
            TransportException e = assertThrows(TransportException.class,
                    () -> client.connect(to(silent.getLocalPort()).build()));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("no SSH answer within 500 ms"), e.getMessage());
            assertTrue(ms < 5000, "took " + ms + " ms");
        }
    }

    @Test
    void serverThatIsNoSshServerIsATransportError() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = http.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException ignored) {
                    // the test only cares about what the client does
                }
            });
            t.start();
            assertThrows(TransportException.class, () -> client.connect(to(http.getLocalPort()).build()));
            t.join(5000);
        }
    }

    @Test
    void missingPrivateKeyIsAConfigurationErrorRaisedBeforeConnecting(@TempDir Path dir) {
        Path key = dir.resolve("no-such-key");
        // port 1 is never reached: the key is loaded first
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> client.connect(to(1).privateKey(key).build()));
        assertTrue(e.getMessage().contains("private key " + key + " cannot be read"), e.getMessage());
    }

    @Test
    void garbagePrivateKeyIsAConfigurationError(@TempDir Path dir) throws IOException {
        Path key = java.nio.file.Files.writeString(dir.resolve("garbage"), "not a key\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> client.connect(to(1).privateKey(key).build()));
        assertTrue(e.getMessage().contains("cannot be loaded"), e.getMessage());
    }
}
