package org.bmsdk.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;
import org.bmsdk.api.credentials.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apache MINA SSHD server behind every simulated SSH device of the test kit (switches, the
 * storage host, the service ramdisk, vendor consoles): bound to 127.0.0.1 only, on a port chosen at
 * start or one reserved before, with the device's host key and one user logging in by password
 * (compared in constant time). What runs on a channel (a command factory, a shell factory) and
 * what a device does with sessions (a listener) are the device's own.
 */
public final class SshDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshDaemon.class);
    private static final String HOST = "127.0.0.1";

    private final SshServer server;
    private final String what;
    private final PublicKey hostKey;
    private final AtomicInteger logins;

    private SshDaemon(SshServer server, String what, PublicKey hostKey, AtomicInteger logins) {
        this.server = server;
        this.what = what;
        this.hostKey = hostKey;
        this.logins = logins;
    }

    /**
     * Makes a host key of the kind every simulated device has (ECDSA on P-256).
     *
     * @return a new key pair
     */
    public static KeyPair newHostKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a simulated device's SSH host key", e);
        }
    }

    /**
     * A known_hosts line for a server on 127.0.0.1.
     *
     * @param port its port
     * @param hostKey its public host key
     * @return {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…}
     */
    public static String knownHostsLine(int port, PublicKey hostKey) {
        return "[" + HOST + "]:" + port + " " + PublicKeyEntry.toString(hostKey);
    }

    /**
     * Writes known_hosts lines to a file, replacing it.
     *
     * @param file the file
     * @param lines the lines, each ending in a newline
     * @return the file
     */
    public static Path writeKnownHosts(Path file, String lines) {
        try {
            Files.writeString(file, lines, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Begins a server.
     *
     * @param what the device, for messages and logs: {@code the simulated storage host}
     * @param hostKey its host key
     * @return a builder
     */
    public static Builder builder(String what, KeyPair hostKey) {
        return new Builder(what, hostKey);
    }

    /** @return the TCP port it listens on */
    public int port() {
        return server.getPort();
    }

    /** @return this server's line for a known_hosts file */
    public String knownHostsLine() {
        return knownHostsLine(port(), hostKey);
    }

    /** @return the successful logins so far (into the counter given, if one was) */
    public int logins() {
        return logins.get();
    }

    /** Stops listening and drops every connection, as the device going down does. */
    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            LOG.debug("stopping the SSH server of {} failed: {}", what, e.toString());
        }
    }

    /** What a device's server is made of; {@link #start()} binds it. */
    public static final class Builder {
        private final String what;
        private final KeyPair hostKey;
        private int port;
        private String username;
        private byte[] password;
        private BooleanSupplier refuseLogins = () -> false;
        private AtomicInteger logins = new AtomicInteger();
        private CommandFactory commands;
        private ShellFactory shells;
        private final List<SessionListener> listeners = new ArrayList<>();

        private Builder(String what, KeyPair hostKey) {
            this.what = Objects.requireNonNull(what, "what");
            this.hostKey = Objects.requireNonNull(hostKey, "hostKey");
        }

        /**
         * @param port a port reserved before (so it can be published while the device is down), or 0
         *     (the default) for one chosen at start
         * @return this builder
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * @param username the user that may log in
         * @param password its password
         * @return this builder
         */
        public Builder login(String username, Secret password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = password.revealBytes();
            return this;
        }

        /**
         * @param refused asked at each login; while true, every login fails (a fault)
         * @return this builder
         */
        public Builder refuseLoginsWhile(BooleanSupplier refused) {
            this.refuseLogins = Objects.requireNonNull(refused, "refused");
            return this;
        }

        /**
         * @param counter counts the successful logins: a device whose server comes and goes keeps one
         *     counter across its servers
         * @return this builder
         */
        public Builder loginCounter(AtomicInteger counter) {
            this.logins = Objects.requireNonNull(counter, "counter");
            return this;
        }

        /**
         * @param factory what runs on an exec channel
         * @return this builder
         */
        public Builder commands(CommandFactory factory) {
            this.commands = factory;
            return this;
        }

        /**
         * @param factory what runs on a shell channel
         * @return this builder
         */
        public Builder shells(ShellFactory factory) {
            this.shells = factory;
            return this;
        }

        /**
         * @param listener told of each session opened and closed
         * @return this builder
         */
        public Builder sessionListener(SessionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Binds 127.0.0.1 and starts serving.
         *
         * @return the running server
         * @throws UncheckedIOException when it cannot bind
         */
        public SshDaemon start() {
            if (username == null) {
                throw new IllegalStateException("the SSH server of " + what + " needs a login");
            }
            String user = username;
            byte[] expected = password;
            BooleanSupplier refused = refuseLogins;
            AtomicInteger counter = logins;
            SshServer sshd = SshServer.setUpDefaultServer();
            sshd.setHost(HOST);
            sshd.setPort(port);
            sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            sshd.setPasswordAuthenticator((u, pass, session) -> {
                boolean ok = !refused.getAsBoolean() && u.equals(user)
                        && MessageDigest.isEqual(pass.getBytes(StandardCharsets.UTF_8), expected);
                if (ok) {
                    counter.incrementAndGet();
                }
                return ok;
            });
            if (commands != null) {
                sshd.setCommandFactory(commands);
            }
            if (shells != null) {
                sshd.setShellFactory(shells);
            }
            listeners.forEach(sshd::addSessionListener);
            try {
                sshd.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the SSH server of " + what + " on " + HOST + ":" + port, e);
            }
            return new SshDaemon(sshd, what, hostKey.getPublic(), counter);
        }
    }
}
