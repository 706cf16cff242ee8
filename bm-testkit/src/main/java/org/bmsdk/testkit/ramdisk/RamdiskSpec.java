package org.bmsdk.testkit.ramdisk;

import java.security.KeyPair;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.bmsdk.api.credentials.Secret;

/**
 * What a simulated service ramdisk offers: its SSH login, and which virtual media images are the
 * ramdisk (a network boot always is). The password never shows in {@link #toString()}.
 */
public final class RamdiskSpec {

    private final String username;
    private final Secret password;
    private final Predicate<String> ramdiskMedia;
    private final KeyPair hostKey;

    private RamdiskSpec(Builder b) {
        this.username = b.username;
        this.password = b.password;
        this.ramdiskMedia = b.ramdiskMedia;
        this.hostKey = b.hostKey;
    }

    /**
     * Starts a spec: user {@code root} with password {@code ramdisk}, and every virtual media image
     * counted as the ramdisk.
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

    /**
     * Whether a virtual media image boots the ramdisk (rather than, say, an OS installer).
     *
     * @param imageUri the inserted image's URI
     * @return true when booting it brings the ramdisk up
     */
    public boolean isRamdiskMedia(String imageUri) {
        return ramdiskMedia.test(imageUri);
    }

    /** @return the SSH host key every ramdisk of this spec uses, or empty when each makes its own */
    public Optional<KeyPair> hostKey() {
        return Optional.ofNullable(hostKey);
    }

    @Override
    public String toString() {
        return "RamdiskSpec[user " + username + (hostKey != null ? ", shared host key" : "") + "]";
    }

    /** Builds a {@link RamdiskSpec}. */
    public static final class Builder {
        private String username = "root";
        private Secret password = Secret.of("ramdisk");
        private Predicate<String> ramdiskMedia = uri -> true;
        private KeyPair hostKey;

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
         * Which virtual media images boot the ramdisk; every one unless set. A network boot (PXE,
         * UEFI HTTP) always boots it.
         *
         * @param isRamdisk true for the image URIs that are the ramdisk
         * @return this
         */
        public Builder ramdiskMedia(Predicate<String> isRamdisk) {
            this.ramdiskMedia = Objects.requireNonNull(isRamdisk, "isRamdisk");
            return this;
        }

        /**
         * One SSH host key for every ramdisk attached with this spec, as machines booted from one
         * image with a key baked in share it; each ramdisk makes its own unless set. Making a key
         * costs milliseconds, which a lab of a thousand machines notices.
         *
         * @param key an EC, RSA or Ed25519 key pair Apache MINA SSHD accepts
         * @return this
         */
        public Builder hostKey(KeyPair key) {
            this.hostKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** @return the spec */
        public RamdiskSpec build() {
            return new RamdiskSpec(this);
        }
    }
}
