package org.bmsdk.testkit.redfish;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.testkit.redfish.internal.Loopback;

/**
 * What a simulated Redfish BMC is: its identity, credentials, listening address, limits and the
 * vendor quirks it mimics. Built up front and immutable; {@link SimulatedRedfish} runs it.
 *
 * <p>Defaults: HTTPS on 127.0.0.1 with a port chosen at start, user {@code admin} with password
 * {@code password}, four sessions at most (the fifth login gets 503), a session timeout of 30
 * minutes, virtual media under the manager, {@code If-Match} honoured but not required, a secure
 * erase that takes 2 s, finished tasks kept, and real time.
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class RedfishSpec {

    private final String vendor;
    private final String product;
    private final String firmwareVersion;
    private final Credentials credentials;
    private final boolean tls;
    private final InetAddress address;
    private final int port;
    private final int maxSessions;
    private final int sessionLimitStatus;
    private final Duration sessionTimeout;
    private final VirtualMediaPlacement virtualMediaPlacement;
    private final IfMatchPolicy ifMatchPolicy;
    private final Duration eraseTime;
    private final Duration finishedTaskLifetime;
    private final Clock clock;

    private RedfishSpec(Builder b) {
        this.vendor = b.vendor;
        this.product = b.product;
        this.firmwareVersion = b.firmwareVersion;
        this.credentials = b.credentials;
        this.tls = b.tls;
        this.address = b.address;
        this.port = b.port;
        this.maxSessions = b.maxSessions;
        this.sessionLimitStatus = b.sessionLimitStatus;
        this.sessionTimeout = b.sessionTimeout;
        this.virtualMediaPlacement = b.virtualMediaPlacement;
        this.ifMatchPolicy = b.ifMatchPolicy;
        this.eraseTime = b.eraseTime;
        this.finishedTaskLifetime = b.finishedTaskLifetime;
        this.clock = b.clock;
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the spec with every default */
    public static RedfishSpec defaults() {
        return builder().build();
    }

    /** @return a builder holding this spec's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.vendor = vendor;
        b.product = product;
        b.firmwareVersion = firmwareVersion;
        b.credentials = credentials;
        b.tls = tls;
        b.address = address;
        b.port = port;
        b.maxSessions = maxSessions;
        b.sessionLimitStatus = sessionLimitStatus;
        b.sessionTimeout = sessionTimeout;
        b.virtualMediaPlacement = virtualMediaPlacement;
        b.ifMatchPolicy = ifMatchPolicy;
        b.eraseTime = eraseTime;
        b.finishedTaskLifetime = finishedTaskLifetime;
        b.clock = clock;
        return b;
    }

    /** @return the service root's {@code Vendor} and the systems' {@code Manufacturer} */
    public String vendor() {
        return vendor;
    }

    /** @return the service root's {@code Product} and the systems' {@code Model} */
    public String product() {
        return product;
    }

    /** @return the manager's {@code FirmwareVersion} */
    public String firmwareVersion() {
        return firmwareVersion;
    }

    /** @return the user name that logs in */
    public String username() {
        return credentials.username();
    }

    /**
     * The account's credentials, to hand to the client under test; they print redacted.
     *
     * @return the credentials
     */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * Checks credentials in constant time, without exposing the password.
     *
     * @param user the user name given
     * @param pass the password given
     * @return whether they are this BMC's
     */
    public boolean acceptsCredentials(String user, String pass) {
        if (user == null || pass == null) {
            return false;
        }
        // Secret.equals takes the same time wherever the values differ.
        boolean passOk = credentials.password().equals(Secret.of(pass));
        return passOk & credentials.username().equals(user);
    }

    /** @return whether the BMC speaks HTTPS (the default) rather than plain HTTP */
    public boolean tls() {
        return tls;
    }

    /** @return the loopback address it listens on */
    public InetAddress address() {
        return address;
    }

    /** @return the port it listens on, 0 for one chosen at start */
    public int port() {
        return port;
    }

    /** @return how many sessions may be open at once */
    public int maxSessions() {
        return maxSessions;
    }

    /** @return the status of a login past the limit: 503 or 400 */
    public int sessionLimitStatus() {
        return sessionLimitStatus;
    }

    /** @return how long an unused session lives */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** @return where the virtual media collection is */
    public VirtualMediaPlacement virtualMediaPlacement() {
        return virtualMediaPlacement;
    }

    /** @return how {@code If-Match} is treated */
    public IfMatchPolicy ifMatchPolicy() {
        return ifMatchPolicy;
    }

    /** @return how long a drive's secure erase task runs */
    public Duration eraseTime() {
        return eraseTime;
    }

    /** @return how long a finished task stays before it is deleted, or empty to keep it */
    public Optional<Duration> finishedTaskLifetime() {
        return Optional.ofNullable(finishedTaskLifetime);
    }

    /** @return the clock for sessions, tasks and time stamps; use the machines' clock */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "RedfishSpec[" + vendor + " " + product + ", " + (tls ? "https" : "http") + "://"
                + address.getHostAddress() + ":" + (port == 0 ? "*" : port) + ", user=" + credentials.username()
                + ", maxSessions=" + maxSessions + ", virtualMedia=" + virtualMediaPlacement + ", ifMatch="
                + ifMatchPolicy + "]";
    }

    /** Builds a {@link RedfishSpec}. */
    public static final class Builder {
        private String vendor = "bm-sdk";
        private String product = "Simulated Redfish BMC";
        private String firmwareVersion = "1.0.0";
        private Credentials credentials = Credentials.of("admin", "password");
        private boolean tls = true;
        private InetAddress address = Loopback.parse("127.0.0.1");
        private int port;
        private int maxSessions = 4;
        private int sessionLimitStatus = 503;
        private Duration sessionTimeout = Duration.ofMinutes(30);
        private VirtualMediaPlacement virtualMediaPlacement = VirtualMediaPlacement.MANAGER;
        private IfMatchPolicy ifMatchPolicy = IfMatchPolicy.HONOURED;
        private Duration eraseTime = Duration.ofSeconds(2);
        private Duration finishedTaskLifetime;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the vendor and product the BMC claims, so that tests of vendor quirks can pose as
         * {@code Dell Inc.} / {@code Integrated Dell Remote Access Controller}, {@code HPE} / {@code iLO 6}.
         *
         * @param vendorName the service root's {@code Vendor}
         * @param productName the service root's {@code Product}
         * @return this builder
         */
        public Builder identity(String vendorName, String productName) {
            this.vendor = nonBlank("vendor", vendorName);
            this.product = nonBlank("product", productName);
            return this;
        }

        /**
         * Sets the manager's firmware version (default 1.0.0).
         *
         * @param version the version
         * @return this builder
         */
        public Builder firmwareVersion(String version) {
            this.firmwareVersion = nonBlank("firmwareVersion", version);
            return this;
        }

        /**
         * Sets the one account (default admin / password).
         *
         * @param user the user name
         * @param pass the password
         * @return this builder
         */
        public Builder credentials(String user, String pass) {
            nonBlank("username", user);
            return credentials(Credentials.of(user, Objects.requireNonNull(pass, "password")));
        }

        /**
         * Sets the one account (default admin / password).
         *
         * @param value the user name and password
         * @return this builder
         */
        public Builder credentials(Credentials value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /**
         * Chooses HTTPS (the default) or plain HTTP.
         *
         * @param enabled false for plain HTTP
         * @return this builder
         */
        public Builder tls(boolean enabled) {
            this.tls = enabled;
            return this;
        }

        /**
         * Sets the listening address: a loopback address 127.x.y.z (default 127.0.0.1). Linux answers
         * on all of 127.0.0.0/8, so each BMC of a large lab can have an address of its own.
         *
         * @param loopbackAddress such as {@code 127.0.3.7}
         * @return this builder
         * @throws ConfigurationException when it is not an IPv4 loopback address
         */
        public Builder address(String loopbackAddress) {
            this.address = Loopback.parse(loopbackAddress);
            return this;
        }

        /**
         * Sets the listening port (default 0: chosen at start, which is what tests want).
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
         * Sets how many sessions may be open at once (default 4, as on many BMCs).
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxSessions(int max) {
            if (max < 1) {
                throw new ConfigurationException("maxSessions must be at least 1, but was " + max);
            }
            this.maxSessions = max;
            return this;
        }

        /**
         * Sets the status of a login past the session limit (default 503; some firmware answers 400).
         *
         * @param status 503 or 400
         * @return this builder
         */
        public Builder sessionLimitStatus(int status) {
            if (status != 503 && status != 400) {
                throw new ConfigurationException("sessionLimitStatus must be 503 or 400, but was " + status);
            }
            this.sessionLimitStatus = status;
            return this;
        }

        /**
         * Sets how long an unused session lives (default 30 minutes).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = positive("sessionTimeout", timeout);
            return this;
        }

        /**
         * Sets where the virtual media collection is (default under the manager).
         *
         * @param placement under the manager or the system
         * @return this builder
         */
        public Builder virtualMediaPlacement(VirtualMediaPlacement placement) {
            this.virtualMediaPlacement = Objects.requireNonNull(placement, "placement");
            return this;
        }

        /**
         * Sets how {@code If-Match} is treated on PATCH (default {@link IfMatchPolicy#HONOURED}).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder ifMatch(IfMatchPolicy policy) {
            this.ifMatchPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets how long a secure erase task runs (default 2 s).
         *
         * @param time not negative
         * @return this builder
         */
        public Builder eraseTime(Duration time) {
            Objects.requireNonNull(time, "eraseTime");
            if (time.isNegative()) {
                throw new ConfigurationException("eraseTime must not be negative, but was " + time);
            }
            this.eraseTime = time;
            return this;
        }

        /**
         * Deletes finished tasks this long after they finish, as iDRAC does within seconds, so that a
         * client polling too slowly sees its task vanish (default: kept).
         *
         * @param lifetime positive
         * @return this builder
         */
        public Builder deleteFinishedTasksAfter(Duration lifetime) {
            this.finishedTaskLifetime = positive("finishedTaskLifetime", lifetime);
            return this;
        }

        /**
         * Sets the clock for sessions, tasks and time stamps (default: real time). Give it the same
         * clock as the machines, such as a {@link org.bmsdk.testkit.time.ManualClock}.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return the spec */
        public RedfishSpec build() {
            return new RedfishSpec(this);
        }

        private static String nonBlank(String what, String value) {
            if (value == null || value.isBlank()) {
                throw new ConfigurationException(what + " must not be blank");
            }
            return value;
        }

        private static Duration positive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new ConfigurationException(what + " must be positive, but was " + d);
            }
            return d;
        }
    }
}
