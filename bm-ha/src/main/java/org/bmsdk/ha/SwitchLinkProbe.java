package org.bmsdk.ha;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ha.HealthProbe;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.SwitchFabric;
import org.bmsdk.api.network.TenantNetworks;

/**
 * The {@link Signal#SWITCH_LINK} probe: whether a node's switch ports have link, as the switch
 * driver reads it ({@link SwitchFabric#linkStates}). A node that loses power takes its NICs' link
 * down with it; a hung host keeps it. UP when any of its ports has link, DOWN when none has, and
 * UNKNOWN when it cannot tell: no ports recorded, its ports shut on purpose (the idle role, where no
 * link is expected), a driver that does not read link state, or a switch that does not answer.
 *
 * <p>Each switch is read once for all its ports and the reading reused for {@code maxAge}, so a
 * round of many nodes on one switch costs one command, not one per node; while one probe reads a
 * switch, the others of that switch wait for its reading, up to {@code maxAge}, then answer UNKNOWN
 * (a hung switch holds one probe thread, not all of them). Thread-safe.
 */
public final class SwitchLinkProbe implements HealthProbe {

    private record Reading(Instant at, Map<String, Boolean> links) {
    }

    private final TenantNetworks networks;
    private final SwitchFabric fabric;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    private SwitchLinkProbe(TenantNetworks networks, SwitchFabric fabric, Clock clock, Duration maxAge) {
        this.networks = Objects.requireNonNull(networks, "networks");
        this.fabric = Objects.requireNonNull(fabric, "fabric");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative, but was " + maxAge);
        }
    }

    /**
     * Creates a probe.
     *
     * @param networks where each node's switch ports are recorded
     * @param fabric the switches, read through their drivers
     * @param clock stamps the results and ages the readings
     * @param maxAge how long one reading of a switch serves, and how long a probe waits for another's
     *     reading of it; keep it under the probe interval
     * @return the probe
     */
    public static SwitchLinkProbe create(TenantNetworks networks, SwitchFabric fabric, Clock clock, Duration maxAge) {
        return new SwitchLinkProbe(networks, fabric, clock, maxAge);
    }

    @Override
    public ProbeResult probe(Node node) {
        Optional<NodeNetworks> recorded = networks.node(node.id());
        if (recorded.isEmpty() || recorded.get().ports().isEmpty()) {
            return result(ProbeResult.Status.UNKNOWN, "no switch ports recorded for " + node.id());
        }
        if (recorded.get().role() == NetworkRole.IDLE) {
            return result(ProbeResult.Status.UNKNOWN, "ports of " + node.id() + " are shut (idle): no link expected");
        }
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (LocalLinkConnection port : recorded.get().ports()) {
            Map<String, Boolean> links;
            try {
                links = links(port.switchId());
            } catch (BareMetalException e) {
                return result(ProbeResult.Status.UNKNOWN, "switch " + port.switchId() + " not read: " + e.getMessage());
            }
            if (links == null) {
                return result(ProbeResult.Status.UNKNOWN, "switch " + port.switchId() + " is being read by another probe");
            }
            Boolean link = links.get(port.portId());
            if (link != null) {
                (link ? up : down).add(port.switchId() + " " + port.portId());
            }
        }
        if (!up.isEmpty()) {
            return result(ProbeResult.Status.UP, "link on " + String.join(", ", up));
        }
        if (!down.isEmpty()) {
            return result(ProbeResult.Status.DOWN, "no link on " + String.join(", ", down));
        }
        return result(ProbeResult.Status.UNKNOWN, "the switch driver reads no link state for the ports of " + node.id());
    }

    /**
     * One reading of a switch per maxAge, by whichever probe thread comes first; the others wait
     * for it, but no longer than maxAge: a switch that hangs would otherwise hold every probe thread
     * of its nodes (and the host and BMC probes queued behind them) for the fabric's call timeout.
     * They report UNKNOWN instead, which the detector counts as silence, as it should a switch that
     * does not answer.
     *
     * @return the links, or null when another thread is still reading the switch
     */
    private Map<String, Boolean> links(String switchId) {
        Reading r = readings.get(switchId);
        if (fresh(r, clock.instant())) {
            return r.links();
        }
        ReentrantLock lock = locks.computeIfAbsent(switchId, s -> new ReentrantLock());
        try {
            if (!lock.tryLock(maxAge.toNanos(), TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            r = readings.get(switchId);
            Instant now = clock.instant();
            if (!fresh(r, now)) {
                r = new Reading(now, Map.copyOf(fabric.linkStates(switchId)));
                readings.put(switchId, r);
            }
            return r.links();
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(Reading r, Instant now) {
        return r != null && Duration.between(r.at(), now).compareTo(maxAge) <= 0;
    }

    private ProbeResult result(ProbeResult.Status status, String detail) {
        return new ProbeResult(status, detail, clock.instant());
    }
}
