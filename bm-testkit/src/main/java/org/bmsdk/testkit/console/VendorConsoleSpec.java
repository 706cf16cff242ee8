package org.bmsdk.testkit.console;

import java.util.Objects;
import org.bmsdk.api.credentials.Secret;

/**
 * What a {@link SimulatedVendorConsole} simulates: the vendor's flavour and the one account that
 * may log in. The password is a {@link Secret}, so the spec prints without it.
 */
public final class VendorConsoleSpec {

    private final VendorConsoleFlavor flavor;
    private final String username;
    private final Secret password;

    private VendorConsoleSpec(Builder b) {
        this.flavor = b.flavor;
        this.username = b.username;
        this.password = b.password;
    }

    /**
     * Starts a builder: iDRAC, {@code root}/{@code calvin} as the factory default, unless told otherwise.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the vendor's flavour */
    public VendorConsoleFlavor flavor() {
        return flavor;
    }

    /** @return the user that may log in */
    public String username() {
        return username;
    }

    /** @return its password */
    public Secret password() {
        return password;
    }

    @Override
    public String toString() {
        return "VendorConsoleSpec[" + flavor + ", user " + username + "]";
    }

    /** Builds a {@link VendorConsoleSpec}. */
    public static final class Builder {
        private VendorConsoleFlavor flavor = VendorConsoleFlavor.IDRAC;
        private String username = "root";
        private Secret password = Secret.of("calvin");

        private Builder() {
        }

        /**
         * @param flavor the vendor's CLI to imitate
         * @return this builder
         */
        public Builder flavor(VendorConsoleFlavor flavor) {
            this.flavor = Objects.requireNonNull(flavor, "flavor");
            return this;
        }

        /**
         * @param username the user that may log in
         * @param password its password
         * @return this builder
         */
        public Builder credentials(String username, Secret password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** @return the spec */
        public VendorConsoleSpec build() {
            return new VendorConsoleSpec(this);
        }
    }
}
