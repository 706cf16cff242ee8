package org.bmsdk.testkit.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.Test;

/** Certificates, plain HTTP, loopback addresses, and what specs accept and print. */
class TlsAndSpecTest {

    @Test
    void aClientThatDoesNotTrustTheTestCaIsRefused() throws Exception {
        try (Fixture f = Fixture.create()) {
            HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest req = HttpRequest.newBuilder(f.bmc.serviceRoot()).build();
            Exception e = assertThrows(Exception.class, () -> defaultTrust.send(req, HttpResponse.BodyHandlers.ofString()));
            assertInstanceOf(SSLHandshakeException.class, e);
            assertTrue(Files.readString(f.bmc.caCertificate()).startsWith("-----BEGIN CERTIFICATE-----"));
        }
    }

    @Test
    void theCertificateNamesLocalhostToo() {
        try (Fixture f = Fixture.create()) {
            HttpClient client = TestClient.httpClient(f.bmc.caCertificate(), Duration.ofSeconds(5));
            URI byName = URI.create("https://localhost:" + f.bmc.port() + "/redfish/v1/");
            try {
                assertEquals(200, client.send(HttpRequest.newBuilder(byName).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            } catch (java.io.IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aBmcOnItsOwnLoopbackAddressHasACertificateForIt() {
        try (SimulatedMachine m = SimulatedMachine.create(MachineSpec.builder("node-9").build());
             SimulatedRedfish bmc = SimulatedRedfish.start(RedfishSpec.builder().address("127.0.3.7").build(), m)) {
            assertEquals("127.0.3.7", bmc.address().getAddress().getHostAddress());
            assertEquals(URI.create("https://127.0.3.7:" + bmc.port()), bmc.baseUri());
            assertEquals(200, TestClient.basic(bmc).get("/redfish/v1/Systems/1").status());
        }
    }

    @Test
    void aFleetWithAnAddressPerBmcSharesOnePort() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        try (RedfishLab lab = RedfishLab.create()) {
            List<SimulatedRedfish> fleet = lab.startFleet(3, RedfishSpec.builder().port(port).build(),
                    i -> MachineSpec.builder("n" + i).build(), FleetAddressing.ADDRESS_PER_BMC);
            assertEquals(List.of("127.0.1.1", "127.0.1.2", "127.0.1.3"),
                    fleet.stream().map(b -> b.address().getAddress().getHostAddress()).toList());
            for (SimulatedRedfish bmc : fleet) {
                assertEquals(port, bmc.port());
                assertEquals(200, TestClient.basic(bmc).get("/redfish/v1/Systems/1").status());
            }
        }
    }

    @Test
    void plainHttpWhenAskedFor() {
        try (SimulatedMachine m = SimulatedMachine.create(MachineSpec.builder("node-1").build());
             SimulatedRedfish bmc = SimulatedRedfish.start(RedfishSpec.builder().tls(false).build(), m)) {
            assertEquals("http", bmc.baseUri().getScheme());
            assertEquals(200, TestClient.basic(bmc).get("/redfish/v1/Systems/1").status());
        }
    }

    @Test
    void closingStopsTheListenerAndDeletesTheCa() {
        Path ca;
        URI root;
        try (Fixture f = Fixture.create()) {
            ca = f.bmc.caCertificate();
            root = f.bmc.serviceRoot();
        }
        assertFalse(Files.exists(ca));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThrows(java.io.IOException.class, () -> client.send(HttpRequest.newBuilder(root).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void closingStopsEveryThreadItStarted() throws InterruptedException {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        for (int i = 0; i < 3; i++) {
            try (Fixture f = Fixture.create()) {
                assertEquals(200, f.client.get(Fixture.SYSTEM).status());
            }
        }
        List<String> left = List.of();
        for (int i = 0; i < 100; i++) {
            left = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName).filter(n -> !n.startsWith("HttpClient-")).sorted().toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        // The JDK's HTTP clients of the test itself end when collected; every other new thread must be gone.
        assertEquals(List.of(), left);
    }

    @Test
    void onlyLoopbackAddresses() {
        for (String bad : List.of("0.0.0.0", "10.0.0.1", "192.168.1.1", "localhost", "127.0.0.256", "::1", "127.1")) {
            assertThrows(ConfigurationException.class, () -> RedfishSpec.builder().address(bad), bad);
        }
        assertEquals("127.255.0.9", RedfishSpec.builder().address("127.255.0.9").build().address().getHostAddress());
    }

    @Test
    void specsCheckTheirValuesAndNeverPrintThePassword() {
        RedfishSpec spec = RedfishSpec.builder().credentials("root", "s3cret-Passw0rd").identity("Dell Inc.",
                "Integrated Dell Remote Access Controller").build();
        assertFalse(spec.toString().contains("s3cret"), spec.toString());
        assertFalse(spec.credentials().toString().contains("s3cret"), spec.credentials().toString());
        assertEquals("s3cret-Passw0rd", spec.credentials().password().reveal(), "for the client under test");
        assertTrue(spec.acceptsCredentials("root", "s3cret-Passw0rd"));
        assertFalse(spec.acceptsCredentials("root", "s3cret-passw0rd"));
        assertFalse(spec.acceptsCredentials("admin", "s3cret-Passw0rd"));
        assertTrue(spec.toBuilder().build().acceptsCredentials("root", "s3cret-Passw0rd"));
        assertThrows(ConfigurationException.class, () -> RedfishSpec.builder().maxSessions(0));
        assertThrows(ConfigurationException.class, () -> RedfishSpec.builder().sessionLimitStatus(429));
        assertThrows(ConfigurationException.class, () -> RedfishSpec.builder().port(70000));
        assertThrows(ConfigurationException.class, () -> RedfishSpec.builder().deleteFinishedTasksAfter(Duration.ZERO));
    }

    @Test
    void vendorAndProductShowInTheServiceRoot() {
        try (Fixture f = Fixture.withBmc(b -> b.identity("HPE", "iLO 6"))) {
            TestClient.Reply root = TestClient.anonymous(f.bmc).get("/redfish/v1/");
            assertEquals("HPE", root.json().get("Vendor").asText());
            assertEquals("iLO 6", root.json().get("Product").asText());
            assertEquals("HPE", f.client.get(Fixture.SYSTEM).json().get("Manufacturer").asText());
        }
    }

    @Test
    void requestsAreRecordedWithoutHeadersOrBodies() {
        try (Fixture f = Fixture.create()) {
            TestClient.anonymous(f.bmc).post("/redfish/v1/SessionService/Sessions",
                    "{\"UserName\": \"admin\", \"Password\": \"password\"}");
            RecordedRequest r = f.bmc.requests().get(0);
            assertEquals("POST", r.method());
            assertEquals("/redfish/v1/SessionService/Sessions", r.target());
            assertEquals(201, r.status());
            assertFalse(r.toString().contains("password"));
        }
    }

    @Test
    void aPortInUseIsAClearError() {
        try (SimulatedMachine m = SimulatedMachine.create(MachineSpec.builder("node-1").build());
             SimulatedRedfish first = SimulatedRedfish.start(RedfishSpec.defaults(), m)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SimulatedRedfish.start(
                    RedfishSpec.builder().port(first.port()).build(), m));
            assertTrue(e.getMessage().contains(Integer.toString(first.port())), e.getMessage());
        }
    }
}
