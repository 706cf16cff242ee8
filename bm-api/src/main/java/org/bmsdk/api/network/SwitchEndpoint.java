package org.bmsdk.api.network;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.credentials.CredentialRef;

/**
 * How to reach a switch's CLI: {@code ssh://host[:port]}, its dialect (netmiko's device type
 * names: {@code cisco_ios}, {@code cisco_nxos}, {@code arista_eos}, {@code juniper_junos},
 * {@code dell_os10}, {@code sonic}, {@code cumulus_nvue}, {@code ovs_linux}), its credentials, the
 * known_hosts file its host key is checked against, and timeouts.
 */
public final class SwitchEndpoint {

    private final String id;
    private final URI uri;
    private final String dialect;
    private final CredentialRef credentials;
    private final Path privateKey;
    private final Path knownHosts;
    private final Duration commandTimeout;

    private SwitchEndpoint(Builder b) {
        this.id = b.id;
        this.uri = b.uri;
        this.dialect = b.dialect;
        this.credentials = b.credentials;
        this.privateKey = b.privateKey;
        this.knownHosts = b.knownHosts;
        this.commandTimeout = b.commandTimeout;
    }

    /**
     * Starts an endpoint.
     *
     * @param id the switch's id as ports' local link connections name it
     * @param uri such as {@code ssh://tor-1.example:22}
     * @param dialect such as {@code arista_eos}
     * @return a builder
     */
    public static Builder builder(String id, String uri, String dialect) {
        return new Builder(id, uri, dialect);
    }

    /** @return the switch's id */
    public String id() {
        return id;
    }

    /** @return the address, without credentials */
    public URI uri() {
        return uri;
    }

    /** @return the CLI dialect */
    public String dialect() {
        return dialect;
    }

    /** @return where the credentials are found */
    public CredentialRef credentials() {
        return credentials;
    }

    /** @return a private key file to log in with instead of the password, if any */
    public Optional<Path> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** @return the known_hosts file the host key must be in */
    public Path knownHosts() {
        return knownHosts;
    }

    /** @return how long one CLI command may take */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    @Override
    public String toString() {
        return "SwitchEndpoint[" + id + " " + uri + " " + dialect + "]";
    }

    /** Builds a {@link SwitchEndpoint}. */
    public static final class Builder {
        private final String id;
        private final URI uri;
        private final String dialect;
        private CredentialRef credentials;
        private Path privateKey;
        private Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        private Duration commandTimeout = Duration.ofSeconds(30);

        private Builder(String id, String uri, String dialect) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("switch id must not be blank");
            }
            this.id = id;
            this.uri = URI.create(Objects.requireNonNull(uri, "uri"));
            if (!"ssh".equals(this.uri.getScheme()) || this.uri.getHost() == null) {
                throw new IllegalArgumentException("switch address must be ssh://host[:port], but was '" + uri + "'");
            }
            if (this.uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("switch address must not carry credentials; pass them as a CredentialRef");
            }
            this.dialect = Objects.requireNonNull(dialect, "dialect");
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
         * Logs in with a private key instead of the password.
         *
         * @param keyFile the key file
         * @return this builder
         */
        public Builder privateKey(Path keyFile) {
            this.privateKey = keyFile;
            return this;
        }

        /**
         * The known_hosts file; default {@code ~/.ssh/known_hosts}.
         *
         * @param file the file
         * @return this builder
         */
        public Builder knownHosts(Path file) {
            this.knownHosts = Objects.requireNonNull(file, "knownHosts");
            return this;
        }

        /**
         * How long one CLI command may take; default 30 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be positive, but was " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @return the endpoint
         */
        public SwitchEndpoint build() {
            if (credentials == null) {
                throw new IllegalStateException("credentials are required for switch " + id);
            }
            return new SwitchEndpoint(this);
        }
    }
}
