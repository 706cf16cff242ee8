package org.bmsdk.api.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.network.TenantNetworks;
import org.bmsdk.api.network.VlanId;

/** Tenant networks in memory: each call either applies whole or fails before changing anything. */
final class FakeNetworks implements TenantNetworks {

    private final FakeLab lab;
    private final Map<NodeId, NodeNetworks> nodes = new ConcurrentHashMap<>();

    FakeNetworks(FakeLab lab) {
        this.lab = lab;
    }

    @Override
    public TenantNetwork createNetwork(String tenant, String name, boolean vxlan) {
        return new TenantNetwork(tenant, name, VlanId.of(100), null);
    }

    @Override
    public void deleteNetwork(String networkId) {
    }

    @Override
    public Optional<TenantNetwork> network(String networkId) {
        return Optional.empty();
    }

    @Override
    public List<TenantNetwork> networks() {
        return List.of();
    }

    @Override
    public synchronized NodeNetworks attach(NodeId node, List<LocalLinkConnection> ports) {
        lab.faults.device("net.attach");
        NodeNetworks now = nodes.get(node);
        NodeNetworks next = new NodeNetworks(node, now == null ? null : now.tenant(), ports,
                now == null ? List.of() : now.bindings(), now == null ? NetworkRole.IDLE : now.role(), false);
        nodes.put(node, next);
        return next;
    }

    @Override
    public synchronized NodeNetworks bind(NodeId node, String tenant, List<PortBinding> bindings) {
        lab.faults.device("net.bind");
        NodeNetworks now = nodes.get(node);
        if (now.tenant() != null && !now.tenant().equals(tenant)) {
            throw new ConflictException("node " + node + " is bound to " + now.tenant());
        }
        FakeMachine m = lab.machine(node);
        synchronized (m) {
            if (m.dataOwner != null && !m.dataOwner.equals(tenant)) {
                lab.violation("node " + node + " put on " + tenant + "'s networks holding data of " + m.dataOwner);
            }
        }
        return put(new NodeNetworks(node, tenant, now.ports(), bindings, NetworkRole.TENANT, false));
    }

    @Override
    public synchronized NodeNetworks flip(NodeId node, NetworkRole role) {
        lab.faults.device("net.flip." + role);
        NodeNetworks now = nodes.get(node);
        if (role == NetworkRole.TENANT && now.tenant() == null) {
            throw new ConflictException("node " + node + " has no tenant");
        }
        return put(new NodeNetworks(node, now.tenant(), now.ports(), now.bindings(), role, false));
    }

    @Override
    public synchronized NodeNetworks unbind(NodeId node) {
        lab.faults.device("net.unbind");
        NodeNetworks now = nodes.get(node);
        return put(new NodeNetworks(node, null, now.ports(), List.of(), NetworkRole.IDLE, false));
    }

    @Override
    public synchronized void detach(NodeId node) {
        nodes.remove(node);
    }

    @Override
    public Optional<NodeNetworks> node(NodeId node) {
        return Optional.ofNullable(nodes.get(node));
    }

    private NodeNetworks put(NodeNetworks n) {
        nodes.put(n.node(), n);
        return n;
    }
}
