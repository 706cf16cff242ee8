package org.bmsdk.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension starts BMCs before a test, injects them, and stops them after. */
class RedfishExtensionTest {

    @RegisterExtension
    final RedfishExtension bmcs = RedfishExtension.withMachines(3);

    @Test
    void threeBmcsEachWithItsMachine(SimulatedRedfish first, SimulatedMachine firstMachine) throws Exception {
        assertEquals(3, bmcs.bmcs().size());
        assertSame(bmcs.bmc(0), first);
        assertSame(bmcs.machine(0), firstMachine);
        assertEquals("node-2", bmcs.machine(1).name());
        assertNotEquals(bmcs.bmc(0).port(), bmcs.bmc(1).port());
        bmcs.machine(2).powerOn();
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(bmcs.bmc(2))).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(bmcs.bmc(2).baseUri() + "/redfish/v1/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(PowerState.ON, bmcs.machine(2).powerState());
    }

    @Test
    void eachTestGetsFreshMachines() {
        assertEquals(PowerState.OFF, bmcs.machine(2).powerState());
    }

    static javax.net.ssl.SSLContext trusting(SimulatedRedfish bmc) throws Exception {
        java.security.cert.X509Certificate ca;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(bmc.caCertificate())) {
            ca = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
        }
        java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
