package org.bmsdk.ha;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthReport;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.ha.HealthProbe;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.workflow.BmcConnector;

/**
 * Watches the management path: {@link ProbeResult.Status#UP} when the node's BMC answers a power
 * state read (with its power state and, where offered, health in the detail), DOWN when it cannot
 * be reached. The power state is what the BMC says, not a heartbeat of the host: a host that is off
 * but whose BMC answers is a live BMC over a dead host, which is exactly the case to fail over.
 *
 * <p>One client per node is kept between probes (a Redfish session costs a login); it is closed
 * and forgotten when a call through it fails. Thread-safe.
 */
public final class BmcProbe implements HealthProbe, AutoCloseable {

    private final BmcConnector connector;
    private final Clock clock;
    private final Map<NodeId, BmcClient> clients = new ConcurrentHashMap<>();

    private BmcProbe(BmcConnector connector, Clock clock) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a probe.
     *
     * @param connector opens a client to a node's BMC
     * @param clock stamps the results
     * @return the probe
     */
    public static BmcProbe create(BmcConnector connector, Clock clock) {
        return new BmcProbe(connector, clock);
    }

    @Override
    public ProbeResult probe(Node node) {
        BmcClient client = null;
        try {
            client = clients.computeIfAbsent(node.id(), id -> connector.connect(node));
            PowerState power = client.require(PowerControl.class).powerState();
            String health = client.capability(Health.class).map(Health::health).map(HealthReport::status).map(s -> ", health " + s)
                    .orElse("");
            return new ProbeResult(ProbeResult.Status.UP, "power " + power + health, clock.instant());
        } catch (BareMetalException | IllegalStateException e) {
            if (client != null) {
                clients.remove(node.id(), client);
                closeQuietly(client);
            }
            return new ProbeResult(ProbeResult.Status.DOWN, "BMC: " + e.getMessage(), clock.instant());
        }
    }

    /**
     * Drops the kept client of a node, as when it leaves the monitored set.
     *
     * @param node the node
     */
    public void forget(NodeId node) {
        BmcClient c = clients.remove(node);
        if (c != null) {
            closeQuietly(c);
        }
    }

    @Override
    public void close() {
        clients.keySet().forEach(this::forget);
    }

    private static void closeQuietly(BmcClient c) {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // Closing a session on a BMC that just failed fails too; nothing is left to release.
        }
    }
}
