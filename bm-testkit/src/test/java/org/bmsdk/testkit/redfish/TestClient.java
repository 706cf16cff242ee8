package org.bmsdk.testkit.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small Redfish client for the simulator's tests, on the JDK's HTTP client: HTTPS with the
 * certificate verified against the simulator's CA (and host names checked), Basic or session auth.
 */
final class TestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final HttpClient http;
    private final URI base;
    private String authorization;
    private String token;

    private TestClient(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    static TestClient basic(SimulatedRedfish bmc) {
        return basic(bmc, "admin", "password");
    }

    static TestClient basic(SimulatedRedfish bmc, String user, String pass) {
        TestClient c = anonymous(bmc);
        c.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass)
                .getBytes(StandardCharsets.UTF_8));
        return c;
    }

    static TestClient anonymous(SimulatedRedfish bmc) {
        return new TestClient(httpClient(bmc.caCertificate(), Duration.ofSeconds(10)), bmc.baseUri());
    }

    static TestClient anonymous(SimulatedRedfish bmc, Duration timeout) {
        return new TestClient(httpClient(bmc.caCertificate(), timeout), bmc.baseUri());
    }

    static HttpClient httpClient(Path caPem, Duration connectTimeout) {
        return HttpClient.newBuilder().sslContext(trusting(caPem)).connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    static SSLContext trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new AssertionError("cannot trust " + caPem, e);
        }
    }

    TestClient withToken(String sessionToken) {
        this.token = sessionToken;
        this.authorization = null;
        return this;
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply post(String path, String json) {
        return send("POST", path, json, null);
    }

    Reply patch(String path, String json, String ifMatch) {
        return send("PATCH", path, json, ifMatch);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** GETs, then PATCHes with the ETag it got, as sushy and redfishtool do. */
    Reply patchWithEtag(String path, String json) {
        Reply r = get(path);
        return patch(path, json, r.header("ETag").orElseThrow());
    }

    Reply sendWithTimeout(String method, String path, Duration timeout) {
        return send(method, path, null, null, timeout);
    }

    Reply send(String method, String path, String json, String ifMatch) {
        return send(method, path, json, ifMatch, Duration.ofSeconds(20));
    }

    Reply send(String method, String path, String json, String ifMatch, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
