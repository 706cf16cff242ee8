package org.bmsdk.ha;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;
import org.bmsdk.api.workflow.BootSource;
import org.bmsdk.ha.internal.FailoverRecord;

/**
 * What each failover step does, every one idempotent: run twice (a controller died after acting
 * and before storing that it had), a step finds its work done and changes nothing. Each returns
 * the fields to store with the next step.
 */
final class FailoverActions {

    static final String SPARES = "ha-spares";

    private final FailoverOrchestrator.Builder config;
    private final Clock clock;

    FailoverActions(FailoverOrchestrator.Builder config) {
        this.config = config;
        this.clock = config.clock;
    }

    /** What the failed node had, read before anything is touched so a resumed failover still knows it. */
    FailoverRecord capture(FailoverRecord r, Node failed) {
        if (r.has("captured")) {
            return r;
        }
        List<String> ports = new ArrayList<>();
        List<String> bindings = new ArrayList<>();
        String tenant = null;
        if (config.networks != null) {
            Optional<NodeNetworks> nn = config.networks.node(failed.id());
            if (nn.isPresent()) {
                nn.get().ports().forEach(l -> ports.add(link(l)));
                tenant = nn.get().tenant();
                for (PortBinding b : nn.get().bindings()) {
                    bindings.add(link(b.link()) + "|" + String.join(",", b.networks()));
                }
            }
        }
        List<String> volumes = new ArrayList<>();
        Optional<VolumeConnector> c = config.connectors.connector(failed);
        if (config.storage != null && c.isPresent()) {
            for (Volume v : config.storage.list()) {
                if (v.attachedTo().contains(c.get())) {
                    volumes.add(v.id());
                }
            }
        }
        return r.withList("port", ports).withList("binding", bindings).withList("volume", volumes).with("tenant", tenant)
                .with("captured", clock.instant().toString());
    }

    Map<String, String> fence(FailoverRecord r, Node failed) {
        var result = config.fencer.fence(failed, Boolean.parseBoolean(r.get("bmcAnswers", "true")));
        return Map.of("fence", result.method() + ": " + result.detail());
    }

    Map<String, String> claimSpare(FailoverRecord r, Node failed, Protection protection) {
        VersionedStore<String, String> claims = config.store.records(SPARES);
        String me = failed.id().value();
        // A claim made before a crash, not yet written into the failover record.
        for (Versioned<String, String> c : claims.list()) {
            if (c.value().equals(me)) {
                return Map.of("spare", c.key());
            }
        }
        List<Node> pool = config.store.nodes().list().stream().map(Versioned::value)
                .filter(n -> n.provisionState() == ProvisionState.AVAILABLE && !n.maintenance() && !n.id().equals(failed.id()))
                .toList();
        for (Node candidate : protection.spareRequirements().rank(pool)) {
            try {
                claims.create(candidate.id().value(), me);
            } catch (ConflictException taken) {
                continue;
            }
            // Take it out of the pool for every other workflow too: DEPLOYING towards ACTIVE.
            Optional<Versioned<NodeId, Node>> now = config.store.nodes().get(candidate.id());
            if (now.isPresent() && now.get().value().provisionState() == ProvisionState.AVAILABLE && !now.get().value().maintenance()) {
                try {
                    Node reserved = now.get().value().toBuilder()
                            .lifecycle(new LifecycleState(ProvisionState.DEPLOYING, ProvisionState.ACTIVE, false)).build();
                    config.store.nodes().update(candidate.id(), reserved, now.get().version());
                    return Map.of("spare", candidate.id().value());
                } catch (ConflictException changed) {
                    // Someone deployed it meanwhile; give the claim back and try the next.
                }
            }
            claims.get(candidate.id().value()).filter(v -> v.value().equals(me)).ifPresent(v -> claims.delete(v.key(), v.version()));
        }
        throw new ConflictException("no spare for " + failed.id() + ": none of " + pool.size() + " available node(s) matches "
                + protection.spareRequirements());
    }

    Map<String, String> moveNetworks(FailoverRecord r, Node failed, Node spare) {
        String tenant = r.get("tenant");
        if (tenant == null || config.networks == null) {
            return Map.of("networks", "none to move");
        }
        List<String> failedPorts = r.list("port");
        NodeNetworks spareNets = config.networks.node(spare.id()).orElseThrow(() -> new ConfigurationException(
                "spare " + spare.id() + " has no switch ports recorded", ErrorContext.NONE));
        List<PortBinding> moved = new ArrayList<>();
        for (String b : r.list("binding")) {
            int cut = b.lastIndexOf('|');
            int index = failedPorts.indexOf(b.substring(0, cut));
            if (index < 0 || index >= spareNets.ports().size()) {
                throw new ConfigurationException("spare " + spare.id() + " has no port matching " + b.substring(0, cut) + " of "
                        + failed.id() + " (it has " + spareNets.ports().size() + ")", ErrorContext.NONE);
            }
            moved.add(new PortBinding(spareNets.ports().get(index), List.of(b.substring(cut + 1).split(","))));
        }
        // The failed node first: its ports leave the tenant's networks before the spare's join them.
        Optional<NodeNetworks> failedNets = config.networks.node(failed.id());
        if (failedNets.isPresent() && (failedNets.get().tenant() != null || failedNets.get().role() != NetworkRole.IDLE)) {
            config.networks.unbind(failed.id());
        }
        config.networks.bind(spare.id(), tenant, moved);
        NodeNetworks after = config.networks.flip(spare.id(), NetworkRole.TENANT);
        if (after.role() != NetworkRole.TENANT || after.quarantined()) {
            throw new NotAppliedException("spare " + spare.id() + " ports not on the tenant networks: " + after.role(), ErrorContext.NONE);
        }
        return Map.of("networks", moved.size() + " port binding(s) moved to " + spare.id());
    }

    Map<String, String> moveVolumes(FailoverRecord r, Node failed, Node spare) {
        List<String> volumes = r.list("volume");
        if (volumes.isEmpty() || config.storage == null) {
            return Map.of("volumes", "none to move");
        }
        VolumeConnector to = config.connectors.connector(spare).orElseThrow(() -> new ConfigurationException(
                "spare " + spare.id() + " has no storage initiator", ErrorContext.NONE));
        Optional<VolumeConnector> from = config.connectors.connector(failed);
        for (String v : volumes) {
            from.ifPresent(f -> config.storage.detach(v, f));
            config.storage.attach(v, to);
        }
        Map<String, Volume> now = new HashMap<>();
        config.storage.list().forEach(v -> now.put(v.id(), v));
        for (String v : volumes) {
            Volume read = now.get(v);
            if (read == null || !read.attachedTo().contains(to) || from.map(read.attachedTo()::contains).orElse(false)) {
                throw new NotAppliedException("volume " + v + " not read back on " + spare.id() + " alone: " + (read == null ? "gone"
                        : read.attachedTo()), ErrorContext.NONE);
            }
        }
        return Map.of("volumes", volumes + " attached to " + spare.id());
    }

    Map<String, String> prepareBoot(Node failed, Node spare, Protection protection) {
        if (protection.bootSource().kind() == BootSource.Kind.VOLUME) {
            return Map.of("boot", "from the same volume");
        }
        if (config.restorer == null) {
            throw new ConfigurationException("node " + failed.id() + " boots from its disk but no snapshot restorer is configured",
                    ErrorContext.NONE);
        }
        return Map.of("boot", "restored " + config.restorer.restoreLatest(failed.id(), spare));
    }

    Map<String, String> powerOn(Node spare) {
        try (BmcClient bmc = config.bmcs.connect(spare)) {
            PowerControl power = bmc.require(PowerControl.class);
            if (power.powerState() != PowerState.ON) {
                power.perform(PowerAction.ON, config.powerTimeout);
            }
            PowerState read = power.powerState();
            if (read != PowerState.ON) {
                throw new NotAppliedException("spare " + spare.id() + " read back " + read + " after power on", ErrorContext.NONE);
            }
            return Map.of("power", "on, read back");
        }
    }

    Map<String, String> confirmUp(Node spare) throws InterruptedException {
        if (config.hostProbe == null) {
            return Map.of("up", "no host probe configured: not confirmed");
        }
        Instant start = clock.instant();
        long polls = Math.max(1, config.confirmTimeout.toMillis() / Math.max(1, config.confirmPoll.toMillis()));
        ProbeResult last = null;
        for (long i = 0; i <= polls; i++) {
            last = config.hostProbe.probe(spare);
            if (last.status() == ProbeResult.Status.UP) {
                return Map.of("up", "heartbeat after " + Duration.between(start, clock.instant()).toMillis() + " ms: " + last.detail());
            }
            Thread.sleep(config.confirmPoll.toMillis());
        }
        throw new NotAppliedException("spare " + spare.id() + " gave no heartbeat in " + config.confirmTimeout + ": " + last.detail(),
                ErrorContext.NONE);
    }

    Map<String, String> markRepair(Node failed, Node spare) {
        Instant now = clock.instant();
        config.store.nodes().modify(failed.id(), n -> n.maintenance() && n.provisionState() == ProvisionState.ERROR ? n
                : n.toBuilder().provisionState(ProvisionState.ERROR).powerState(PowerState.OFF)
                        .maintenance(true, "failed over to " + spare.id() + " at " + now + ": repair it, then clean it").build());
        String owner = failed.owner().orElse(null);
        config.store.nodes().modify(spare.id(), n -> n.provisionState() == ProvisionState.ACTIVE ? n
                : n.toBuilder().provisionState(ProvisionState.ACTIVE).owner(owner).powerState(PowerState.ON).build());
        VersionedStore<String, String> claims = config.store.records(SPARES);
        claims.get(spare.id().value()).ifPresent(v -> claims.delete(v.key(), v.version()));
        return Map.of("repair", failed.id() + " in maintenance for repair");
    }

    private static String link(LocalLinkConnection l) {
        return l.switchId() + "|" + l.portId() + "|" + l.switchInfo();
    }
}
