package org.bmsdk.ha;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.Node;

/**
 * A heartbeat by TCP connect: the host is up when something accepts a connection on its address
 * within the timeout. Connecting is the cheapest check that needs the tenant's kernel to be alive
 * (an SSH port, an agent's port), and needs no credentials.
 */
public final class TcpHostProbe implements HostProbe {

    private final Function<Node, Optional<InetSocketAddress>> addresses;
    private final Duration timeout;
    private final Clock clock;

    private TcpHostProbe(Function<Node, Optional<InetSocketAddress>> addresses, Duration timeout, Clock clock) {
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a probe.
     *
     * @param addresses where each node's heartbeat answers; empty for a node that has none (reported UNKNOWN)
     * @param timeout how long a connect may take; keep it well under the probe interval
     * @param clock stamps the results
     * @return the probe
     */
    public static TcpHostProbe create(Function<Node, Optional<InetSocketAddress>> addresses, Duration timeout, Clock clock) {
        return new TcpHostProbe(addresses, timeout, clock);
    }

    @Override
    public ProbeResult probe(Node node) {
        Optional<InetSocketAddress> address = addresses.apply(node);
        if (address.isEmpty()) {
            return new ProbeResult(ProbeResult.Status.UNKNOWN, "no heartbeat address for " + node.id(), clock.instant());
        }
        try (Socket s = new Socket()) {
            s.connect(address.get(), (int) Math.max(1, timeout.toMillis()));
            return new ProbeResult(ProbeResult.Status.UP, "connected to " + address.get(), clock.instant());
        } catch (IOException e) {
            return new ProbeResult(ProbeResult.Status.DOWN, "connect to " + address.get() + ": " + e.getMessage(), clock.instant());
        }
    }
}
