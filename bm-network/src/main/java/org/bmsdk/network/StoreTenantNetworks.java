package org.bmsdk.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.PartialFailureException;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.SwitchFabric;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.network.TenantNetworks;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;
import org.bmsdk.network.internal.NodeRecords;
import org.bmsdk.network.internal.PortMoves;

/**
 * {@link TenantNetworks} over a {@link Store} and a {@link SwitchFabric}: VLANs from a
 * {@link VlanAllocator}, VNIs from a {@link VniAllocator}, and every port change applied as
 * intents and verified by read-back.
 *
 * <p>Three record namespaces hold the state: {@code tenant-networks} (one per network: VLAN, VNI,
 * whether it is being deleted), {@code node-networks} (one per node: tenant, ports, bindings,
 * role, quarantine) and {@code switch-port-owners} (one per switch port: the node that owns it,
 * created compare-and-set so no port is two nodes'). Calls for one node are serialised in this
 * process; a second controller sharing the store loses compare-and-set races with a
 * {@link ConflictException} instead of overwriting.
 *
 * <p>A binding and a network deletion cannot cross: a binding writes the node's record before it
 * checks that its networks are not being deleted, and a deletion marks the network before it
 * looks for nodes bound to it, so one of the two always sees the other.
 *
 * <pre>{@code
 * TenantNetworks nets = StoreTenantNetworks.builder(store, fabric)
 *         .vlanRanges(List.of(VlanRange.of(100, 999)))
 *         .idleVlan(VlanId.of(4000)).provisioningVlan(VlanId.of(4001)).cleaningVlan(VlanId.of(4002))
 *         .build();
 * TenantNetwork net = nets.createNetwork("tenant-a", "net-1", false);
 * nets.attach(node, List.of(LocalLinkConnection.of("tor-1", "Ethernet1")));
 * nets.flip(node, NetworkRole.PROVISIONING);
 * nets.bind(node, "tenant-a", List.of(PortBinding.of(LocalLinkConnection.of("tor-1", "Ethernet1"), net.id())));
 * }</pre>
 */
public final class StoreTenantNetworks implements TenantNetworks {

    /** The namespace of the networks. */
    public static final String NETWORKS = "tenant-networks";
    /** The namespace of the nodes' attachments. */
    public static final String NODES = "node-networks";
    /** The namespace of the switch ports' owners. */
    public static final String PORT_OWNERS = "switch-port-owners";

    private final SwitchFabric fabric;
    private final VersionedStore<String, String> networks;
    private final VersionedStore<String, String> nodes;
    private final VersionedStore<String, String> owners;
    private final VlanAllocator vlans;
    private final VniAllocator vnis;
    private final Map<NodeId, Object> locks = new ConcurrentHashMap<>();
    private final PortMoves moves;

    private StoreTenantNetworks(Builder b) {
        this.fabric = b.fabric;
        this.networks = b.store.records(NETWORKS);
        this.nodes = b.store.records(NODES);
        this.owners = b.store.records(PORT_OWNERS);
        this.vlans = VlanAllocator.create(b.store, b.vlanRanges);
        this.vnis = b.vniRanges.isEmpty() ? null : VniAllocator.create(b.store, b.vniRanges);
        this.moves = new PortMoves(fabric, b.idle, b.system, this::network, this::switchOf, this::save);
    }

    /**
     * Starts a builder.
     *
     * @param store where networks, allocations and nodes are kept
     * @param fabric the switches
     * @return a builder
     */
    public static Builder builder(Store store, SwitchFabric fabric) {
        return new Builder(store, fabric);
    }

    @Override
    public TenantNetwork createNetwork(String tenant, String name, boolean vxlan) {
        TenantNetwork.check("tenant", tenant);
        TenantNetwork.check("network name", name);
        if (vxlan && vnis == null) {
            throw new ConfigurationException("network " + tenant + "/" + name + " needs a VNI, but no VNI range is configured");
        }
        String id = tenant + "/" + name;
        Optional<Versioned<String, String>> existing = networks.get(id);
        if (existing.isPresent()) {
            return existing(id, existing.get());
        }
        VlanId vlan = vlans.allocate(id);
        Vni vni = vxlan ? vnis.allocate(id) : null;
        try {
            networks.create(id, "vlan=" + vlan + " vni=" + (vni == null ? "-" : vni) + " state=ACTIVE");
            return new TenantNetwork(tenant, name, vlan, vni);
        } catch (ConflictException raced) {
            return existing(id, networks.get(id).orElseThrow(() -> raced));
        }
    }

    private TenantNetwork existing(String id, Versioned<String, String> v) {
        if (deleting(v)) {
            throw new ConflictException("network " + id + " is being deleted");
        }
        return parse(id, v.value());
    }

    @Override
    public void deleteNetwork(String networkId) {
        Optional<Versioned<String, String>> rec = networks.get(networkId);
        if (rec.isEmpty()) {
            // An earlier deletion may have died after removing the record: finish freeing its ids.
            vlans.release(networkId);
            if (vnis != null) {
                vnis.release(networkId);
            }
            return;
        }
        networks.modify(networkId, v -> v.replace("state=ACTIVE", "state=DELETING"));
        for (Versioned<String, String> n : nodes.list()) {
            NodeNetworks node = NodeRecords.decode(NodeId.of(n.key()), n.value());
            if (node.bindings().stream().anyMatch(b -> b.networks().contains(networkId))) {
                networks.modify(networkId, v -> v.replace("state=DELETING", "state=ACTIVE"));
                throw new ConflictException("network " + networkId + " is in use by node " + node.node() + "; unbind it first");
            }
        }
        VlanId vlan = parse(networkId, rec.get().value()).vlan();
        Map<String, String> parts = new LinkedHashMap<>();
        RuntimeException first = null;
        for (String sw : fabric.switches()) {
            try {
                fabric.deleteVlans(sw, Set.of(vlan));
                parts.put(sw, "vlan " + vlan + " deleted");
            } catch (RuntimeException e) {
                parts.put(sw, "vlan " + vlan + " not deleted: " + e.getMessage());
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new PartialFailureException("network " + networkId + " is kept (its ids stay allocated) because a switch kept its VLAN:",
                    ErrorContext.of("", "", "network.delete"), parts, first);
        }
        networks.get(networkId).ifPresent(v -> networks.delete(networkId, v.version()));
        vlans.release(networkId);
        if (vnis != null) {
            vnis.release(networkId);
        }
    }

    @Override
    public Optional<TenantNetwork> network(String networkId) {
        return networks.get(networkId).filter(v -> !deleting(v)).map(v -> parse(networkId, v.value()));
    }

    @Override
    public List<TenantNetwork> networks() {
        return networks.list().stream().filter(v -> !deleting(v)).map(v -> parse(v.key(), v.value())).toList();
    }

    @Override
    public NodeNetworks attach(NodeId node, List<LocalLinkConnection> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("node " + node + " needs at least one port");
        }
        ports.forEach(NodeRecords::check);
        ports.forEach(this::switchOf);
        synchronized (lock(node)) {
            Optional<Versioned<String, String>> rec = nodes.get(node.value());
            if (rec.isPresent()) {
                NodeNetworks n = NodeRecords.decode(node, rec.get().value());
                if (!Set.copyOf(n.ports()).equals(Set.copyOf(ports))) {
                    throw new ConflictException("node " + node + " is attached with ports " + n.ports() + "; detach it first");
                }
                return n;
            }
            List<String> claimed = new ArrayList<>();
            try {
                for (LocalLinkConnection l : ports) {
                    String key = portKey(l);
                    Optional<Versioned<String, String>> owner = owners.get(key);
                    if (owner.isPresent() && !owner.get().value().equals(node.value())) {
                        throw new ConflictException("port " + l.portId() + " of switch " + switchOf(l) + " is node "
                                + owner.get().value() + "'s");
                    }
                    if (owner.isEmpty()) {
                        owners.create(key, node.value());
                        claimed.add(key);
                    }
                }
            } catch (ConflictException e) {
                claimed.forEach(k -> owners.get(k).ifPresent(v -> owners.delete(k, v.version())));
                throw e;
            }
            // Quarantined until the idle state is verified: what the ports carry now is not known.
            NodeNetworks fresh = new NodeNetworks(node, null, ports, List.of(), NetworkRole.IDLE, true);
            nodes.create(node.value(), NodeRecords.encode(fresh));
            return moves.move(fresh, NetworkRole.IDLE, fresh);
        }
    }

    @Override
    public NodeNetworks bind(NodeId node, String tenant, List<PortBinding> bindings) {
        TenantNetwork.check("tenant", tenant);
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("a binding of node " + node + " needs at least one port");
        }
        synchronized (lock(node)) {
            NodeNetworks n = require(node);
            if (n.tenant() != null && !n.tenant().equals(tenant)) {
                throw new ConflictException("node " + node + " is tenant " + n.tenant() + "'s; unbind it first");
            }
            if (n.tenant() == null && n.quarantined()) {
                throw new ConflictException("node " + node + " is quarantined (its ports were never verified isolated); flip it to IDLE first");
            }
            Set<LocalLinkConnection> seen = new HashSet<>();
            for (PortBinding b : bindings) {
                if (!n.ports().contains(b.link())) {
                    throw new ConflictException("node " + node + " has no port " + b.link().portId() + " on " + b.link().switchId());
                }
                if (!seen.add(b.link())) {
                    throw new IllegalArgumentException("port " + b.link().portId() + " is bound twice");
                }
                b.networks().forEach(id -> requireOwned(id, tenant));
            }
            NodeNetworks bound = new NodeNetworks(node, tenant, n.ports(), bindings, n.role(), n.quarantined());
            save(bound);
            // Written before this check, so a deletion that marked a network after it sees this binding.
            for (PortBinding b : bindings) {
                for (String id : b.networks()) {
                    if (network(id).isEmpty()) {
                        save(n);
                        throw new ConflictException("network " + id + " is being deleted");
                    }
                }
            }
            return moves.move(bound, NetworkRole.TENANT, bound);
        }
    }

    @Override
    public NodeNetworks flip(NodeId node, NetworkRole role) {
        Objects.requireNonNull(role, "role");
        synchronized (lock(node)) {
            NodeNetworks n = require(node);
            if (role == NetworkRole.TENANT && n.bindings().isEmpty()) {
                throw new ConflictException("node " + node + " is bound to no tenant network");
            }
            return moves.move(n, role, n);
        }
    }

    @Override
    public NodeNetworks unbind(NodeId node) {
        synchronized (lock(node)) {
            NodeNetworks n = require(node);
            NodeNetworks freed = new NodeNetworks(node, null, n.ports(), List.of(), NetworkRole.IDLE, false);
            // On failure the node stays the tenant's (with its bindings), quarantined.
            return moves.move(n, NetworkRole.IDLE, freed);
        }
    }

    @Override
    public void detach(NodeId node) {
        synchronized (lock(node)) {
            if (nodes.get(node.value()).isEmpty()) {
                return;
            }
            NodeNetworks n = unbind(node);
            nodes.get(node.value()).ifPresent(v -> nodes.delete(node.value(), v.version()));
            for (LocalLinkConnection l : n.ports()) {
                String key = portKey(l);
                owners.get(key).filter(v -> v.value().equals(node.value())).ifPresent(v -> owners.delete(key, v.version()));
            }
        }
    }

    @Override
    public Optional<NodeNetworks> node(NodeId node) {
        return nodes.get(node.value()).map(v -> NodeRecords.decode(node, v.value()));
    }

    private void requireOwned(String networkId, String tenant) {
        TenantNetwork net = network(networkId).orElseThrow(() -> new ConflictException("no network " + networkId));
        if (!net.tenant().equals(tenant)) {
            throw new ConflictException("network " + networkId + " is not tenant " + tenant + "'s");
        }
    }

    private NodeNetworks require(NodeId node) {
        return node(node).orElseThrow(() -> new ConflictException("node " + node + " is not attached"));
    }

    private void save(NodeNetworks n) {
        nodes.modify(n.node().value(), old -> NodeRecords.encode(n));
    }

    private Object lock(NodeId node) {
        return locks.computeIfAbsent(node, k -> new Object());
    }

    private String switchOf(LocalLinkConnection l) {
        Set<String> known = fabric.switches();
        if (!l.switchInfo().isEmpty() && known.contains(l.switchInfo())) {
            return l.switchInfo();
        }
        if (known.contains(l.switchId())) {
            return l.switchId();
        }
        throw new ConfigurationException("no switch " + l.switchId() + (l.switchInfo().isEmpty() ? "" : " (" + l.switchInfo() + ")")
                + " in the fabric; it has " + new java.util.TreeSet<>(known));
    }

    private String portKey(LocalLinkConnection l) {
        return switchOf(l) + "|" + l.portId();
    }

    private static boolean deleting(Versioned<String, String> v) {
        return v.value().contains("state=DELETING");
    }

    private static TenantNetwork parse(String id, String value) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String kv : value.split(" ")) {
            int eq = kv.indexOf('=');
            f.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        int slash = id.indexOf('/');
        String vni = f.getOrDefault("vni", "-");
        return new TenantNetwork(id.substring(0, slash), id.substring(slash + 1), VlanId.of(Integer.parseInt(f.get("vlan"))),
                "-".equals(vni) ? null : Vni.of(Integer.parseInt(vni)));
    }

    /** Builds a {@link StoreTenantNetworks}. */
    public static final class Builder {
        private final Store store;
        private final SwitchFabric fabric;
        private List<VlanRange> vlanRanges = List.of();
        private List<VniRange> vniRanges = List.of();
        private VlanId idle;
        private final Map<NetworkRole, VlanId> system = new java.util.EnumMap<>(NetworkRole.class);

        private Builder(Store store, SwitchFabric fabric) {
            this.store = Objects.requireNonNull(store, "store");
            this.fabric = Objects.requireNonNull(fabric, "fabric");
        }

        /**
         * The VLANs tenant networks get; required.
         *
         * @param ranges the ranges, tried in order
         * @return this builder
         */
        public Builder vlanRanges(List<VlanRange> ranges) {
            this.vlanRanges = List.copyOf(ranges);
            return this;
        }

        /**
         * The VNIs VXLAN tenant networks get; default none (no VXLAN networks).
         *
         * @param ranges the ranges, tried in order
         * @return this builder
         */
        public Builder vniRanges(List<VniRange> ranges) {
            this.vniRanges = List.copyOf(ranges);
            return this;
        }

        /**
         * The idle (quarantine) VLAN: a VLAN that reaches nothing; required.
         *
         * @param vlan the VLAN
         * @return this builder
         */
        public Builder idleVlan(VlanId vlan) {
            this.idle = Objects.requireNonNull(vlan, "idleVlan");
            return this;
        }

        /**
         * The provisioning network's VLAN.
         *
         * @param vlan the VLAN
         * @return this builder
         */
        public Builder provisioningVlan(VlanId vlan) {
            system.put(NetworkRole.PROVISIONING, Objects.requireNonNull(vlan, "provisioningVlan"));
            return this;
        }

        /**
         * The cleaning network's VLAN.
         *
         * @param vlan the VLAN
         * @return this builder
         */
        public Builder cleaningVlan(VlanId vlan) {
            system.put(NetworkRole.CLEANING, Objects.requireNonNull(vlan, "cleaningVlan"));
            return this;
        }

        /**
         * The rescue network's VLAN.
         *
         * @param vlan the VLAN
         * @return this builder
         */
        public Builder rescueVlan(VlanId vlan) {
            system.put(NetworkRole.RESCUE, Objects.requireNonNull(vlan, "rescueVlan"));
            return this;
        }

        /**
         * Builds it.
         *
         * @return the service
         * @throws IllegalStateException when the VLAN ranges or the idle VLAN are missing, or an
         *     operator VLAN lies in a tenant range or is used twice
         */
        public StoreTenantNetworks build() {
            if (vlanRanges.isEmpty() || idle == null) {
                throw new IllegalStateException("VLAN ranges and an idle VLAN are required");
            }
            List<VlanId> operator = new ArrayList<>(system.values());
            operator.add(idle);
            if (new HashSet<>(operator).size() != operator.size()) {
                throw new IllegalStateException("the idle and operator VLANs must differ, but were " + operator);
            }
            for (VlanId v : operator) {
                for (VlanRange r : vlanRanges) {
                    if (v.compareTo(r.first()) >= 0 && v.compareTo(r.last()) <= 0) {
                        throw new IllegalStateException("operator VLAN " + v + " lies in the tenant range " + r);
                    }
                }
            }
            return new StoreTenantNetworks(this);
        }
    }
}
