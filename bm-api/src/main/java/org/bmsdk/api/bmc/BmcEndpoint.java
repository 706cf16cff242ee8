package org.bmsdk.api.bmc;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.credentials.CredentialRef;

/**
 * How to reach a BMC: its address ({@code redfish://host[:port]} for HTTPS,
 * {@code redfish+http://host[:port]}, {@code ipmi://host[:port]}), where its credentials are, how
 * its TLS certificate is checked and how long to wait.
 *
 * <p>Safe by default: certificates are verified against the JVM's trust store unless a CA file is
 * given, and {@link Builder#insecure(boolean)} is an explicit opt-in that drivers log a warning
 * for. The address may not carry credentials ({@code user:pass@host} is refused), so that the
 * address can be printed anywhere. A path and a query are kept for the driver, which refuses what
 * it does not understand (the IPMI driver takes {@code ?workarounds=…}).
 */
public final class BmcEndpoint {

    /** The schemes this class accepts; drivers may register others. */
    public static final Set<String> WELL_KNOWN_SCHEMES = Set.of("redfish", "redfish+http", "ipmi");

    private final URI uri;
    private final CredentialRef credentials;
    private final String driverId;
    private final boolean insecure;
    private final Path caCertificate;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private BmcEndpoint(Builder b) {
        this.uri = b.uri;
        this.credentials = b.credentials;
        this.driverId = b.driverId;
        this.insecure = b.insecure;
        this.caCertificate = b.caCertificate;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
    }

    /**
     * Starts an endpoint for an address.
     *
     * @param uri such as {@code redfish://10.0.0.5} or {@code ipmi://10.0.0.6:623}
     * @return a builder
     * @throws IllegalArgumentException when the address is malformed or carries credentials
     */
    public static Builder builder(String uri) {
        return new Builder(parse(uri));
    }

    /**
     * A builder holding this endpoint's values.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(uri);
        b.credentials = credentials;
        b.driverId = driverId;
        b.insecure = insecure;
        b.caCertificate = caCertificate;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        return b;
    }

    private static URI parse(String text) {
        Objects.requireNonNull(text, "uri");
        URI u;
        try {
            u = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("BMC address must be scheme://host[:port], but was '" + redact(text) + "'");
        }
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("BMC address must be scheme://host[:port], but was '" + redact(text) + "'");
        }
        if (u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("BMC address must not carry credentials (user@host); pass them as a CredentialRef");
        }
        return URI.create(u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                + (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    }


    /** Hides anything before an {@code @}, which may be a password, in an error message. */
    private static String redact(String text) {
        int at = text.lastIndexOf('@');
        int scheme = text.indexOf("://");
        return at > 0 && scheme >= 0 && at > scheme ? text.substring(0, scheme + 3) + "****" + text.substring(at) : text;
    }

    /** @return the address, without credentials */
    public URI uri() {
        return uri;
    }

    /** @return the scheme, lower case, such as {@code redfish} */
    public String scheme() {
        return uri.getScheme();
    }

    /** @return the host name or address */
    public String host() {
        return uri.getHost();
    }

    /**
     * The port: the one in the address, else the scheme's default (443 for {@code redfish}, 80 for
     * {@code redfish+http}, 623 for {@code ipmi}).
     *
     * @return the port, or -1 when neither is known
     */
    public int port() {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        switch (scheme()) {
            case "redfish":
                return 443;
            case "redfish+http":
                return 80;
            case "ipmi":
                return 623;
            default:
                return -1;
        }
    }

    /** @return where the credentials are found */
    public CredentialRef credentials() {
        return credentials;
    }

    /** @return the driver explicitly chosen, overriding the scheme, if any */
    public Optional<String> driverId() {
        return Optional.ofNullable(driverId);
    }

    /** @return true when TLS certificates are not verified (an explicit, logged opt-in) */
    public boolean insecure() {
        return insecure;
    }

    /** @return a PEM file of the CA certificates to trust instead of the JVM's, if any */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(caCertificate);
    }

    /** @return how long to wait for a connection */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return how long to wait for one request's answer */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BmcEndpoint)) {
            return false;
        }
        BmcEndpoint e = (BmcEndpoint) o;
        return uri.equals(e.uri) && credentials.equals(e.credentials) && Objects.equals(driverId, e.driverId)
                && insecure == e.insecure && Objects.equals(caCertificate, e.caCertificate)
                && connectTimeout.equals(e.connectTimeout) && requestTimeout.equals(e.requestTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, driverId);
    }

    /** The address and options; the credentials show as a reference, never a password. */
    @Override
    public String toString() {
        return "BmcEndpoint[" + uri + ", credentials=" + (credentials.isPersistable() ? credentials.toUri() : credentials)
                + (driverId == null ? "" : ", driver=" + driverId) + (insecure ? ", insecure" : "") + "]";
    }

    /** Builds a {@link BmcEndpoint}. */
    public static final class Builder {
        private final URI uri;
        private CredentialRef credentials;
        private String driverId;
        private boolean insecure;
        private Path caCertificate;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);

        private Builder(URI uri) {
            this.uri = uri;
        }

        /**
         * Where the credentials are found; required.
         *
         * @param ref the reference
         * @return this builder
         */
        public Builder credentials(CredentialRef ref) {
            this.credentials = Objects.requireNonNull(ref, "credentials");
            return this;
        }

        /**
         * Chooses a driver by id, overriding the choice by scheme.
         *
         * @param id the driver id
         * @return this builder
         */
        public Builder driverId(String id) {
            this.driverId = id;
            return this;
        }

        /**
         * Skips TLS certificate verification. Only for labs: drivers log a warning each time.
         *
         * @param insecure true to skip verification
         * @return this builder
         */
        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        /**
         * Trusts the CA certificates in a PEM file instead of the JVM's trust store.
         *
         * @param pemFile the file
         * @return this builder
         */
        public Builder caCertificate(Path pemFile) {
            this.caCertificate = pemFile;
            return this;
        }

        /**
         * How long to wait for a connection; default 10 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for one request's answer; default 60 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d);
            }
            return d;
        }

        /**
         * Builds the endpoint.
         *
         * @return the endpoint
         * @throws IllegalStateException when no credentials were given
         */
        public BmcEndpoint build() {
            if (credentials == null) {
                throw new IllegalStateException("credentials are required for " + uri);
            }
            return new BmcEndpoint(this);
        }
    }
}
