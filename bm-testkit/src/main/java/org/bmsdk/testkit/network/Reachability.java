package org.bmsdk.testkit.network;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * Which node NICs can reach which, given the cabling (NICs to switch ports, switch-to-switch links)
 * and each switch's running configuration: the layer-2 answer a test needs to assert tenant
 * isolation end to end.
 *
 * <p>The model is 802.1Q bridging: a frame enters a port untagged (in the access VLAN, or the
 * native one of a trunk, VLAN 1 unless configured) or tagged (only on a trunk that allows the
 * VLAN, and not as its native VLAN); it leaves through every enabled port of its switch that
 * carries the VLAN, untagged where that VLAN is the access or native one, tagged on the other
 * trunks; a switch forwards only VLANs it has; a shut-down port carries nothing. A NIC may send in
 * every VLAN its port accepts (a node on a trunk port tags), so a NIC reaches another when some
 * VLAN it can send in arrives at the other's port. Untagged frames that cross a link with
 * different native VLANs at its ends change VLAN, as on real switches.
 *
 * <p>The members of a LAG (port-channel, bond) carry the LAG's VLANs, as one port: a member is up
 * when it and its LAG are; a frame that comes in on a LAG does not go out on the same LAG, so the
 * other NICs of a bonded node are not "reached" through its own bond. ACLs are not modelled (the
 * model has no IP addresses): a port with an ACL forwards as one without.
 *
 * <pre>{@code
 * Reachability cabling = Reachability.builder()
 *         .nic("node-1", "sw-0", "Ethernet1").nic("node-2", "sw-1", "Ethernet1")
 *         .link("sw-0", "Ethernet8", "sw-1", "Ethernet8")
 *         .build();
 * assertFalse(cabling.canReach("node-1", "node-2", lab));
 * }</pre>
 */
public final class Reachability {

    /** A port of a switch. */
    private record Port(String sw, String name) {
    }

    /** A frame in a VLAN on a switch. */
    private record Flood(String sw, int vlan) {
    }

    private final Map<String, Port> nics;
    private final Map<Port, String> nicAt;
    private final Map<Port, Port> links;

    private Reachability(Builder b) {
        this.nics = Map.copyOf(b.nics);
        this.nicAt = new HashMap<>();
        b.nics.forEach((nic, port) -> nicAt.put(port, nic));
        this.links = Map.copyOf(b.links);
    }

    /** @return a builder for the cabling */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The NICs a NIC reaches, with the switches' running configurations now.
     *
     * @param nic the NIC
     * @param lab the switches the cabling names
     * @return the other NICs it reaches, sorted
     */
    public Set<String> reachableFrom(String nic, SimulatedSwitches lab) {
        return reachableFrom(nic, sw -> lab.get(sw).runningConfig());
    }

    /**
     * Whether one NIC reaches another now.
     *
     * @param from a NIC
     * @param to another NIC
     * @param lab the switches
     * @return true when a frame from {@code from} can arrive at {@code to}
     */
    public boolean canReach(String from, String to, SimulatedSwitches lab) {
        return reachableFrom(from, lab).contains(to);
    }

    /**
     * The NICs a NIC reaches, given configurations.
     *
     * @param nic the NIC
     * @param configs each switch's configuration, by switch name
     * @return the other NICs it reaches, sorted
     */
    public Set<String> reachableFrom(String nic, Function<String, SwitchConfig> configs) {
        Port start = nics.get(nic);
        if (start == null) {
            throw new IllegalArgumentException("no NIC " + nic + " in the cabling; there are " + new TreeSet<>(nics.keySet()));
        }
        Map<String, SwitchConfig> cache = new HashMap<>();
        Function<String, SwitchConfig> config = sw -> cache.computeIfAbsent(sw, configs);
        Deque<Flood> todo = new ArrayDeque<>();
        Set<Flood> seen = new HashSet<>();
        PortState first = state(start, config);
        if (first != null) {
            for (int v : sendable(first)) {
                enter(start.sw(), v, config, todo, seen);
            }
        }
        Set<String> reached = new TreeSet<>();
        while (!todo.isEmpty()) {
            Flood f = todo.poll();
            SwitchConfig sc = config.apply(f.sw());
            for (PortState raw : sc.ports().values()) {
                PortState p = effective(sc, raw);
                Port here = new Port(f.sw(), p.port());
                Boolean untagged = egress(p, f.vlan());
                if (untagged == null) {
                    continue;
                }
                String other = nicAt.get(here);
                if (other != null) {
                    reached.add(other);
                }
                Port far = links.get(here);
                PortState farState = far == null ? null : state(far, config);
                if (farState != null) {
                    Integer v = untagged ? untaggedVlan(farState) : taggedVlan(farState, f.vlan());
                    if (v != null) {
                        enter(far.sw(), v, config, todo, seen);
                    }
                }
            }
        }
        reached.remove(nic);
        String bond = first == null ? null : first.lag();
        if (bond != null) {
            nicAt.forEach((port, other) -> {
                if (port.sw().equals(start.sw()) && config.apply(port.sw()).port(port.name())
                        .map(s -> bond.equals(s.lag())).orElse(false)) {
                    reached.remove(other);
                }
            });
        }
        return reached;
    }

    /** A LAG member as the LAG configures it; any other port as it is. */
    private static PortState effective(SwitchConfig c, PortState p) {
        PortState lag = p.lag() == null ? null : c.port(p.lag()).orElse(null);
        if (lag == null) {
            return p;
        }
        return new PortState(p.port(), p.enabled() && lag.enabled(), lag.mode(), lag.accessVlan(), lag.nativeVlan(),
                lag.allowedVlans(), p.lag(), p.acl());
    }

    private static void enter(String sw, int vlan, Function<String, SwitchConfig> config, Deque<Flood> todo, Set<Flood> seen) {
        Flood f = new Flood(sw, vlan);
        if (config.apply(sw).vlans().contains(VlanId.of(vlan)) && seen.add(f)) {
            todo.add(f);
        }
    }

    /** The port's state when it is up, else null. */
    private static PortState state(Port p, Function<String, SwitchConfig> config) {
        SwitchConfig c = config.apply(p.sw());
        PortState s = c.port(p.name()).map(raw -> effective(c, raw)).orElse(null);
        return s != null && s.enabled() ? s : null;
    }

    /** The VLANs a node can send in through its port: untagged, and tagged on a trunk. */
    private static Set<Integer> sendable(PortState p) {
        Set<Integer> out = new TreeSet<>();
        Integer u = untaggedVlan(p);
        if (u != null) {
            out.add(u);
        }
        if (p.mode() == PortState.Mode.TRUNK) {
            p.allowedVlans().forEach(v -> out.add(v.value()));
        }
        return out;
    }

    private static Integer untaggedVlan(PortState p) {
        if (p.mode() == PortState.Mode.ACCESS) {
            return p.accessVlan() == null ? 1 : p.accessVlan().value();
        }
        int nat = nativeOf(p);
        return p.allowedVlans().contains(VlanId.of(nat)) ? nat : null;
    }

    private static Integer taggedVlan(PortState p, int vlan) {
        return p.mode() == PortState.Mode.TRUNK && vlan != nativeOf(p) && p.allowedVlans().contains(VlanId.of(vlan)) ? vlan : null;
    }

    /** Whether a frame of the VLAN leaves through the port: true untagged, false tagged, null not at all. */
    private static Boolean egress(PortState p, int vlan) {
        if (!p.enabled()) {
            return null;
        }
        if (p.mode() == PortState.Mode.ACCESS) {
            return untaggedVlan(p) == vlan ? Boolean.TRUE : null;
        }
        if (!p.allowedVlans().contains(VlanId.of(vlan))) {
            return null;
        }
        return nativeOf(p) == vlan;
    }

    private static int nativeOf(PortState p) {
        return p.nativeVlan() == null ? 1 : p.nativeVlan().value();
    }

    /** Builds a {@link Reachability}: the cabling of NICs and links. */
    public static final class Builder {
        private final Map<String, Port> nics = new LinkedHashMap<>();
        private final Map<Port, Port> links = new HashMap<>();
        private final Set<Port> used = new HashSet<>();

        private Builder() {
        }

        /**
         * Cables a node's NIC to a switch port.
         *
         * @param nic the NIC's name, such as {@code node-1/eth0} or its MAC address
         * @param switchName the switch
         * @param port the port
         * @return this builder
         */
        public Builder nic(String nic, String switchName, String port) {
            Objects.requireNonNull(nic, "nic");
            Port p = use(switchName, port);
            if (nics.putIfAbsent(nic, p) != null) {
                throw new IllegalArgumentException("NIC " + nic + " is cabled twice");
            }
            return this;
        }

        /**
         * Cables two switch ports together (an inter-switch link).
         *
         * @param switchA one switch
         * @param portA its port
         * @param switchB the other switch
         * @param portB its port
         * @return this builder
         */
        public Builder link(String switchA, String portA, String switchB, String portB) {
            Port a = use(switchA, portA);
            Port b = use(switchB, portB);
            links.put(a, b);
            links.put(b, a);
            return this;
        }

        private Port use(String sw, String port) {
            Port p = new Port(Objects.requireNonNull(sw, "switch"), Objects.requireNonNull(port, "port"));
            if (!used.add(p)) {
                throw new IllegalArgumentException(sw + " " + port + " is cabled twice");
            }
            return p;
        }

        /** @return the cabling */
        public Reachability build() {
            return new Reachability(this);
        }
    }
}
