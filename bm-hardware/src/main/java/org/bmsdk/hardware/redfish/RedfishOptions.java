package org.bmsdk.hardware.redfish;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Tunables of the Redfish driver. The defaults suit real BMCs, which tolerate only a couple of
 * requests and sessions at a time; tests shorten the intervals.
 *
 * <p>Timeouts of a single connection and request come from the
 * {@link org.bmsdk.api.bmc.BmcEndpoint} ({@code connectTimeout}, {@code requestTimeout}); these
 * options cover what spans several requests: retries, polling and long actions.
 *
 * <pre>{@code
 * RedfishOptions options = RedfishOptions.builder()
 *         .maxConcurrentRequests(2)
 *         .pollInterval(Duration.ofSeconds(2))
 *         .build();
 * BmcDriverRegistry.create().register(RedfishDriverProvider.create(options));
 * }</pre>
 */
public final class RedfishOptions {

    private static final RedfishOptions DEFAULTS = builder().build();

    private final int maxConcurrentRequests;
    private final int maxSessions;
    private final int maxAttempts;
    private final Duration retryBaseDelay;
    private final Duration retryMaxDelay;
    private final Duration maxRetryAfter;
    private final long maxResponseBytes;
    private final int maxRedirects;
    private final Duration pollInterval;
    private final Duration actionTimeout;
    private final String systemId;
    private final boolean sessions;

    private RedfishOptions(Builder b) {
        this.maxConcurrentRequests = b.maxConcurrentRequests;
        this.maxSessions = b.maxSessions;
        this.maxAttempts = b.maxAttempts;
        this.retryBaseDelay = b.retryBaseDelay;
        this.retryMaxDelay = b.retryMaxDelay;
        this.maxRetryAfter = b.maxRetryAfter;
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxRedirects = b.maxRedirects;
        this.pollInterval = b.pollInterval;
        this.actionTimeout = b.actionTimeout;
        this.systemId = b.systemId;
        this.sessions = b.sessions;
    }

    /**
     * The defaults.
     *
     * @return the default options
     */
    public static RedfishOptions defaults() {
        return DEFAULTS;
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
        b.maxConcurrentRequests = maxConcurrentRequests;
        b.maxSessions = maxSessions;
        b.maxAttempts = maxAttempts;
        b.retryBaseDelay = retryBaseDelay;
        b.retryMaxDelay = retryMaxDelay;
        b.maxRetryAfter = maxRetryAfter;
        b.maxResponseBytes = maxResponseBytes;
        b.maxRedirects = maxRedirects;
        b.pollInterval = pollInterval;
        b.actionTimeout = actionTimeout;
        b.systemId = systemId;
        b.sessions = sessions;
        return b;
    }

    /** @return requests in flight at once to one BMC (host:port), over every client of the process */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** @return Redfish sessions open at once on one BMC, over every client of the process */
    public int maxSessions() {
        return maxSessions;
    }

    /** @return attempts of one request, the first included, before a retryable error is given up */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the first retry delay; each further one doubles, with random jitter */
    public Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    /** @return the longest delay between two attempts that the backoff computes */
    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    /** @return the longest {@code Retry-After} honoured; a BMC asking for more is given up on */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** @return the largest response body read; a larger one is an error */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** @return redirects followed for one request (same origin only) */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** @return how often power states and tasks are polled */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return how long a write answered with a task (202) may run when the caller gave no timeout */
    public Duration actionTimeout() {
        return actionTimeout;
    }

    /**
     * The id of the system to manage on every BMC, when the endpoint does not name one in its path.
     *
     * @return the id, such as {@code System.Embedded.1}; empty for the first system
     */
    public Optional<String> systemId() {
        return Optional.ofNullable(systemId);
    }

    /** @return whether Redfish sessions are used (true) or every request carries Basic credentials */
    public boolean sessions() {
        return sessions;
    }

    @Override
    public String toString() {
        return "RedfishOptions[maxConcurrentRequests=" + maxConcurrentRequests + ", maxSessions=" + maxSessions
                + ", maxAttempts=" + maxAttempts + ", retryBaseDelay=" + retryBaseDelay + ", retryMaxDelay=" + retryMaxDelay
                + ", maxRetryAfter=" + maxRetryAfter + ", maxResponseBytes=" + maxResponseBytes + ", maxRedirects=" + maxRedirects
                + ", pollInterval=" + pollInterval + ", actionTimeout=" + actionTimeout
                + (systemId == null ? "" : ", systemId=" + systemId) + ", sessions=" + sessions + "]";
    }

    /** Builds {@link RedfishOptions}. */
    public static final class Builder {
        private int maxConcurrentRequests = 2;
        private int maxSessions = 1;
        private int maxAttempts = 5;
        private Duration retryBaseDelay = Duration.ofMillis(500);
        private Duration retryMaxDelay = Duration.ofSeconds(15);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private long maxResponseBytes = 16L * 1024 * 1024;
        private int maxRedirects = 3;
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration actionTimeout = Duration.ofMinutes(10);
        private String systemId;
        private boolean sessions = true;

        private Builder() {
        }

        /**
         * Requests in flight at once to one BMC, shared by every client of the process; default 2.
         * The first client of a BMC fixes the limit for as long as the process runs.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxConcurrentRequests(int n) {
            this.maxConcurrentRequests = atLeast(1, n, "maxConcurrentRequests");
            return this;
        }

        /**
         * Sessions open at once on one BMC; default 1. Clients with the same credentials share one
         * session; a client that finds no session free uses Basic authentication instead.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxSessions(int n) {
            this.maxSessions = atLeast(1, n, "maxSessions");
            return this;
        }

        /**
         * Attempts of one request, the first included; default 5.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxAttempts(int n) {
            this.maxAttempts = atLeast(1, n, "maxAttempts");
            return this;
        }

        /**
         * The first retry delay, doubled at each further attempt up to {@code max}, with full jitter.
         *
         * @param base default 500 ms
         * @param max default 15 s
         * @return this builder
         */
        public Builder retryDelay(Duration base, Duration max) {
            this.retryBaseDelay = positive(base, "retryBaseDelay");
            this.retryMaxDelay = positive(max, "retryMaxDelay");
            if (max.compareTo(base) < 0) {
                throw new IllegalArgumentException("retryMaxDelay must be at least retryBaseDelay (" + base + "), but was " + max);
            }
            return this;
        }

        /**
         * The longest {@code Retry-After} a BMC may ask for and still be waited for; default 60 s.
         *
         * @param max a positive duration
         * @return this builder
         */
        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = positive(max, "maxRetryAfter");
            return this;
        }

        /**
         * The largest response body read; default 16 MiB.
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024, but was " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Redirects followed for one request; default 3. Redirects to another origin are refused.
         *
         * @param n 0 or more
         * @return this builder
         */
        public Builder maxRedirects(int n) {
            this.maxRedirects = atLeast(0, n, "maxRedirects");
            return this;
        }

        /**
         * How often power states and tasks are polled; default 2 s.
         *
         * @param interval a positive duration
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /**
         * How long a write answered with a task may run when the caller gave no timeout; default 10 min.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder actionTimeout(Duration timeout) {
            this.actionTimeout = positive(timeout, "actionTimeout");
            return this;
        }

        /**
         * The system to manage on every BMC, by its Redfish {@code Id}; an endpoint whose path names
         * one ({@code redfish://host/redfish/v1/Systems/1}) wins. Default: the first system.
         *
         * @param id the id, or null for the first system
         * @return this builder
         */
        public Builder systemId(String id) {
            if (id != null && (id.isBlank() || id.contains("/"))) {
                throw new IllegalArgumentException("systemId must be a Redfish Id without '/', but was '" + id + "'");
            }
            this.systemId = id;
            return this;
        }

        /**
         * Whether to log in with a Redfish session (default) or send Basic credentials on every
         * request. Sessions are also given up, for Basic, when the BMC has no session service.
         *
         * @param useSessions false to always use Basic authentication
         * @return this builder
         */
        public Builder sessions(boolean useSessions) {
            this.sessions = useSessions;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public RedfishOptions build() {
            return new RedfishOptions(this);
        }

        private static int atLeast(int min, int n, String name) {
            if (n < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", but was " + n);
            }
            return n;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d);
            }
            return d;
        }
    }
}
