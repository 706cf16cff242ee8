package org.bmsdk.ha;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.PartialFailureException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.DriftReport;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortResult;
import org.bmsdk.api.network.SwitchFabric;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.network.TenantNetworks;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.storage.BlockStorage;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.testkit.machine.PowerOnlyBmc;

/** In-memory machines, BMCs, networks and storage that count what really changed. */
final class Fakes {

    private Fakes() {
    }

    /** A machine and its BMC. */
    static final class Machine implements PowerOnlyBmc.Power {
        volatile PowerState power = PowerState.ON;
        volatile boolean hostUp = true;
        volatile boolean bmcReachable = true;
        volatile boolean refusesOff;
        final AtomicInteger powerOns = new AtomicInteger();
        final AtomicInteger powerOffs = new AtomicInteger();

        @Override
        public PowerState read() {
            if (!bmcReachable) {
                throw new TransportException("BMC gone");
            }
            return power;
        }

        @Override
        public synchronized void act(PowerAction action) {
            if (!bmcReachable) {
                throw new TransportException("BMC gone");
            }
            if (action == PowerAction.OFF) {
                if (refusesOff) {
                    throw new DeviceException("ForceOff refused", ErrorContext.NONE, "Base.1.0.InternalError");
                }
                if (power != PowerState.OFF) {
                    powerOffs.incrementAndGet();
                }
                power = PowerState.OFF;
            } else if (action == PowerAction.ON) {
                if (power != PowerState.ON) {
                    powerOns.incrementAndGet();
                }
                power = PowerState.ON;
                hostUp = true;
            }
        }
    }

    /** BMCs of the machines, by node. */
    static final class Bmcs implements BmcConnector {
        final Map<NodeId, Machine> machines = new ConcurrentHashMap<>();

        Machine add(NodeId id) {
            return machines.computeIfAbsent(id, i -> new Machine());
        }

        Machine get(String id) {
            return machines.get(NodeId.of(id));
        }

        @Override
        public BmcClient connect(Node node) {
            Machine m = machines.get(node.id());
            if (m == null || !m.bmcReachable) {
                throw new TransportException("BMC of " + node.id() + " unreachable");
            }
            return PowerOnlyBmc.of("fake", m);
        }

        HostProbe hostProbe(java.time.Clock clock) {
            return node -> {
                Machine m = machines.get(node.id());
                boolean up = m != null && m.hostUp && m.power == PowerState.ON;
                return new ProbeResult(up ? ProbeResult.Status.UP : ProbeResult.Status.DOWN, up ? "heartbeat" : "refused", clock.instant());
            };
        }
    }

    /** Switches that only report link, by switch and port; counts its reads. */
    static final class Links implements SwitchFabric {
        final Map<String, Map<String, Boolean>> links = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();
        volatile boolean unreachable;
        /** When set, a read hangs until it is counted down (a switch that does not answer). */
        volatile java.util.concurrent.CountDownLatch hang;

        void set(String switchId, String port, boolean up) {
            links.computeIfAbsent(switchId, s -> new ConcurrentHashMap<>()).put(port, up);
        }

        @Override
        public Map<String, Boolean> linkStates(String switchId) {
            reads.incrementAndGet();
            java.util.concurrent.CountDownLatch h = hang;
            if (h != null) {
                try {
                    h.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (unreachable) {
                throw new TransportException("switch " + switchId + " unreachable");
            }
            return Map.copyOf(links.getOrDefault(switchId, Map.of()));
        }

        @Override
        public Set<String> switches() {
            return links.keySet();
        }

        @Override
        public List<PortResult> apply(java.util.Collection<PortIntent> intents) {
            throw new UnsupportedOperationException("links only");
        }

        @Override
        public void deleteVlans(String switchId, Set<VlanId> vlans) {
            throw new UnsupportedOperationException("links only");
        }

        @Override
        public DriftReport drift(String switchId) {
            throw new UnsupportedOperationException("links only");
        }

        @Override
        public List<PortResult> repair(String switchId) {
            throw new UnsupportedOperationException("links only");
        }

        @Override
        public void close() {
        }
    }

    /** Tenant networks: records only, with a switch that can be made to fail. */
    static final class Networks implements TenantNetworks {
        final Map<NodeId, NodeNetworks> nodes = new ConcurrentHashMap<>();
        volatile boolean switchDown;
        final AtomicInteger binds = new AtomicInteger();

        @Override
        public TenantNetwork createNetwork(String tenant, String name, boolean vxlan) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteNetwork(String networkId) {
            throw new UnsupportedOperationException();
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
        public NodeNetworks attach(NodeId node, List<LocalLinkConnection> ports) {
            return nodes.computeIfAbsent(node, n -> new NodeNetworks(n, null, ports, List.of(), NetworkRole.IDLE, false));
        }

        @Override
        public synchronized NodeNetworks bind(NodeId node, String tenant, List<PortBinding> bindings) {
            NodeNetworks n = nodes.get(node);
            if (n.tenant() != null && !n.tenant().equals(tenant)) {
                throw new ConflictException(node + " is " + n.tenant() + "'s");
            }
            if (!n.bindings().equals(bindings)) {
                binds.incrementAndGet();
            }
            return put(new NodeNetworks(node, tenant, n.ports(), bindings, n.role(), false));
        }

        @Override
        public synchronized NodeNetworks flip(NodeId node, NetworkRole role) {
            NodeNetworks n = nodes.get(node);
            switchCheck(n);
            return put(new NodeNetworks(node, n.tenant(), n.ports(), n.bindings(), role, false));
        }

        @Override
        public synchronized NodeNetworks unbind(NodeId node) {
            NodeNetworks n = nodes.get(node);
            switchCheck(n);
            return put(new NodeNetworks(node, null, n.ports(), List.of(), NetworkRole.IDLE, false));
        }

        private void switchCheck(NodeNetworks n) {
            if (switchDown) {
                Map<String, String> parts = new TreeMap<>();
                n.ports().forEach(p -> parts.put(p.portId(), "unknown"));
                throw new PartialFailureException("switch unreachable", ErrorContext.NONE, parts, null);
            }
        }

        private NodeNetworks put(NodeNetworks n) {
            nodes.put(n.node(), n);
            return n;
        }

        @Override
        public void detach(NodeId node) {
            nodes.remove(node);
        }

        @Override
        public Optional<NodeNetworks> node(NodeId node) {
            return Optional.ofNullable(nodes.get(node));
        }
    }

    /** Block storage: volumes and the initiators they are exported to. */
    static final class Storage implements BlockStorage {
        final Map<String, Set<VolumeConnector>> exports = new ConcurrentHashMap<>();
        final AtomicInteger attaches = new AtomicInteger();

        @Override
        public Volume create(VolumeSpec spec) {
            exports.putIfAbsent(spec.name(), ConcurrentHashMap.newKeySet());
            return new Volume(spec.name(), spec, exports.get(spec.name()));
        }

        @Override
        public void delete(String volumeId) {
            exports.remove(volumeId);
        }

        @Override
        public synchronized VolumeTarget attach(String volumeId, VolumeConnector connector) {
            Set<VolumeConnector> to = exports.get(volumeId);
            if (!to.isEmpty() && !to.contains(connector)) {
                throw new ConflictException(volumeId + " is attached to " + to);
            }
            if (to.add(connector)) {
                attaches.incrementAndGet();
            }
            return VolumeTarget.of("127.0.0.1:3260", "iqn.2024-01.org.bmsdk:" + volumeId, 1, null);
        }

        @Override
        public synchronized void detach(String volumeId, VolumeConnector connector) {
            exports.get(volumeId).remove(connector);
        }

        @Override
        public List<Volume> list() {
            List<Volume> out = new ArrayList<>();
            new TreeMap<>(exports).forEach((id, to) -> out.add(new Volume(id, new VolumeSpec(id, 1 << 20, false), new HashSet<>(to))));
            return out;
        }

        @Override
        public void close() {
        }
    }
}
