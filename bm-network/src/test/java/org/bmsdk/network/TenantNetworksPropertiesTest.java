package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.PartialFailureException;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.testkit.network.Reachability;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;

/**
 * Random sequences of create network / attach / bind / flip / unbind / delete network across two
 * tenants, on an IOS and an EOS switch joined by a trunk (real SSH), with switch faults injected
 * (refused commands, sessions dropped once or twice in a row). After every step, read from the
 * simulated switches: no node's port carries a VLAN other than the operator's networks and its own
 * tenant's; no node reaches a node of another tenant except over an operator network both are on;
 * a node left idle reaches no one; and no VLAN or VNI is held by two networks.
 *
 * <p>60 tries of 4 to 14 steps; about a minute on a quiet machine.
 */
class TenantNetworksPropertiesTest {

    private static final List<String> TENANTS = List.of("t1", "t2");
    private static final List<String> NAMES = List.of("net0", "net1");
    private static final VlanId IDLE = VlanId.of(999);
    private static final VlanId PROVISIONING = VlanId.of(900);
    private static final VlanId CLEANING = VlanId.of(901);
    private static final Set<VlanId> OPERATOR = Set.of(PROVISIONING, CLEANING);
    private static final List<VlanRange> RANGES = List.of(VlanRange.of(100, 103));
    /** Command prefixes faults are injected on: each is a step of moving a port or saving. */
    private static final List<String> FAULT_ON = List.of("switchport access vlan", "switchport trunk allowed vlan", "shutdown",
            "no shutdown", "switchport mode", "vlan ", "write memory", "interface");

    private static Path dir;
    private static Lab lab;

    /** NIC name, node index, switch, port. */
    private record Nic(String name, int node, String sw, String port) {
    }

    private static final List<Nic> NICS = List.of(new Nic("n0", 0, "sw-a", SwitchDialect.CISCO_IOS.portName(1)),
            new Nic("n1", 1, "sw-b", SwitchDialect.ARISTA_EOS.portName(1)),
            new Nic("n2a", 2, "sw-a", SwitchDialect.CISCO_IOS.portName(2)),
            new Nic("n2b", 2, "sw-b", SwitchDialect.ARISTA_EOS.portName(2)),
            new Nic("n3", 3, "sw-a", SwitchDialect.CISCO_IOS.portName(3)));
    private static final String UPLINK_A = SwitchDialect.CISCO_IOS.portName(8);
    private static final String UPLINK_B = SwitchDialect.ARISTA_EOS.portName(8);

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("tenant-props");
        lab = new Lab(dir, SwitchSpec.builder("sw-a", SwitchDialect.CISCO_IOS), SwitchSpec.builder("sw-b", SwitchDialect.ARISTA_EOS));
    }

    @AfterContainer
    static void stop() throws IOException {
        lab.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    sealed interface Step permits Create, Delete, Bind, Flip, Unbind, Fault {
    }

    record Create(int tenant, int name, boolean vxlan) implements Step {
    }

    record Delete(int tenant, int name) implements Step {
    }

    /** Binds every port of a node to one network, or two (a trunk). */
    record Bind(int node, int tenant, int name, int second) implements Step {
    }

    record Flip(int node, NetworkRole role) implements Step {
    }

    record Unbind(int node) implements Step {
    }

    /** A one-shot fault: a refused command, or a dropped session (twice in a row defeats the driver's one retry). */
    record Fault(int sw, int prefix, int kind) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> node = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> tenant = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> name = Arbitraries.integers().between(0, 1);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Combinators.combine(tenant, name, Arbitraries.of(true, false)).as(Create::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(tenant, name).as(Delete::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(node, tenant, name, Arbitraries.integers().between(-1, 1))
                        .as(Bind::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(node, Arbitraries.of(NetworkRole.IDLE, NetworkRole.PROVISIONING,
                        NetworkRole.CLEANING, NetworkRole.TENANT)).as(Flip::new)),
                net.jqwik.api.Tuple.of(2, node.map(Unbind::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(Arbitraries.integers().between(0, 1),
                        Arbitraries.integers().between(0, FAULT_ON.size() - 1), Arbitraries.integers().between(0, 2))
                        .as(Fault::new)));
        return step.list().ofMinSize(4).ofMaxSize(14);
    }

    @Property(tries = 60)
    void noNodeEverReachesAnotherTenantsNodeOrNetwork(@ForAll("steps") List<Step> steps) {
        lab.switches.switches().forEach(sw -> sw.faults().clear());
        InMemoryStore store = InMemoryStore.create();
        BatchingSwitchFabric.Builder fb = BatchingSwitchFabric.builder();
        lab.switches.switches().forEach(sw -> fb.endpoint(lab.endpoint(sw)));
        try (BatchingSwitchFabric fabric = fb.build()) {
            StoreTenantNetworks nets = StoreTenantNetworks.builder(store, fabric).vlanRanges(RANGES)
                    .vniRanges(List.of(VniRange.of(5000, 5003))).idleVlan(IDLE).provisioningVlan(PROVISIONING)
                    .cleaningVlan(CLEANING).build();
            // The inter-switch trunk carries the tenant range and the operator networks, nothing untagged.
            Set<VlanId> carried = new TreeSet<>(OPERATOR);
            for (int v = 100; v <= 103; v++) {
                carried.add(VlanId.of(v));
            }
            fabric.applyOrThrow(List.of(PortIntent.trunk("sw-a", UPLINK_A, null, carried), PortIntent.trunk("sw-b", UPLINK_B, null,
                    carried)));
            Model model = new Model();
            for (String t : TENANTS) {
                TenantNetwork n = nets.createNetwork(t, NAMES.get(0), false);
                model.networks.put(n.id(), n);
            }
            for (int n = 0; n < 4; n++) {
                nets.attach(node(n), links(n));
            }
            check(model, nets, "after attaching every node");
            for (Step s : steps) {
                run(s, nets, model);
                check(model, nets, "after " + s);
            }
        }
    }

    /** What the test believes: who owns each node, each network's ids, and which nodes must be isolated. */
    private static final class Model {
        final Map<Integer, String> owner = new HashMap<>();
        final Map<String, TenantNetwork> networks = new HashMap<>();
        final Set<Integer> mustBeIdle = new HashSet<>();
    }

    private static void run(Step s, StoreTenantNetworks nets, Model m) {
        try {
            if (s instanceof Create c) {
                TenantNetwork n = nets.createNetwork(TENANTS.get(c.tenant()), NAMES.get(c.name()), c.vxlan());
                m.networks.put(n.id(), n);
            } else if (s instanceof Delete d) {
                String id = TENANTS.get(d.tenant()) + "/" + NAMES.get(d.name());
                nets.deleteNetwork(id);
                m.networks.remove(id);
            } else if (s instanceof Bind b) {
                String t = TENANTS.get(b.tenant());
                List<String> ids = new ArrayList<>(List.of(t + "/" + NAMES.get(b.name())));
                if (b.second() >= 0 && b.second() != b.name()) {
                    ids.add(t + "/" + NAMES.get(b.second()));
                }
                List<PortBinding> bindings = links(b.node()).stream().map(l -> new PortBinding(l, ids)).toList();
                try {
                    nets.bind(node(b.node()), t, bindings);
                    m.owner.put(b.node(), t);
                    m.mustBeIdle.remove(b.node());
                } catch (PartialFailureException e) {
                    m.owner.put(b.node(), t);
                    failed(e, b.node(), m, nets);
                }
            } else if (s instanceof Flip f) {
                try {
                    nets.flip(node(f.node()), f.role());
                    if (f.role() == NetworkRole.IDLE) {
                        m.mustBeIdle.add(f.node());
                    } else {
                        m.mustBeIdle.remove(f.node());
                    }
                } catch (PartialFailureException e) {
                    failed(e, f.node(), m, nets);
                }
            } else if (s instanceof Unbind u) {
                try {
                    nets.unbind(node(u.node()));
                    m.owner.remove(u.node());
                    m.mustBeIdle.add(u.node());
                } catch (PartialFailureException e) {
                    failed(e, u.node(), m, nets);
                }
            } else if (s instanceof Fault f) {
                SimulatedSwitch sw = lab.switches.switches().get(f.sw());
                String prefix = FAULT_ON.get(f.prefix());
                switch (f.kind()) {
                    case 0 -> sw.faults().failNext(prefix, "% Invalid input detected at '^' marker.");
                    case 1 -> sw.faults().dropSessionOn(prefix);
                    default -> sw.faults().dropSessionOn(prefix).dropSessionOn(prefix);
                }
            }
            Statistics.label("step").collect(s.getClass().getSimpleName() + " ok");
        } catch (ConflictException refused) {
            Statistics.label("step").collect(s.getClass().getSimpleName() + " refused");
            // An illegal step (another tenant's node, a network in use or missing, ranges full):
            // refused before any switch was touched, so the model stands.
        } catch (PartialFailureException e) {
            // A network deletion that a switch refused: the network is kept, with its ids.
            assertTrue(s instanceof Delete, "only a deletion fails this way, but " + s + " did: " + e.getMessage());
        }
    }

    private static void failed(PartialFailureException e, int node, Model m, StoreTenantNetworks nets) {
        Statistics.label("failure half-way").collect(e.parts().values().stream().allMatch(v -> v.startsWith("isolated"))
                ? "isolated" : "quarantined");
        assertEquals(Set.copyOf(links(node).stream().map(l -> l.switchId() + " " + l.portId()).toList()), e.parts().keySet(),
                "the error names every port of the node");
        // What the error says of each port is what the switch has: isolated means shut on the idle VLAN.
        for (Nic nic : NICS) {
            if (nic.node() != node) {
                continue;
            }
            String said = e.parts().get(nic.sw() + " " + nic.port());
            PortState now = lab.switches.get(nic.sw()).runningConfig().port(nic.port()).orElseThrow();
            if (said.startsWith("isolated")) {
                assertEquals("isolated: shut access 999", said, e.getMessage());
                assertTrue(PortIntent.idle(nic.sw(), nic.port(), IDLE).satisfiedBy(now), nic + " said isolated but is " + now);
            }
        }
        boolean isolated = e.parts().values().stream().allMatch(v -> v.startsWith("isolated"));
        assertEquals(!isolated, nets.node(node(node)).orElseThrow().quarantined(), "quarantined exactly when not isolated");
        if (isolated) {
            m.mustBeIdle.add(node);
        } else {
            m.mustBeIdle.remove(node);
        }
    }

    private void check(Model m, StoreTenantNetworks nets, String when) {
        Map<String, SwitchConfig> configs = new HashMap<>();
        lab.switches.switches().forEach(sw -> configs.put(sw.name(), sw.runningConfig()));
        Reachability cabling = cabling();
        for (Nic nic : NICS) {
            PortState p = configs.get(nic.sw()).port(nic.port()).orElseThrow();
            Set<VlanId> permitted = permitted(m, nic.node());
            Set<VlanId> carries = carries(p);
            assertTrue(permitted.containsAll(carries), when + ": " + nic + " of tenant " + m.owner.get(nic.node()) + " carries "
                    + carries + " but may carry only " + permitted);
            Set<String> reached = cabling.reachableFrom(nic.name(), configs::get);
            if (m.mustBeIdle.contains(nic.node())) {
                assertEquals(Set.of(), reached, when + ": idle " + nic + " reaches " + reached);
            }
            for (String other : reached) {
                Nic o = NICS.stream().filter(x -> x.name().equals(other)).findFirst().orElseThrow();
                if (o.node() == nic.node()) {
                    continue;
                }
                String a = m.owner.get(nic.node());
                String b = m.owner.get(o.node());
                if (a != null && a.equals(b)) {
                    continue;
                }
                Set<VlanId> shared = new HashSet<>(carries);
                shared.retainAll(carries(configs.get(o.sw()).port(o.port()).orElseThrow()));
                shared.retainAll(OPERATOR);
                assertTrue(!shared.isEmpty(), when + ": " + nic + " (tenant " + a + ") reaches " + o + " (tenant " + b
                        + ") outside the operator's networks");
            }
        }
        List<TenantNetwork> all = nets.networks();
        assertEquals(all.size(), all.stream().map(TenantNetwork::vlan).distinct().count(), when + ": a VLAN held twice " + all);
        assertEquals(all.stream().filter(n -> n.vni() != null).count(),
                all.stream().map(TenantNetwork::vni).filter(v -> v != null).distinct().count(), when + ": a VNI held twice " + all);
        assertEquals(m.networks.size(), m.networks.values().stream().map(TenantNetwork::vlan).distinct().count(),
                when + ": a VLAN given to two live networks " + m.networks);
    }

    /** The operator's networks and the VLANs of the networks its tenant owns (including ones being deleted). */
    private static Set<VlanId> permitted(Model m, int node) {
        Set<VlanId> out = new HashSet<>(OPERATOR);
        String t = m.owner.get(node);
        m.networks.values().stream().filter(n -> n.tenant().equals(t)).forEach(n -> out.add(n.vlan()));
        return out;
    }

    /** The VLANs a node can send or receive in through the port; none when it is shut. */
    private static Set<VlanId> carries(PortState p) {
        if (!p.enabled()) {
            return Set.of();
        }
        return p.mode() == PortState.Mode.ACCESS ? Set.of(p.accessVlan()) : p.allowedVlans();
    }

    private static Reachability cabling() {
        Reachability.Builder b = Reachability.builder();
        NICS.forEach(n -> b.nic(n.name(), n.sw(), n.port()));
        return b.link("sw-a", UPLINK_A, "sw-b", UPLINK_B).build();
    }

    private static NodeId node(int n) {
        return NodeId.of("node-" + n);
    }

    private static List<LocalLinkConnection> links(int node) {
        return NICS.stream().filter(n -> n.node() == node).map(n -> LocalLinkConnection.of(n.sw(), n.port())).toList();
    }
}
