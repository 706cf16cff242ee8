package org.bmsdk.testkit.storage;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.credentials.Secret;

/**
 * What to simulate for a storage host: the SSH login, where the host's files live (in memory by
 * default, or under a real directory that plays the host's {@code /}), tgtd's control port, and
 * whether an iSCSI portal runs. The password never shows in {@link #toString()}.
 */
public final class StorageHostSpec {

    private final String username;
    private final Secret password;
    private final Path rootDirectory;
    private final int controlPort;
    private final boolean iscsiPortal;

    private StorageHostSpec(Builder b) {
        this.username = b.username;
        this.password = b.password;
        this.rootDirectory = b.rootDirectory;
        this.controlPort = b.controlPort;
        this.iscsiPortal = b.iscsiPortal;
    }

    /**
     * Starts a spec: user {@code root} with password {@code storage}, files in memory, tgtd on its
     * default control port 0, an iSCSI portal.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the SSH user */
    public String username() {
        return username;
    }

    /** @return the SSH password */
    public Secret password() {
        return password;
    }

    /** @return the real directory that plays the host's {@code /}, or empty for files in memory */
    public Optional<Path> rootDirectory() {
        return Optional.ofNullable(rootDirectory);
    }

    /** @return tgtd's control port: {@code tgtadm -C N} must name it, and no {@code -C} means 0 */
    public int controlPort() {
        return controlPort;
    }

    /** @return whether the host serves iSCSI on a portal of its own */
    public boolean iscsiPortal() {
        return iscsiPortal;
    }

    @Override
    public String toString() {
        return "StorageHostSpec[user " + username + ", " + (rootDirectory == null ? "files in memory" : "root " + rootDirectory)
                + ", control port " + controlPort + (iscsiPortal ? ", iSCSI portal" : "") + "]";
    }

    /** Builds a {@link StorageHostSpec}. */
    public static final class Builder {
        private String username = "root";
        private Secret password = Secret.of("storage");
        private Path rootDirectory;
        private int controlPort;
        private boolean iscsiPortal = true;

        private Builder() {
        }

        /**
         * The SSH login.
         *
         * @param user the user name
         * @param password its password
         * @return this
         */
        public Builder login(String user, Secret password) {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("username must not be blank");
            }
            this.username = user;
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Keeps the host's files under a real directory: host path {@code /srv/volumes/v.vol} is
         * {@code DIR/srv/volumes/v.vol}. Files are in memory otherwise.
         *
         * @param dir the directory, made when missing
         * @return this
         */
        public Builder rootDirectory(Path dir) {
            this.rootDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * tgtd's control port, as {@code tgtd -C N}; a tgtadm naming another gets tgtadm's
         * "can't send the request to the tgt daemon".
         *
         * @param port 0 to 32767
         * @return this
         */
        public Builder controlPort(int port) {
            if (port < 0 || port > 32767) {
                throw new IllegalArgumentException("control port must be in 0..32767, but was " + port);
            }
            this.controlPort = port;
            return this;
        }

        /**
         * Whether to run the iSCSI portal (default yes).
         *
         * @param on false for the SSH side only
         * @return this
         */
        public Builder iscsiPortal(boolean on) {
            this.iscsiPortal = on;
            return this;
        }

        /** @return the spec */
        public StorageHostSpec build() {
            return new StorageHostSpec(this);
        }
    }
}
