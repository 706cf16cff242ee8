package org.bmsdk.ha;

import java.util.Objects;
import org.bmsdk.api.FencingException;
import org.bmsdk.api.PartialFailureException;
import org.bmsdk.api.ha.FenceResult;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.TenantNetworks;

/**
 * Fences by shutting every switch port of the node ({@link TenantNetworks#flip} to
 * {@link NetworkRole#IDLE}: shut down on the idle VLAN, read back by the switch driver). This is
 * the path that still works when the node lost its power and its BMC with it. The node stays bound
 * to its tenant: the failover moves the bindings to the spare afterwards.
 */
public final class SwitchPortFence implements FenceLevel {

    private final TenantNetworks networks;

    private SwitchPortFence(TenantNetworks networks) {
        this.networks = Objects.requireNonNull(networks, "networks");
    }

    /**
     * Creates the level.
     *
     * @param networks where the node's ports are recorded
     * @return the level
     */
    public static SwitchPortFence create(TenantNetworks networks) {
        return new SwitchPortFence(networks);
    }

    @Override
    public String name() {
        return "switch-ports-shut";
    }

    @Override
    public FenceResult fence(Node node) {
        if (networks.node(node.id()).isEmpty()) {
            throw new FencingException("node " + node.id() + " has no switch ports recorded to shut");
        }
        try {
            NodeNetworks n = networks.flip(node.id(), NetworkRole.IDLE);
            if (n.role() != NetworkRole.IDLE || n.quarantined()) {
                throw new FencingException("ports of " + node.id() + " not verified shut: role " + n.role()
                        + (n.quarantined() ? ", quarantined" : ""));
            }
            return new FenceResult(FenceResult.Method.PORTS_SHUT, n.ports().size() + " port(s) shut on the idle VLAN, read back");
        } catch (PartialFailureException e) {
            throw new FencingException("ports of " + node.id() + " not verified shut: " + e.parts(), e.context(), e);
        }
    }
}
