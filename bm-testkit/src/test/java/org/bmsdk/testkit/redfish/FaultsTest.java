package org.bmsdk.testkit.redfish;

import static org.bmsdk.testkit.redfish.Fixture.SYSTEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each BMC fault, seen by a client over HTTPS, and how it ends. */
class FaultsTest {

    private static final String LOGIN = "{\"UserName\": \"admin\", \"Password\": \"password\"}";

    @Test
    void delayHoldsEveryAnswer() {
        try (Fixture f = Fixture.create()) {
            assertEquals(200, f.client.get(SYSTEM).status());
            f.bmc.faults().delay(Duration.ofMillis(800));
            long start = System.nanoTime();
            assertEquals(200, f.client.get(SYSTEM).status());
            assertTrue(System.nanoTime() - start >= 800_000_000L);
            f.bmc.faults().clear();
            start = System.nanoTime();
            assertEquals(200, f.client.get(SYSTEM).status());
            assertTrue(System.nanoTime() - start < 800_000_000L);
        }
    }

    @Test
    void serviceUnavailableForSomeRequestsWithRetryAfter() {
        try (Fixture f = Fixture.create()) {
            f.bmc.faults().serviceUnavailable(2, Duration.ofSeconds(3));
            for (int i = 0; i < 2; i++) {
                TestClient.Reply r = f.client.get(SYSTEM);
                assertEquals(503, r.status());
                assertEquals("3", r.header("Retry-After").orElseThrow());
                assertTrue(r.json().at("/error/code").asText().endsWith("ServiceTemporarilyUnavailable"));
            }
            assertEquals(200, f.client.get(SYSTEM).status());
            f.bmc.faults().serviceUnavailable(1);
            TestClient.Reply r = f.client.get(SYSTEM);
            assertEquals(503, r.status());
            assertTrue(r.header("Retry-After").isEmpty());
        }
    }

    @Test
    void tooManyRequestsWithRetryAfter() {
        try (Fixture f = Fixture.create()) {
            f.bmc.faults().tooManyRequests(1, Duration.ofSeconds(2));
            TestClient.Reply r = f.client.get(SYSTEM);
            assertEquals(429, r.status());
            assertEquals("2", r.header("Retry-After").orElseThrow());
            assertEquals(200, f.client.get(SYSTEM).status());
        }
    }

    @Test
    void failNextQueuesStatuses() {
        try (Fixture f = Fixture.create()) {
            f.bmc.faults().failNext(500).failNext(404);
            assertEquals(500, f.client.get(SYSTEM).status());
            assertEquals(404, f.client.get(SYSTEM).status());
            assertEquals(200, f.client.get(SYSTEM).status());
        }
    }

    @Test
    void failNextOfOneMethodLetsTheOthersThrough() {
        try (Fixture f = Fixture.create()) {
            f.bmc.faults().failNext(500, "post");
            String reset = SYSTEM + "/Actions/ComputerSystem.Reset";
            assertEquals(200, f.client.get(SYSTEM).status(), "a read before the write is answered");
            assertEquals(500, f.client.post(reset, "{\"ResetType\": \"On\"}").status());
            assertEquals(204, f.client.post(reset, "{\"ResetType\": \"On\"}").status());
        }
    }

    @Test
    void droppedConnectionsGetNoAnswer() throws Exception {
        try (Fixture f = Fixture.create()) {
            f.bmc.faults().dropConnections(2);
            // A raw socket, because HTTP clients quietly retry a GET whose connection closed.
            for (int i = 0; i < 2; i++) {
                try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) TestClient.trusting(f.bmc.caCertificate())
                        .getSocketFactory().createSocket("127.0.0.1", f.bmc.port())) {
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(("GET /redfish/v1/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    int read;
                    try {
                        read = s.getInputStream().read();
                    } catch (java.io.IOException closed) {
                        read = -1;
                    }
                    assertEquals(-1, read, "the connection closed without a byte of answer");
                }
            }
            assertEquals(0, f.bmc.requests().get(f.bmc.requests().size() - 1).status());
            assertEquals(200, TestClient.basic(f.bmc).get(SYSTEM).status());
        }
    }

    @Test
    void refusedLoginsUntilCleared() {
        try (Fixture f = Fixture.create()) {
            f.bmc.faults().refuseLogins();
            assertEquals(401, f.client.get(SYSTEM).status());
            assertEquals(401, TestClient.anonymous(f.bmc).post("/redfish/v1/SessionService/Sessions", LOGIN).status());
            f.bmc.faults().clear();
            assertEquals(200, f.client.get(SYSTEM).status());
        }
    }

    @Test
    void aRebootingBmcIsUnreachableThenBackWithoutSessions() throws InterruptedException {
        try (Fixture f = Fixture.create()) {
            String token = TestClient.anonymous(f.bmc).post("/redfish/v1/SessionService/Sessions", LOGIN)
                    .header("X-Auth-Token").orElseThrow();
            int port = f.bmc.port();
            f.bmc.faults().reboot(Duration.ofMillis(500));
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TestClient.basic(f.bmc).get(SYSTEM));
            assertInstanceOf(ConnectException.class, e.getCause());
            assertEquals(200, awaitBack(f).get(SYSTEM).status());
            assertEquals(port, f.bmc.port());
            assertEquals(401, TestClient.anonymous(f.bmc).withToken(token).get(SYSTEM).status());
        }
    }

    /** Polls until the rebooted BMC accepts connections again (it should after 0.5 s), at most 10 s. */
    private static TestClient awaitBack(Fixture f) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                TestClient c = TestClient.basic(f.bmc);
                c.get("/redfish/v1/");
                return c;
            } catch (UncheckedIOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void aSilentBmcAcceptsButNeverAnswers() {
        try (Fixture f = Fixture.create()) {
            f.bmc.faults().silence();
            TestClient impatient = TestClient.basic(f.bmc);
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> impatient.sendWithTimeout("GET", SYSTEM, Duration.ofMillis(500)));
            assertInstanceOf(HttpTimeoutException.class, e.getCause());
            f.bmc.faults().clear();
            assertEquals(200, TestClient.basic(f.bmc).get(SYSTEM).status());
        }
    }

    @Test
    void droppedSessionsMustLogInAgain() {
        try (Fixture f = Fixture.create()) {
            String token = TestClient.anonymous(f.bmc).post("/redfish/v1/SessionService/Sessions", LOGIN)
                    .header("X-Auth-Token").orElseThrow();
            f.bmc.faults().dropSessions();
            assertEquals(401, TestClient.anonymous(f.bmc).withToken(token).get(SYSTEM).status());
            assertEquals(0, f.bmc.sessionCount());
        }
    }
}
