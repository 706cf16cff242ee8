package org.bmsdk.hardware.redfish.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.BmcEndpoint;

/**
 * The TLS trust of one endpoint: the JVM's trust store by default, the CA certificates of the
 * endpoint's PEM file when it names one, or nothing at all when the endpoint is explicitly insecure.
 * Host names are verified unless insecure.
 */
final class TlsSetup {

    private TlsSetup() {
    }

    /**
     * The SSL context for an endpoint.
     *
     * @param endpoint the endpoint
     * @param ctx for errors
     * @return the context
     * @throws ConfigurationException when the CA file cannot be read or holds no certificate
     */
    static SSLContext context(BmcEndpoint endpoint, ErrorContext ctx) {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            if (endpoint.insecure()) {
                ssl.init(null, new TrustManager[] {new TrustEverything()}, null);
            } else if (endpoint.caCertificate().isPresent()) {
                ssl.init(null, trustManagers(endpoint.caCertificate().get(), ctx), null);
            } else {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                ssl.init(null, tmf.getTrustManagers(), null);
            }
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("TLS cannot be set up: " + e.getClass().getSimpleName(), ctx, e);
        }
    }

    /**
     * The host name check for an endpoint.
     *
     * @param endpoint the endpoint
     * @return the verifier
     */
    static HostnameVerifier hostnameVerifier(BmcEndpoint endpoint) {
        return endpoint.insecure() ? NoopHostnameVerifier.INSTANCE : new DefaultHostnameVerifier();
    }

    private static TrustManager[] trustManagers(Path pem, ErrorContext ctx) throws GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new ConfigurationException("CA certificate file " + pem + " cannot be read: " + e.getClass().getSimpleName(), ctx, e);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("CA certificate file " + pem + " is not a PEM file of X.509 certificates", ctx, e);
        }
        if (certs.isEmpty()) {
            throw new ConfigurationException("CA certificate file " + pem + " holds no certificate", ctx);
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf.getTrustManagers();
    }

    /** Accepts any certificate: only ever used for an endpoint marked insecure, which is logged. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // insecure by the caller's explicit choice
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // insecure by the caller's explicit choice
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
