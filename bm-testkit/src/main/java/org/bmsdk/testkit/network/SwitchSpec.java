package org.bmsdk.testkit.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.network.SwitchConfig;

/**
 * What to simulate for one switch: its name (also its host name and prompt), its dialect, its
 * ports, the login, an optional {@code enable} password and the configuration it starts with.
 */
public final class SwitchSpec {

    private final String name;
    private final SwitchDialect dialect;
    private final List<String> ports;
    private final String username;
    private final Secret password;
    private final Secret enableSecret;
    private final SwitchConfig initialConfig;

    private SwitchSpec(Builder b) {
        this.name = b.name;
        this.dialect = b.dialect;
        List<String> p = b.ports;
        if (p == null) {
            p = new ArrayList<>();
            for (int i = 1; i <= b.portCount; i++) {
                p.add(dialect.portName(i));
            }
        }
        this.ports = List.copyOf(p);
        this.username = b.username;
        this.password = b.password;
        this.enableSecret = b.enableSecret;
        this.initialConfig = b.initialConfig;
    }

    /**
     * Starts a spec: 8 ports, user {@code admin} with password {@code admin}, logged in privileged.
     *
     * @param name the switch's name, such as {@code sw-0}; its host name, so keep it under 20
     *     characters (IOS shortens longer ones in configuration prompts)
     * @param dialect its CLI dialect
     * @return a builder
     */
    public static Builder builder(String name, SwitchDialect dialect) {
        return new Builder(name, dialect);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the dialect */
    public SwitchDialect dialect() {
        return dialect;
    }

    /** @return the ports' full names, in order */
    public List<String> ports() {
        return ports;
    }

    /** @return the login user */
    public String username() {
        return username;
    }

    /** @return the login password */
    public Secret password() {
        return password;
    }

    /** @return the {@code enable} password, when the login lands in user EXEC */
    public Optional<Secret> enableSecret() {
        return Optional.ofNullable(enableSecret);
    }

    /** @return the configuration the switch starts with, running and saved, if any */
    public Optional<SwitchConfig> initialConfig() {
        return Optional.ofNullable(initialConfig);
    }

    @Override
    public String toString() {
        return "SwitchSpec[" + name + " " + dialect.id() + ", " + ports.size() + " ports]";
    }

    /** Builds a {@link SwitchSpec}. */
    public static final class Builder {
        private final String name;
        private final SwitchDialect dialect;
        private List<String> ports;
        private int portCount = 8;
        private String username = "admin";
        private Secret password = Secret.of("admin");
        private Secret enableSecret;
        private SwitchConfig initialConfig;

        private Builder(String name, SwitchDialect dialect) {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]{0,19}")) {
                throw new IllegalArgumentException("switch name must be a host name of at most 20 characters, but was '"
                        + name + "'");
            }
            this.name = name;
            this.dialect = Objects.requireNonNull(dialect, "dialect");
        }

        /**
         * The number of default ports ({@link SwitchDialect#portName(int)}); 8 unless set.
         *
         * @param count 1 or more
         * @return this builder
         */
        public Builder ports(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a switch needs at least one port, but was " + count);
            }
            this.portCount = count;
            this.ports = null;
            return this;
        }

        /**
         * Ports by their full names, instead of the default ones.
         *
         * @param names such as {@code GigabitEthernet1/0/1}
         * @return this builder
         */
        public Builder ports(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a switch needs at least one port");
            }
            this.ports = List.copyOf(names);
            return this;
        }

        /**
         * The login; {@code admin}/{@code admin} unless set.
         *
         * @param username the user
         * @param password its password
         * @return this builder
         */
        public Builder login(String username, Secret password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Makes the login land in user EXEC ({@code >}), with {@code enable} asking this password.
         *
         * @param secret the enable password
         * @return this builder
         */
        public Builder enableSecret(Secret secret) {
            this.enableSecret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /**
         * The configuration to start with, running and saved.
         *
         * @param config VLANs and port states
         * @return this builder
         */
        public Builder initialConfig(SwitchConfig config) {
            this.initialConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /** @return the spec */
        public SwitchSpec build() {
            return new SwitchSpec(this);
        }
    }
}
