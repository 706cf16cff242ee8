package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * The renderer against a model of one port: from any state to any intent, the calls it makes
 * reach the intent, send nothing when the port already matches, and never leave the port up in a
 * state that carries a VLAN neither the old nor the new state carried. And the record codec reads
 * back what it wrote.
 */
class PortRendererPropertiesTest {

    private static final String PORT = "Ethernet1";
    private static final Set<VlanId> EVERY_VLAN = new TreeSet<>();

    static {
        for (int v = 1; v <= 12; v++) {
            EVERY_VLAN.add(VlanId.of(v));
        }
    }

    @Provide
    Arbitrary<PortState> states() {
        Arbitrary<VlanId> vlan = Arbitraries.integers().between(1, 12).map(VlanId::of);
        Arbitrary<Set<VlanId>> vlans = vlan.set().ofMaxSize(5);
        Arbitrary<PortState> access = Combinators.combine(Arbitraries.of(true, false), vlan)
                .as((up, v) -> new PortState(PORT, up, PortState.Mode.ACCESS, v, null, Set.of(), null, null));
        Arbitrary<PortState> trunk = Combinators.combine(Arbitraries.of(true, false), vlan.injectNull(0.3), vlans)
                .as((up, n, a) -> new PortState(PORT, up, PortState.Mode.TRUNK, null, n, a, null, null));
        return Arbitraries.oneOf(access, trunk);
    }

    @Provide
    Arbitrary<PortIntent> intents() {
        Arbitrary<VlanId> vlan = Arbitraries.integers().between(1, 12).map(VlanId::of);
        return Arbitraries.oneOf(vlan.map(v -> PortIntent.access("sw", PORT, v)), vlan.map(v -> PortIntent.idle("sw", PORT, v)),
                Combinators.combine(vlan.injectNull(0.3), vlan.set().ofMaxSize(5)).as((n, t) -> PortIntent.trunk("sw", PORT, n, t)));
    }

    @Property(tries = 500)
    void anyStateReachesAnyIntentSafely(@ForAll("states") PortState from, @ForAll("intents") PortIntent to) {
        ModelSession s = new ModelSession(from);
        if (!to.satisfiedBy(from)) {
            PortRenderer.apply(s, to, from);
        }
        assertTrue(to.satisfiedBy(s.port), "reached " + s.port + " for " + to + " from " + from + " by " + s.calls);
        Set<VlanId> allowed = new HashSet<>(carried(from));
        allowed.addAll(carried(s.port));
        for (PortState step : s.steps) {
            assertTrue(allowed.containsAll(carried(step)), "on the way from " + from + " to " + to + " the port carried "
                    + carried(step) + " up: " + s.calls);
        }
        ModelSession again = new ModelSession(s.port);
        if (!to.satisfiedBy(s.port)) {
            PortRenderer.apply(again, to, s.port);
        }
        assertEquals(List.of(), again.calls, "nothing to send the second time");
    }

    @Provide
    Arbitrary<NodeNetworks> records() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ019._/:-").ofMinLength(1).ofMaxLength(12);
        Arbitrary<LocalLinkConnection> link = Combinators.combine(name, name, Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just("-"), name))
                .as(LocalLinkConnection::new);
        Arbitrary<String> net = Combinators.combine(Arbitraries.of("t1", "t-2"), Arbitraries.of("n", "n.2", "x_y")).as((t, n) -> t + "/" + n);
        Arbitrary<PortBinding> binding = Combinators.combine(link, net.list().ofMinSize(1).ofMaxSize(3).uniqueElements())
                .as(PortBinding::new);
        return Combinators.combine(Arbitraries.of("node-1", "n2"), Arbitraries.of("t1", "tenant.b", "-").injectNull(0.3),
                link.list().ofMaxSize(4), binding.list().ofMaxSize(3), Arbitraries.of(NetworkRole.class), Arbitraries.of(true, false))
                .as((n, t, p, b, r, q) -> new NodeNetworks(NodeId.of(n), t, p, b, r, q));
    }

    @Property(tries = 300)
    void nodeRecordsReadBackAsWritten(@ForAll("records") NodeNetworks n) {
        n.ports().forEach(NodeRecords::check);
        assertEquals(n, NodeRecords.decode(n.node(), NodeRecords.encode(n)));
    }

    /** The VLANs an enabled port carries; none when shut down. */
    private static Set<VlanId> carried(PortState p) {
        if (!p.enabled()) {
            return Set.of();
        }
        return p.mode() == PortState.Mode.ACCESS ? Set.of(p.accessVlan()) : new TreeSet<>(p.allowedVlans());
    }

    /** One port, changed by the calls the renderer makes, as an IOS-style switch would. */
    private static final class ModelSession implements SwitchSession {
        PortState port;
        final List<PortState> steps = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        ModelSession(PortState start) {
            this.port = start;
        }

        private void set(String call, PortState next) {
            calls.add(call);
            port = next;
            steps.add(next);
        }

        @Override
        public void setAccessVlan(String p, VlanId vlan) {
            set("access " + vlan, new PortState(PORT, port.enabled(), PortState.Mode.ACCESS, vlan, null, Set.of(), null, null));
        }

        @Override
        public void setTrunk(String p, VlanId nativeVlan, Set<VlanId> allowed) {
            // Line by line, as a switch takes it: "switchport mode trunk" first, when the allowed
            // list of a port that was never a trunk is every VLAN; the new list comes last.
            Set<VlanId> before = port.mode() == PortState.Mode.TRUNK ? port.allowedVlans() : EVERY_VLAN;
            set("mode trunk", new PortState(PORT, port.enabled(), PortState.Mode.TRUNK, null, nativeVlan, before, null, null));
            set("allowed " + allowed, new PortState(PORT, port.enabled(), PortState.Mode.TRUNK, null, nativeVlan, allowed, null, null));
        }

        @Override
        public void setPortEnabled(String p, boolean enabled) {
            set(enabled ? "no shutdown" : "shutdown", new PortState(PORT, enabled, port.mode(), port.accessVlan(), port.nativeVlan(),
                    port.allowedVlans(), null, null));
        }

        @Override
        public void setIdle(String p, VlanId idleVlan) {
            set("shutdown", new PortState(PORT, false, port.mode(), port.accessVlan(), port.nativeVlan(), port.allowedVlans(), null,
                    null));
            set("idle " + idleVlan, new PortState(PORT, false, PortState.Mode.ACCESS, idleVlan, null, Set.of(), null, null));
        }

        @Override
        public void createVlan(VlanId vlan, String name) {
            throw new AssertionError("not the renderer's business");
        }

        @Override
        public void deleteVlan(VlanId vlan) {
            throw new AssertionError("not the renderer's business");
        }

        @Override
        public void addTrunkVlan(String p, VlanId vlan) {
            throw new AssertionError("not used");
        }

        @Override
        public void removeTrunkVlan(String p, VlanId vlan) {
            throw new AssertionError("not used");
        }

        @Override
        public void createLag(String lag, List<String> members) {
            throw new AssertionError("not used");
        }

        @Override
        public void deleteLag(String lag) {
            throw new AssertionError("not used");
        }

        @Override
        public void bindAcl(String p, Acl acl) {
            throw new AssertionError("not used");
        }

        @Override
        public void unbindAcl(String p, String aclName) {
            throw new AssertionError("not used");
        }

        @Override
        public void mapVni(Vni vni, VlanId vlan) {
            throw new AssertionError("not used");
        }

        @Override
        public void unmapVni(Vni vni) {
            throw new AssertionError("not used");
        }

        @Override
        public void save() {
            throw new AssertionError("not the renderer's business");
        }

        @Override
        public SwitchConfig readBack() {
            throw new AssertionError("not the renderer's business");
        }

        @Override
        public void close() {
        }
    }
}
