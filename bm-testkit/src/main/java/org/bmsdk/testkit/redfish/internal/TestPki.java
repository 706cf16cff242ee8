package org.bmsdk.testkit.redfish.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority made at start: its certificate goes to a PEM file that a
 * client can trust, and it signs one server certificate per listening address, whose subject
 * alternative names cover {@code localhost}, {@code 127.0.0.1} and that address. EC P-256 keys,
 * because they are generated in about a millisecond, which matters for a lab of thousands of
 * addresses. The keys live in memory only.
 */
public final class TestPki {

    private static final Duration VALIDITY = Duration.ofDays(7);
    private static final char[] KEYSTORE_PASSWORD = "in-memory".toCharArray();

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final Path caFile;
    private final Map<InetAddress, SSLContext> contexts = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong(2);
    private final SecureRandom random = new SecureRandom();

    private TestPki(KeyPair caKeys, X509Certificate caCertificate, Path caFile) {
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
        this.caFile = caFile;
    }

    /**
     * Makes a CA and writes its certificate as PEM into a new temporary file.
     *
     * @param name a name for the CA's subject, such as the lab's
     * @return the CA
     */
    public static TestPki create(String name) {
        try {
            KeyPair keys = newKeyPair();
            X500Name subject = new X500Name("CN=bm-sdk test CA " + name + ",O=bm-sdk testkit");
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(keys)));
            Path file = Files.createTempFile("bm-testkit-ca-", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, pem(cert), StandardCharsets.US_ASCII);
            return new TestPki(keys, cert, file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the test CA certificate", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not make the test CA", e);
        }
    }

    /** @return the PEM file holding the CA certificate */
    public Path caFile() {
        return caFile;
    }

    /** @return the CA certificate */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * The TLS context for a listening address, made on first use.
     *
     * @param address the local address a client connected to
     * @return a context holding a certificate valid for that address
     */
    public SSLContext contextFor(InetAddress address) {
        return contexts.computeIfAbsent(address, this::newContext);
    }

    /** Deletes the CA file. */
    public void delete() {
        try {
            Files.deleteIfExists(caFile);
        } catch (IOException e) {
            // A temporary file; deleteOnExit removes it later.
        }
    }

    private SSLContext newContext(InetAddress address) {
        try {
            KeyPair keys = newKeyPair();
            Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", address.getHostAddress()));
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCertificate,
                    BigInteger.valueOf(serial.getAndIncrement()).shiftLeft(32).or(BigInteger.valueOf(random.nextInt() & 0x7fffffff)),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)),
                    new X500Name("CN=" + address.getHostAddress() + ",O=bm-sdk testkit"), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCertificate));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(caKeys)));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), KEYSTORE_PASSWORD, new X509Certificate[] {cert, caCertificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, KEYSTORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, random);
            return context;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not make a server certificate for " + address, e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static ContentSigner signer(KeyPair keys) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private static String pem(X509Certificate cert) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(cert);
        }
        return out.toString();
    }
}
