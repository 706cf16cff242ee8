package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.LogCapture;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    private static TestCertificates cert;
    private final FakeRedfish bmc = FakeRedfish.of("Contoso");

    @BeforeAll
    static void makeCertificate() {
        cert = TestCertificates.selfSigned();
    }

    private ScriptedServer serveTls() {
        ScriptedServer s = ScriptedServer.startTls(cert.serverContext());
        s.dispatcher(bmc);
        return s;
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        try (ScriptedServer server = serveTls()) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Clients.connect(Clients.endpoint(server.endpoint()).build(), Clients.FAST, EventListener.NONE));
            assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
            assertTrue(server.requests().isEmpty(), "no request left before the handshake failed");
        }
    }

    @Test
    void theEndpointsCaFileIsTrusted(@TempDir Path dir) {
        Path pem = cert.writePem(dir.resolve("bmc-ca.pem"));
        try (ScriptedServer server = serveTls();
                BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).caCertificate(pem).build(), Clients.FAST,
                        EventListener.NONE)) {
            assertEquals(PowerState.OFF, client.require(PowerControl.class).powerState());
        }
    }

    @Test
    void anInsecureEndpointIsAcceptedWithAWarning() {
        try (ScriptedServer server = serveTls(); LogCapture log = LogCapture.start()) {
            try (BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).insecure(true).build(), Clients.FAST,
                    EventListener.NONE)) {
                client.require(PowerControl.class).powerState();
            }
            assertTrue(log.text().contains("WARN") && log.text().contains("verification is OFF"), log.text());
        }
    }

    @Test
    void anUnreadableCaFileIsAConfigurationError(@TempDir Path dir) throws Exception {
        Path bad = java.nio.file.Files.writeString(dir.resolve("bad.pem"), "not a certificate");
        try (ScriptedServer server = serveTls()) {
            assertThrows(ConfigurationException.class,
                    () -> Clients.connect(Clients.endpoint(server.endpoint()).caCertificate(bad).build(), Clients.FAST, EventListener.NONE));
        }
    }
}
