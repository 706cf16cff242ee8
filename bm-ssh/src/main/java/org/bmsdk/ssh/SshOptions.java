package org.bmsdk.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;

/**
 * Where and how to open an SSH connection: the host, the user and its credentials (a password, a
 * private key file, or both), the {@code known_hosts} file the host key is checked against, and the
 * timeouts.
 *
 * <p>Safe by default: the server's host key is always verified against {@link #knownHosts()}
 * ({@code ~/.ssh/known_hosts} unless set); an unknown or changed key is refused before any
 * credential is sent. {@link Builder#insecureAcceptAnyHostKey()} turns that off, for labs only, and
 * every connection made so logs a warning.
 *
 * <p>Secrets are held as {@link Secret}s; {@link #toString()} shows which kind of credential is
 * set, never its value.
 *
 * <pre>{@code
 * SshOptions options = SshOptions.builder()
 *         .host("tor-1.example.net")
 *         .username("admin")
 *         .privateKey(Path.of("/etc/bm/keys/tor"))
 *         .knownHosts(Path.of("/etc/bm/known_hosts"))
 *         .build();
 * }</pre>
 */
public final class SshOptions {

    /** The SSH port. */
    public static final int DEFAULT_PORT = 22;
    /** How long to wait for the TCP connection, the handshake and the login, each. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link SshConnection#exec(String)} lets a command run. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
    /** How often an idle connection is probed, so that a dead peer is noticed. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final String username;
    private final Secret password;
    private final Path privateKey;
    private final Secret passphrase;
    private final Path knownHosts;
    private final boolean insecureAcceptAnyHostKey;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Duration keepAlive;

    private SshOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
        this.privateKey = b.privateKey;
        this.passphrase = b.passphrase;
        this.knownHosts = b.knownHosts != null ? b.knownHosts : defaultKnownHosts();
        this.insecureAcceptAnyHostKey = b.insecureAcceptAnyHostKey;
        this.connectTimeout = b.connectTimeout;
        this.commandTimeout = b.commandTimeout;
        this.keepAlive = b.keepAlive;
    }

    /**
     * Starts options with the defaults: port 22, {@code ~/.ssh/known_hosts}, host keys verified.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, to derive others from them.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.username = username;
        b.password = password;
        b.privateKey = privateKey;
        b.passphrase = passphrase;
        b.knownHosts = knownHosts;
        b.insecureAcceptAnyHostKey = insecureAcceptAnyHostKey;
        b.connectTimeout = connectTimeout;
        b.commandTimeout = commandTimeout;
        b.keepAlive = keepAlive;
        return b;
    }

    /** {@return the host name or address} */
    public String host() {
        return host;
    }

    /** {@return the TCP port, 1..65535} */
    public int port() {
        return port;
    }

    /** {@return the user to log in as} */
    public String username() {
        return username;
    }

    /** {@return the password, when password login is configured; it prints redacted} */
    public Optional<Secret> password() {
        return Optional.ofNullable(password);
    }

    /** {@return the private key file (OpenSSH, PEM or PuTTY format), when key login is configured} */
    public Optional<Path> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** {@return the passphrase of {@link #privateKey()}, when it is encrypted; it prints redacted} */
    public Optional<Secret> passphrase() {
        return Optional.ofNullable(passphrase);
    }

    /** {@return the {@code known_hosts} file the host key must be in; when it does not exist, every host is unknown} */
    public Path knownHosts() {
        return knownHosts;
    }

    /** {@return true only after the opt-in {@link Builder#insecureAcceptAnyHostKey()}} */
    public boolean isInsecureAcceptAnyHostKey() {
        return insecureAcceptAnyHostKey;
    }

    /** {@return the limit for the TCP connection, the SSH handshake and the login, each} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return the limit for {@link SshConnection#exec(String)}} */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** {@return the keep-alive interval; {@link Duration#ZERO} when keep-alives are off} */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** {@return the server's address as errors name it, {@code ssh://host:port}; never a user or credential} */
    public String endpoint() {
        return "ssh://" + hostAndPort();
    }

    /** {@return the address as {@code host:port}, an IPv6 address in brackets} */
    public String hostAndPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Names the endpoint, the user and the kinds of credential; never a password or passphrase. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SshOptions[").append(endpoint()).append(", user=").append(username);
        if (privateKey != null) {
            sb.append(", privateKey=").append(privateKey);
            if (passphrase != null) {
                sb.append(", passphrase=").append(passphrase);
            }
        }
        if (password != null) {
            sb.append(", password=").append(password);
        }
        sb.append(insecureAcceptAnyHostKey ? ", hostKey=NOT VERIFIED" : ", knownHosts=" + knownHosts)
                .append(", connectTimeout=").append(connectTimeout)
                .append(", commandTimeout=").append(commandTimeout)
                .append(", keepAlive=").append(keepAlive)
                .append(']');
        return sb.toString();
    }

    private static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** Builds {@link SshOptions}; {@link #build()} checks that they are complete. */
    public static final class Builder {
        private String host;
        private int port = DEFAULT_PORT;
        private String username;
        private Secret password;
        private Path privateKey;
        private Secret passphrase;
        private Path knownHosts;
        private boolean insecureAcceptAnyHostKey;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration keepAlive = DEFAULT_KEEP_ALIVE;

        private Builder() {
        }

        /**
         * The host name or address (required).
         *
         * @param host such as {@code tor-1.example.net} or {@code 10.0.0.7}
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The TCP port; 22 unless set.
         *
         * @param port 1..65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be in 1..65535, but was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The user to log in as (required).
         *
         * @param username the user name
         * @return this builder
         */
        public Builder username(String username) {
            this.username = Objects.requireNonNull(username, "username");
            return this;
        }

        /**
         * Logs in with a password. With a private key as well, the key is tried first.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(Secret password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Sets the user name and password from resolved credentials.
         *
         * @param credentials the credentials
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            Objects.requireNonNull(credentials, "credentials");
            return username(credentials.username()).password(credentials.password());
        }

        /**
         * Logs in with an unencrypted private key file.
         *
         * @param keyFile an OpenSSH, PEM or PuTTY private key
         * @return this builder
         */
        public Builder privateKey(Path keyFile) {
            this.privateKey = Objects.requireNonNull(keyFile, "keyFile");
            this.passphrase = null;
            return this;
        }

        /**
         * Logs in with an encrypted private key file.
         *
         * @param keyFile an OpenSSH, PEM or PuTTY private key
         * @param passphrase its passphrase
         * @return this builder
         */
        public Builder privateKey(Path keyFile, Secret passphrase) {
            this.privateKey = Objects.requireNonNull(keyFile, "keyFile");
            this.passphrase = Objects.requireNonNull(passphrase, "passphrase");
            return this;
        }

        /**
         * The {@code known_hosts} file to verify the host key against; {@code ~/.ssh/known_hosts}
         * unless set. Hashed entries, {@code [host]:port} entries and wildcards are understood.
         *
         * @param file the file
         * @return this builder
         */
        public Builder knownHosts(Path file) {
            this.knownHosts = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Accepts whatever host key the server shows, without checking it. This lets anyone between
         * us and the device read and change the session, and capture the password: use it only in a
         * lab. Each connection made with it logs a warning with the key's fingerprint.
         *
         * @return this builder
         */
        public Builder insecureAcceptAnyHostKey() {
            this.insecureAcceptAnyHostKey = true;
            return this;
        }

        /**
         * The limit for the TCP connection, the handshake and the login, each; 10 s unless set.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * The limit for {@link SshConnection#exec(String)}; 60 s unless set.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout, "commandTimeout");
            return this;
        }

        /**
         * How often to probe an idle connection ({@code keepalive@openssh.com}); the connection is
         * dropped after 5 probes without an answer. 30 s unless set, rounded up to whole seconds;
         * {@link Duration#ZERO} turns keep-alives off.
         *
         * @param interval zero or a positive duration
         * @return this builder
         */
        public Builder keepAlive(Duration interval) {
            Objects.requireNonNull(interval, "keepAlive");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("keepAlive must not be negative, but was " + interval);
            }
            this.keepAlive = interval;
            return this;
        }

        /**
         * Checks and builds the options.
         *
         * @return the options
         * @throws IllegalStateException when the host, the user or every credential is missing
         */
        public SshOptions build() {
            if (host == null || host.isBlank()) {
                throw new IllegalStateException("host must be set");
            }
            if (username == null || username.isBlank()) {
                throw new IllegalStateException("username must be set for " + host);
            }
            if (password == null && privateKey == null) {
                throw new IllegalStateException("a password or a private key must be set for " + username + "@" + host);
            }
            return new SshOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d);
            }
            return d;
        }
    }
}
