package org.bmsdk.hardware.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.agent.RamdiskAgent;
import org.bmsdk.api.agent.RamdiskAgentConnector;
import org.bmsdk.api.model.Node;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshOptions;

/**
 * Connects to a node's ramdisk over SSH, waiting for it to come up: a refused or dropped connection
 * (the ramdisk still booting) is tried again until the timeout, while a refused login or an unknown
 * host key fails at once. Where each node's ramdisk listens, and with which credentials and
 * known_hosts, is the {@linkplain Builder#options options function}'s business.
 *
 * <pre>{@code
 * RamdiskAgentConnector connector = SshRamdiskAgentConnector.builder()
 *         .client(ssh)
 *         .options(node -> SshOptions.builder().host(addressOf(node)).username("root")
 *                 .privateKey(key).knownHosts(knownHosts).build())
 *         .build();
 * try (RamdiskAgent agent = connector.connect(node, Duration.ofMinutes(10))) { ... }
 * }</pre>
 */
public final class SshRamdiskAgentConnector implements RamdiskAgentConnector {

    /** How long to wait between attempts unless set. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(2);

    private final SshClient client;
    private final Function<Node, SshOptions> options;
    private final Duration retryInterval;

    private SshRamdiskAgentConnector(Builder b) {
        this.client = b.client;
        this.options = b.options;
        this.retryInterval = b.retryInterval;
    }

    /** @return a builder; the client and the options function are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to the node's ramdisk, trying again while it refuses connections.
     *
     * @param node the node, booted (or booting) into the ramdisk
     * @param timeout how long to keep trying
     * @return the agent; close it when done
     * @throws OperationTimeoutException when the ramdisk did not answer in time (the last
     *     connection error is its cause)
     * @throws org.bmsdk.api.AuthenticationException when the login or the host key is refused
     */
    @Override
    public RamdiskAgent connect(Node node, Duration timeout) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(timeout, "timeout");
        SshOptions base = Objects.requireNonNull(options.apply(node), "the options function returned null for " + node.name());
        long deadline = System.nanoTime() + timeout.toNanos();
        TransportException last;
        while (true) {
            long left = deadline - System.nanoTime();
            Duration attempt = Duration.ofNanos(Math.max(1_000_000, Math.min(left, base.connectTimeout().toNanos())));
            try {
                return SshRamdiskAgent.of(client.connect(base.toBuilder().connectTimeout(attempt).build()));
            } catch (TransportException e) {
                last = e;
            }
            left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new OperationTimeoutException("the ramdisk of node " + node.name() + " at " + base.endpoint()
                        + " did not answer within " + timeout + ": " + last.getMessage(),
                        ErrorContext.of(base.endpoint(), SshRamdiskAgent.DRIVER_ID, "connect"), last);
            }
            try {
                Thread.sleep(Math.min(retryInterval.toMillis(), Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationTimeoutException("interrupted while waiting for the ramdisk of node " + node.name(),
                        ErrorContext.of(base.endpoint(), SshRamdiskAgent.DRIVER_ID, "connect"), e);
            }
        }
    }

    /** Builds a {@link SshRamdiskAgentConnector}. */
    public static final class Builder {
        private SshClient client;
        private Function<Node, SshOptions> options;
        private Duration retryInterval = DEFAULT_RETRY_INTERVAL;

        private Builder() {
        }

        /**
         * The SSH client to connect with (required); the caller closes it.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(SshClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Where a node's ramdisk listens and how to log in (required). Keep host key checking on:
         * the known_hosts must hold the ramdisk's key.
         *
         * @param options the node's ramdisk SSH options
         * @return this builder
         */
        public Builder options(Function<Node, SshOptions> options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * How long to wait between attempts while the ramdisk refuses connections; 2 s unless set.
         *
         * @param interval a positive duration
         * @return this builder
         */
        public Builder retryInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("retryInterval must be positive, but was " + interval);
            }
            this.retryInterval = interval;
            return this;
        }

        /**
         * @return the connector
         * @throws IllegalStateException when the client or the options function is missing
         */
        public SshRamdiskAgentConnector build() {
            if (client == null || options == null) {
                throw new IllegalStateException("an SSH client and an options function must be set");
            }
            return new SshRamdiskAgentConnector(this);
        }
    }
}
