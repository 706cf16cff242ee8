package org.bmsdk.hardware.ipmi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.credentials.Secret;

/**
 * How the IPMI driver talks to BMCs: the privilege it asks for, the cipher suites it accepts, how
 * long it waits and retransmits, how it keeps idle sessions alive, how it paces commands, and which
 * {@linkplain IpmiWorkaround vendor workarounds} it applies.
 *
 * <p>Safe by default: only cipher suites 17 (HMAC-SHA256, HMAC-SHA256-128, AES-CBC-128) and 3
 * (HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128) are accepted, 17 preferred when the BMC offers it. Cipher
 * suite 0 and every suite without authentication, integrity or encryption are refused: they let
 * anyone who can reach the BMC in.
 *
 * <pre>{@code
 * IpmiOptions options = IpmiOptions.builder()
 *         .privilege(IpmiPrivilege.OPERATOR)
 *         .responseTimeout(Duration.ofSeconds(2))
 *         .minCommandInterval(Duration.ofMillis(200))   // for BMCs that fall over when rushed
 *         .workarounds(IpmiWorkaround.OPEN_SESSION_PRIVILEGE)
 *         .build();
 * BmcDriverRegistry registry = BmcDriverRegistry.create().register(IpmiDriverProvider.create(options));
 * }</pre>
 */
public final class IpmiOptions {

    /** Cipher suites accepted by default, preferred first. */
    public static final List<Integer> DEFAULT_CIPHER_SUITES = List.of(17, 3);
    /** How long to wait for each answer before retransmitting. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(1);
    /** How often a request is sent again when unanswered. */
    public static final int DEFAULT_RETRANSMISSIONS = 4;
    /**
     * How long a session may be idle before a keep-alive (Get Device ID) is sent: the spec's session
     * timeout is about 60 s, but OpenIPMI's ipmi_sim (and BMCs built on it) drop a session idle for
     * 30 s, so 20 s keeps those sessions too.
     */
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(20);
    /** How often the chassis status is read while waiting for a power state. */
    public static final Duration DEFAULT_POWER_POLL_INTERVAL = Duration.ofSeconds(1);
    /** The cap of a console log file when {@link Builder#consoleLog(Path, long)} gives none. */
    public static final long DEFAULT_CONSOLE_LOG_MAX_BYTES = 1024 * 1024;

    private final IpmiPrivilege privilege;
    private final List<Integer> cipherSuites;
    private final Duration responseTimeout;
    private final int retransmissions;
    private final Duration keepAliveInterval;
    private final Duration minCommandInterval;
    private final Duration powerPollInterval;
    private final Set<IpmiWorkaround> workarounds;
    private final Path consoleLogDirectory;
    private final long consoleLogMaxBytes;
    private final boolean consoleTakeover;
    private final Secret bmcKey;

    private IpmiOptions(Builder b) {
        this.privilege = b.privilege;
        this.cipherSuites = b.cipherSuites;
        this.responseTimeout = b.responseTimeout;
        this.retransmissions = b.retransmissions;
        this.keepAliveInterval = b.keepAliveInterval;
        this.minCommandInterval = b.minCommandInterval;
        this.powerPollInterval = b.powerPollInterval;
        Set<IpmiWorkaround> w = EnumSet.noneOf(IpmiWorkaround.class);
        w.addAll(b.workarounds);
        this.workarounds = Collections.unmodifiableSet(w);
        this.consoleLogDirectory = b.consoleLogDirectory;
        this.consoleLogMaxBytes = b.consoleLogMaxBytes;
        this.consoleTakeover = b.consoleTakeover;
        this.bmcKey = b.bmcKey;
    }

    /**
     * The defaults.
     *
     * @return the options
     */
    public static IpmiOptions defaults() {
        return builder().build();
    }

    /**
     * Starts from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.privilege = privilege;
        b.cipherSuites = cipherSuites;
        b.responseTimeout = responseTimeout;
        b.retransmissions = retransmissions;
        b.keepAliveInterval = keepAliveInterval;
        b.minCommandInterval = minCommandInterval;
        b.powerPollInterval = powerPollInterval;
        b.workarounds = EnumSet.noneOf(IpmiWorkaround.class);
        b.workarounds.addAll(workarounds);
        b.consoleLogDirectory = consoleLogDirectory;
        b.consoleLogMaxBytes = consoleLogMaxBytes;
        b.consoleTakeover = consoleTakeover;
        b.bmcKey = bmcKey;
        return b;
    }

    /** @return the privilege level sessions ask for; default {@link IpmiPrivilege#ADMINISTRATOR} */
    public IpmiPrivilege privilege() {
        return privilege;
    }

    /** @return the accepted cipher suites, preferred first: a subset of 17 and 3 */
    public List<Integer> cipherSuites() {
        return cipherSuites;
    }

    /** @return how long to wait for each answer before retransmitting */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** @return how often an unanswered request is sent again */
    public int retransmissions() {
        return retransmissions;
    }

    /** @return the idle time after which a keep-alive is sent; zero when keep-alives are off */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** @return the least time between the end of one command to a BMC and the start of the next */
    public Duration minCommandInterval() {
        return minCommandInterval;
    }

    /** @return how often the chassis status is read while waiting for a power state */
    public Duration powerPollInterval() {
        return powerPollInterval;
    }

    /** @return the vendor workarounds applied */
    public Set<IpmiWorkaround> workarounds() {
        return workarounds;
    }

    /**
     * Where the console logs are kept: one file per BMC, {@code HOST_PORT.log}, holding what its
     * serial console showed while a console session was open.
     *
     * @return the directory, empty when no console log is kept (the default)
     */
    public Optional<Path> consoleLogDirectory() {
        return Optional.ofNullable(consoleLogDirectory);
    }

    /** @return the cap of each console log file; when full it is rotated to {@code FILE.1} */
    public long consoleLogMaxBytes() {
        return consoleLogMaxBytes;
    }

    /**
     * Whether opening the console deactivates a Serial-over-LAN payload that another session holds
     * (someone else's console). Off by default: only an activation this process left behind is
     * cleared.
     *
     * @return true when the console is taken over
     */
    public boolean consoleTakeover() {
        return consoleTakeover;
    }

    /**
     * The BMC key (Kg, IPMI v2.0 section 13.31): when set, it and not the user's password keys the
     * session integrity key, as BMCs with a channel security key require.
     *
     * @return the key, empty when none is set (the default)
     */
    public Optional<Secret> bmcKey() {
        return Optional.ofNullable(bmcKey);
    }

    /**
     * Whether a workaround is on.
     *
     * @param w the workaround
     * @return true when applied
     */
    public boolean has(IpmiWorkaround w) {
        return workarounds.contains(w);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpmiOptions x && x.privilege == privilege && x.cipherSuites.equals(cipherSuites)
                && x.responseTimeout.equals(responseTimeout) && x.retransmissions == retransmissions
                && x.keepAliveInterval.equals(keepAliveInterval) && x.minCommandInterval.equals(minCommandInterval)
                && x.powerPollInterval.equals(powerPollInterval) && x.workarounds.equals(workarounds)
                && Objects.equals(x.consoleLogDirectory, consoleLogDirectory) && x.consoleLogMaxBytes == consoleLogMaxBytes
                && x.consoleTakeover == consoleTakeover && Objects.equals(x.bmcKey, bmcKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(privilege, cipherSuites, responseTimeout, retransmissions, keepAliveInterval, minCommandInterval,
                powerPollInterval, workarounds, consoleLogDirectory, consoleLogMaxBytes, consoleTakeover, bmcKey);
    }

    @Override
    public String toString() {
        return "IpmiOptions[privilege=" + privilege + ", cipherSuites=" + cipherSuites + ", responseTimeout=" + responseTimeout
                + ", retransmissions=" + retransmissions + ", keepAlive=" + keepAliveInterval + ", minCommandInterval="
                + minCommandInterval + ", powerPoll=" + powerPollInterval + ", workarounds=" + workarounds
                + (consoleLogDirectory != null ? ", consoleLog=" + consoleLogDirectory + " (" + consoleLogMaxBytes + " bytes)" : "")
                + (consoleTakeover ? ", consoleTakeover" : "") + (bmcKey != null ? ", bmcKey=" + bmcKey : "") + "]";
    }

    /** Builds {@link IpmiOptions}. */
    public static final class Builder {
        private IpmiPrivilege privilege = IpmiPrivilege.ADMINISTRATOR;
        private List<Integer> cipherSuites = DEFAULT_CIPHER_SUITES;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int retransmissions = DEFAULT_RETRANSMISSIONS;
        private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
        private Duration minCommandInterval = Duration.ZERO;
        private Duration powerPollInterval = DEFAULT_POWER_POLL_INTERVAL;
        private Set<IpmiWorkaround> workarounds = EnumSet.noneOf(IpmiWorkaround.class);
        private Path consoleLogDirectory;
        private long consoleLogMaxBytes = DEFAULT_CONSOLE_LOG_MAX_BYTES;
        private boolean consoleTakeover;
        private Secret bmcKey;

        private Builder() {
        }

        /**
         * The BMC key (Kg) for BMCs that have one set: it replaces the user's password as the key
         * of the session integrity key (SIK); the password still proves the user in RAKP. Without
         * it such a BMC's RAKP 4 does not check out and opening the session fails.
         *
         * @param kg 1 to 20 bytes, or null for none
         * @return this builder
         * @throws ConfigurationException when empty or longer than 20 bytes
         */
        public Builder bmcKey(Secret kg) {
            if (kg != null) {
                byte[] k = kg.revealBytes();
                try {
                    if (k.length == 0 || k.length > 20) {
                        throw new ConfigurationException("an IPMI BMC key (Kg) has 1 to 20 bytes, but this one has " + k.length);
                    }
                } finally {
                    java.util.Arrays.fill(k, (byte) 0);
                }
            }
            this.bmcKey = kg;
            return this;
        }

        /**
         * Keeps a console log per BMC in a directory: {@code HOST_PORT.log} gets everything the
         * serial console shows while a console session is open, appended. A file is capped at
         * {@code maxBytes}: the write that would pass the cap first renames it to
         * {@code HOST_PORT.log.1} (replacing the previous one), so at most twice the cap is kept
         * on disk and at least the last {@code maxBytes}.
         *
         * @param directory where the logs go; created when missing
         * @param maxBytes the cap of one file, at least 1
         * @return this builder
         */
        public Builder consoleLog(Path directory, long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive, but was " + maxBytes);
            }
            this.consoleLogDirectory = Objects.requireNonNull(directory, "directory");
            this.consoleLogMaxBytes = maxBytes;
            return this;
        }

        /**
         * Whether opening the console takes Serial-over-LAN over from another session that holds
         * it (deactivating that session's console); default false. An activation that this process
         * left behind (its session dropped) is always cleared.
         *
         * @param takeover true to take over
         * @return this builder
         */
        public Builder consoleTakeover(boolean takeover) {
            this.consoleTakeover = takeover;
            return this;
        }

        /**
         * The privilege level to ask for; default Administrator.
         *
         * @param privilege Operator or Administrator
         * @return this builder
         */
        public Builder privilege(IpmiPrivilege privilege) {
            this.privilege = Objects.requireNonNull(privilege, "privilege");
            return this;
        }

        /**
         * The cipher suites to accept. Whatever the order given, 17 is preferred over 3 when the
         * BMC offers both.
         *
         * @param ids a non-empty subset of 17 and 3
         * @return this builder
         * @throws ConfigurationException for cipher suite 0, any other suite, or none
         */
        public Builder cipherSuites(int... ids) {
            Set<Integer> chosen = new LinkedHashSet<>();
            for (int id : ids) {
                chosen.add(checkSuite(id));
            }
            if (chosen.isEmpty()) {
                throw new ConfigurationException("at least one IPMI cipher suite is needed: 17 or 3");
            }
            this.cipherSuites = DEFAULT_CIPHER_SUITES.stream().filter(chosen::contains).toList();
            return this;
        }

        private static int checkSuite(int id) {
            if (id == 0) {
                throw new ConfigurationException("IPMI cipher suite 0 is refused: it authenticates no one and protects nothing, "
                        + "a well-known way into BMCs; use cipher suite 17 or 3");
            }
            if (id == 1 || id == 2 || id == 6 || id == 7 || id == 11 || id == 15 || id == 16) {
                throw new ConfigurationException("IPMI cipher suite " + id + " is refused: it sends commands "
                        + (id == 1 || id == 6 || id == 15 ? "without integrity protection or encryption" : "unencrypted")
                        + "; use cipher suite 17 or 3");
            }
            if (id != 3 && id != 17) {
                throw new ConfigurationException("IPMI cipher suite " + id + " is not supported; supported: 17, 3");
            }
            return id;
        }

        /**
         * How long to wait for each answer before retransmitting; default 1 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "responseTimeout");
            return this;
        }

        /**
         * How often an unanswered request is sent again; default 4, so a dead BMC is given up
         * after 5 × {@link #responseTimeout(Duration)}.
         *
         * @param count 0 to 20
         * @return this builder
         */
        public Builder retransmissions(int count) {
            if (count < 0 || count > 20) {
                throw new IllegalArgumentException("retransmissions must be in 0..20, but was " + count);
            }
            this.retransmissions = count;
            return this;
        }

        /**
         * The idle time after which a keep-alive (Get Device ID) is sent; default 30 s.
         *
         * @param interval positive, or zero for no keep-alives
         * @return this builder
         */
        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = notNegative(interval, "keepAliveInterval");
            return this;
        }

        /**
         * The least time between two commands to one BMC; default zero. Commands to one BMC are
         * always sent one at a time; some BMCs also crash when commands follow each other too
         * closely, which is why Ironic paces IPMI.
         *
         * @param interval zero or positive
         * @return this builder
         */
        public Builder minCommandInterval(Duration interval) {
            this.minCommandInterval = notNegative(interval, "minCommandInterval");
            return this;
        }

        /**
         * How often the chassis status is read while waiting for a power state; default 1 s.
         *
         * @param interval positive
         * @return this builder
         */
        public Builder powerPollInterval(Duration interval) {
            this.powerPollInterval = positive(interval, "powerPollInterval");
            return this;
        }

        /**
         * The vendor workarounds to apply, replacing any set before.
         *
         * @param flags the workarounds
         * @return this builder
         */
        public Builder workarounds(IpmiWorkaround... flags) {
            return workarounds(List.of(flags));
        }

        /**
         * The vendor workarounds to apply, replacing any set before.
         *
         * @param flags the workarounds
         * @return this builder
         */
        public Builder workarounds(Collection<IpmiWorkaround> flags) {
            Set<IpmiWorkaround> s = EnumSet.noneOf(IpmiWorkaround.class);
            s.addAll(flags);
            this.workarounds = s;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d);
            }
            return d;
        }

        private static Duration notNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, but was " + d);
            }
            return d;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public IpmiOptions build() {
            return new IpmiOptions(this);
        }
    }
}
