package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.PartialFailureException;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortResult;
import org.bmsdk.api.network.SwitchFabric;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.network.VlanId;

/**
 * Moves a node's ports to the networks of a role through the fabric, and isolates them all when
 * any port fails: the half of {@link org.bmsdk.network.StoreTenantNetworks} that touches switches.
 */
public final class PortMoves {

    private final SwitchFabric fabric;
    private final VlanId idle;
    private final Map<NetworkRole, VlanId> system;
    private final Function<String, Optional<TenantNetwork>> networks;
    private final Function<LocalLinkConnection, String> switchOf;
    private final Consumer<NodeNetworks> save;

    /**
     * Moves over a fabric.
     *
     * @param fabric the switches
     * @param idle the idle VLAN
     * @param system the operator networks' VLANs by role
     * @param networks finds a live network by id
     * @param switchOf the fabric's switch id of a link
     * @param save writes a node's record
     */
    public PortMoves(SwitchFabric fabric, VlanId idle, Map<NetworkRole, VlanId> system, Function<String, Optional<TenantNetwork>> networks,
            Function<LocalLinkConnection, String> switchOf, Consumer<NodeNetworks> save) {
        this.fabric = fabric;
        this.idle = idle;
        this.system = Map.copyOf(system);
        this.networks = networks;
        this.switchOf = switchOf;
        this.save = save;
    }

    /**
     * Moves a node's ports to a role. On success {@code onSuccess} is recorded in that role; on failure
     * every port is made idle and {@code current} is recorded idle, quarantined unless that was
     * verified, and the error says where each port is.
     *
     * @param current the node's record now
     * @param role the role to move to
     * @param onSuccess the record to keep when the move is verified
     * @return the record kept
     * @throws PartialFailureException when a port failed; every port's state in {@code parts()}
     */
    public NodeNetworks move(NodeNetworks current, NetworkRole role, NodeNetworks onSuccess) {
        List<PortResult> results = applyOrFail(intents(current.node(), onSuccess.ports(), onSuccess.bindings(), role));
        if (results.stream().allMatch(PortResult::ok)) {
            NodeNetworks done = new NodeNetworks(onSuccess.node(), onSuccess.tenant(), onSuccess.ports(), onSuccess.bindings(), role, false);
            save.accept(done);
            return done;
        }
        String why = results.stream().filter(r -> !r.ok()).map(r -> r.intent().switchId() + " " + r.intent().port() + ": "
                + r.error()).findFirst().orElse("");
        List<PortResult> isolation = applyOrFail(intents(current.node(), current.ports(), List.of(), NetworkRole.IDLE));
        boolean isolated = isolation.stream().allMatch(PortResult::ok);
        save.accept(new NodeNetworks(current.node(), current.tenant(), current.ports(), current.bindings(), NetworkRole.IDLE, !isolated));
        Map<String, String> parts = new LinkedHashMap<>();
        for (PortResult r : isolation) {
            parts.put(r.intent().switchId() + " " + r.intent().port(), (r.ok() ? "isolated: " : "NOT isolated: ")
                    + (r.actual() == null ? "unknown" : PortResult.describe(r.actual())) + (r.ok() ? "" : " (" + r.error() + ")"));
        }
        throw new PartialFailureException("node " + current.node() + ": moving its ports to " + role + " failed (" + why + "); "
                + (isolated ? "every port is isolated" : "isolation failed too, the node is quarantined") + ":",
                ErrorContext.of("", "", "ports." + role.name().toLowerCase(java.util.Locale.ROOT)), parts, null);
    }

    /** The fabric's results, or a failure for every intent when the call itself failed (a timeout). */
    private List<PortResult> applyOrFail(List<PortIntent> intents) {
        try {
            return fabric.apply(intents);
        } catch (BareMetalException e) {
            return intents.stream().map(i -> new PortResult(i, PortResult.Status.FAILED, null, e.getMessage())).toList();
        }
    }

    private List<PortIntent> intents(NodeId node, List<LocalLinkConnection> ports, List<PortBinding> bindings, NetworkRole role) {
        List<PortIntent> out = new ArrayList<>();
        for (LocalLinkConnection l : ports) {
            String sw = switchOf.apply(l);
            switch (role) {
                case IDLE -> out.add(PortIntent.idle(sw, l.portId(), idle));
                case PROVISIONING, CLEANING, RESCUE -> {
                    VlanId v = system.get(role);
                    if (v == null) {
                        throw new ConfigurationException("no " + role + " network is configured (node " + node + ")");
                    }
                    out.add(PortIntent.access(sw, l.portId(), v));
                }
                case TENANT -> {
                    Optional<PortBinding> b = bindings.stream().filter(x -> x.link().equals(l)).findFirst();
                    if (b.isEmpty()) {
                        out.add(PortIntent.idle(sw, l.portId(), idle));
                    } else {
                        List<VlanId> v = b.get().networks().stream().map(id -> networks.apply(id).orElseThrow(
                                () -> new ConflictException("network " + id + " of node " + node + " is gone")).vlan()).toList();
                        out.add(v.size() == 1 ? PortIntent.access(sw, l.portId(), v.get(0))
                                : PortIntent.trunk(sw, l.portId(), v.get(0), Set.copyOf(v.subList(1, v.size()))));
                    }
                }
                default -> throw new IllegalArgumentException("role " + role);
            }
        }
        return out;
    }
}
