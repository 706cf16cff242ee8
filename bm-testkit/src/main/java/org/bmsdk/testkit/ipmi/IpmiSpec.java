package org.bmsdk.testkit.ipmi;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.testkit.redfish.internal.Loopback;

/**
 * What a simulated IPMI BMC is: identity, users, listening address, cipher suites, session limits.
 * Built up front and immutable; {@link SimulatedIpmi} runs it.
 *
 * <p>Defaults: UDP on 127.0.0.1 with a port chosen at start; user {@code admin} / {@code password}
 * (ADMINISTRATOR); cipher suites 17 and 3 offered (suite 0 and "none" authentication refused, as on
 * a hardened BMC); four session slots (real BMCs have few); idle sessions dropped after 60 s (the
 * specification's default); real time.
 *
 * <p>{@link #toString()} never shows a password.
 */
public final class IpmiSpec {

    /** The cipher suites the simulator can speak: 3 (SHA-1) and 17 (SHA-256), both with AES-CBC-128. */
    public static final Set<Integer> SUPPORTED_CIPHER_SUITES = Set.of(3, 17);

    private final String vendor;
    private final String product;
    private final int manufacturerId;
    private final int productId;
    private final Map<String, IpmiUser> users;
    private final List<Integer> cipherSuites;
    private final InetAddress address;
    private final int port;
    private final int maxSessions;
    private final Duration sessionTimeout;
    private final Clock clock;

    private IpmiSpec(Builder b) {
        this.vendor = b.vendor;
        this.product = b.product;
        this.manufacturerId = b.manufacturerId;
        this.productId = b.productId;
        this.users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.users));
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.address = b.address;
        this.port = b.port;
        this.maxSessions = b.maxSessions;
        this.sessionTimeout = b.sessionTimeout;
        this.clock = b.clock;
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static IpmiSpec defaults() {
        return builder().build();
    }

    /** @return a builder holding this spec's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.vendor = vendor;
        b.product = product;
        b.manufacturerId = manufacturerId;
        b.productId = productId;
        b.users.clear();
        b.users.putAll(users);
        b.cipherSuites.clear();
        b.cipherSuites.addAll(cipherSuites);
        b.address = address;
        b.port = port;
        b.maxSessions = maxSessions;
        b.sessionTimeout = sessionTimeout;
        b.clock = clock;
        return b;
    }

    /** @return the manufacturer named in the FRU data */
    public String vendor() {
        return vendor;
    }

    /** @return the product named in the FRU data */
    public String product() {
        return product;
    }

    /** @return the IANA enterprise number Get Device ID reports */
    public int manufacturerId() {
        return manufacturerId;
    }

    /** @return the product id Get Device ID reports */
    public int productId() {
        return productId;
    }

    /** @return the users, by name */
    public Map<String, IpmiUser> users() {
        return users;
    }

    /**
     * A user by name.
     *
     * @param name the name
     * @return the user, if there is one
     */
    public Optional<IpmiUser> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** @return the cipher suites offered, in the order Get Channel Cipher Suites lists them */
    public List<Integer> cipherSuites() {
        return cipherSuites;
    }

    /** @return the loopback address it listens on */
    public InetAddress address() {
        return address;
    }

    /** @return the port, 0 meaning chosen at start */
    public int port() {
        return port;
    }

    /** @return how many sessions (being set up or active) it holds at once */
    public int maxSessions() {
        return maxSessions;
    }

    /** @return how long an idle session lives */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** @return the clock for session timeouts and SEL time stamps */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "IpmiSpec[" + vendor + " " + product + ", users=" + users.values() + ", suites=" + cipherSuites + ", "
                + address.getHostAddress() + ":" + port + ", maxSessions=" + maxSessions + ", sessionTimeout="
                + sessionTimeout + "]";
    }

    /** Builds an {@link IpmiSpec}. */
    public static final class Builder {
        private String vendor = "bm-sdk";
        private String product = "Simulated IPMI BMC";
        // IANA's enterprise number for documentation (RFC 5612): no real vendor's quirks apply.
        private int manufacturerId = 32473;
        private int productId = 0x0001;
        private final Map<String, IpmiUser> users = new LinkedHashMap<>(
                Map.of("admin", IpmiUser.of("admin", "password", IpmiPrivilege.ADMINISTRATOR)));
        private final List<Integer> cipherSuites = new ArrayList<>(List.of(17, 3));
        private InetAddress address = Loopback.parse("127.0.0.1");
        private int port;
        private int maxSessions = 4;
        private Duration sessionTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the manufacturer and product in the FRU data.
         *
         * @param vendorName the manufacturer
         * @param productName the product
         * @return this builder
         */
        public Builder identity(String vendorName, String productName) {
            this.vendor = nonBlank("vendor", vendorName);
            this.product = nonBlank("product", productName);
            return this;
        }

        /**
         * Sets the ids Get Device ID reports.
         *
         * @param manufacturer an IANA enterprise number, 0..0xFFFFF
         * @param productIdValue 0..0xFFFF
         * @return this builder
         */
        public Builder deviceIds(int manufacturer, int productIdValue) {
            if (manufacturer < 0 || manufacturer > 0xFFFFF) {
                throw new ConfigurationException("manufacturer id must be in 0..0xFFFFF, but was " + manufacturer);
            }
            if (productIdValue < 0 || productIdValue > 0xFFFF) {
                throw new ConfigurationException("product id must be in 0..0xFFFF, but was " + productIdValue);
            }
            this.manufacturerId = manufacturer;
            this.productId = productIdValue;
            return this;
        }

        /**
         * Replaces the users (default: admin / password, ADMINISTRATOR).
         *
         * @param list at least one user, names unique
         * @return this builder
         */
        public Builder users(IpmiUser... list) {
            if (list.length == 0) {
                throw new ConfigurationException("a BMC needs at least one user");
            }
            users.clear();
            for (IpmiUser u : list) {
                Objects.requireNonNull(u, "user");
                if (users.putIfAbsent(u.name(), u) != null) {
                    throw new ConfigurationException("user '" + u.name() + "' is given twice");
                }
            }
            return this;
        }

        /**
         * Adds a user, replacing one of the same name.
         *
         * @param user the user
         * @return this builder
         */
        public Builder user(IpmiUser user) {
            users.put(Objects.requireNonNull(user, "user").name(), user);
            return this;
        }

        /**
         * Sets the cipher suites offered (default 17, 3).
         *
         * @param ids some of 3 and 17
         * @return this builder
         */
        public Builder cipherSuites(int... ids) {
            if (ids.length == 0) {
                throw new ConfigurationException("a BMC offers at least one cipher suite");
            }
            cipherSuites.clear();
            for (int id : ids) {
                if (!SUPPORTED_CIPHER_SUITES.contains(id)) {
                    throw new ConfigurationException("the simulator speaks cipher suites 3 and 17, not " + id);
                }
                if (!cipherSuites.contains(id)) {
                    cipherSuites.add(id);
                }
            }
            return this;
        }

        /**
         * Sets the listening address: a loopback address 127.x.y.z (default 127.0.0.1).
         *
         * @param loopbackAddress such as {@code 127.0.3.7}
         * @return this builder
         */
        public Builder address(String loopbackAddress) {
            this.address = Loopback.parse(loopbackAddress);
            return this;
        }

        /**
         * Sets the UDP port (default 0: chosen at start, which is what tests want).
         *
         * @param value 0..65535
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new ConfigurationException("port must be in 0..65535, but was " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * Sets how many sessions the BMC holds at once, counting those being set up (default 4); the
         * next Open Session Request gets "insufficient resources".
         *
         * @param max 1..64
         * @return this builder
         */
        public Builder maxSessions(int max) {
            if (max < 1 || max > 64) {
                throw new ConfigurationException("maxSessions must be in 1..64, but was " + max);
            }
            this.maxSessions = max;
            return this;
        }

        /**
         * Sets how long an idle session lives (default 60 s).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder sessionTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "sessionTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new ConfigurationException("sessionTimeout must be positive, but was " + timeout);
            }
            this.sessionTimeout = timeout;
            return this;
        }

        /**
         * Sets the clock for session timeouts and SEL time stamps (default: real time).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return the spec */
        public IpmiSpec build() {
            return new IpmiSpec(this);
        }

        private static String nonBlank(String what, String value) {
            if (value == null || value.isBlank()) {
                throw new ConfigurationException(what + " must not be blank");
            }
            return value;
        }
    }
}
