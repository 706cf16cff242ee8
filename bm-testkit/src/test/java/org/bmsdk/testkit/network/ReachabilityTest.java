package org.bmsdk.testkit.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.junit.jupiter.api.Test;

class ReachabilityTest {

    /** Two switches, NICs a and b on sw-0, c and d on sw-1, linked by port 4 of each. */
    private static final Reachability CABLING = Reachability.builder()
            .nic("a", "sw-0", "Ethernet1").nic("b", "sw-0", "Ethernet2")
            .nic("c", "sw-1", "Ethernet1").nic("d", "sw-1", "Ethernet2")
            .link("sw-0", "Ethernet4", "sw-1", "Ethernet4")
            .build();

    private static Set<VlanId> vlans(int... ids) {
        Set<VlanId> s = new TreeSet<>();
        for (int id : ids) {
            s.add(VlanId.of(id));
        }
        return s;
    }

    private static PortState trunk(String port, Integer nativeVlan, int... allowed) {
        return new PortState(port, true, PortState.Mode.TRUNK, null, nativeVlan == null ? null : VlanId.of(nativeVlan),
                vlans(allowed), null, null);
    }

    private static SwitchConfig config(PortState... ports) {
        Map<String, PortState> m = new HashMap<>();
        for (PortState p : ports) {
            m.put(p.port(), p);
        }
        return new SwitchConfig(vlans(1, 10, 20, 30), m, Map.of());
    }

    @Test
    void tenantsReachEachOtherAcrossTheTrunkAndNoOneElse() {
        SwitchConfig sw0 = config(PortState.access("Ethernet1", VlanId.of(10)), PortState.access("Ethernet2", VlanId.of(20)),
                trunk("Ethernet4", null, 10, 20));
        SwitchConfig sw1 = config(PortState.access("Ethernet1", VlanId.of(10)), PortState.access("Ethernet2", VlanId.of(30)),
                trunk("Ethernet4", null, 10, 20));
        Map<String, SwitchConfig> lab = Map.of("sw-0", sw0, "sw-1", sw1);
        assertEquals(Set.of("c"), CABLING.reachableFrom("a", lab::get));
        assertEquals(Set.of(), CABLING.reachableFrom("b", lab::get), "VLAN 20 has no one on sw-1");
        assertEquals(Set.of(), CABLING.reachableFrom("d", lab::get), "VLAN 30 is not on the trunk");

        // The trunk stops carrying VLAN 10: a and c are cut off.
        Map<String, SwitchConfig> cut = Map.of("sw-0", sw0, "sw-1",
                config(PortState.access("Ethernet1", VlanId.of(10)), PortState.access("Ethernet2", VlanId.of(30)),
                        trunk("Ethernet4", null, 20)));
        assertEquals(Set.of(), CABLING.reachableFrom("a", cut::get));
    }

    @Test
    void untaggedFramesChangeVlanAcrossANativeMismatchAndAShutPortCarriesNothing() {
        SwitchConfig sw0 = config(PortState.access("Ethernet1", VlanId.of(10)), trunk("Ethernet4", 10, 10));
        SwitchConfig sw1 = config(PortState.access("Ethernet2", VlanId.of(30)), trunk("Ethernet4", 30, 30));
        Map<String, SwitchConfig> lab = Map.of("sw-0", sw0, "sw-1", sw1);
        assertEquals(Set.of("d"), CABLING.reachableFrom("a", lab::get));
        SwitchConfig down = config(new PortState("Ethernet1", false, PortState.Mode.ACCESS, VlanId.of(10), null, Set.of(), null, null),
                trunk("Ethernet4", 10, 10));
        Map<String, SwitchConfig> shut = Map.of("sw-0", down, "sw-1", sw1);
        assertEquals(Set.of(), CABLING.reachableFrom("d", shut::get));
    }

    @Test
    void lagMembersCarryTheLagsVlansAsOnePort() {
        // a bonded node (n/eth0, n/eth1) on sw-0's Port-Channel1; an inter-switch LAG of ports 4 and 5
        Reachability cabling = Reachability.builder()
                .nic("n/eth0", "sw-0", "Ethernet1").nic("n/eth1", "sw-0", "Ethernet2").nic("x", "sw-0", "Ethernet3")
                .nic("c", "sw-1", "Ethernet1")
                .link("sw-0", "Ethernet4", "sw-1", "Ethernet4").link("sw-0", "Ethernet5", "sw-1", "Ethernet5")
                .build();
        // the members' own settings (access VLAN 1) are overridden by their LAG's
        PortState m1 = new PortState("Ethernet1", true, PortState.Mode.ACCESS, VlanId.of(1), null, Set.of(), "Port-Channel1", null);
        PortState m2 = new PortState("Ethernet2", true, PortState.Mode.ACCESS, VlanId.of(1), null, Set.of(), "Port-Channel1", null);
        PortState isl4 = new PortState("Ethernet4", true, PortState.Mode.ACCESS, VlanId.of(1), null, Set.of(), "Port-Channel9", null);
        PortState isl5 = new PortState("Ethernet5", true, PortState.Mode.ACCESS, VlanId.of(1), null, Set.of(), "Port-Channel9", null);
        SwitchConfig sw0 = config(m1, m2, PortState.access("Ethernet3", VlanId.of(1)), isl4, isl5,
                PortState.access("Port-Channel1", VlanId.of(10)), trunk("Port-Channel9", null, 10, 20));
        SwitchConfig sw1 = config(PortState.access("Ethernet1", VlanId.of(10)), trunk("Ethernet4", null, 10), trunk("Ethernet5", null, 10));
        Map<String, SwitchConfig> lab = Map.of("sw-0", sw0, "sw-1", sw1);
        assertEquals(Set.of("c"), cabling.reachableFrom("n/eth0", lab::get), "the bond's VLAN 10, not VLAN 1; not itself");
        assertEquals(Set.of("n/eth0", "n/eth1"), cabling.reachableFrom("c", lab::get));
        assertEquals(Set.of(), cabling.reachableFrom("x", lab::get), "VLAN 1 no longer reaches the members");

        SwitchConfig lagDown = config(m1, m2, PortState.access("Ethernet3", VlanId.of(1)), isl4, isl5,
                new PortState("Port-Channel1", false, PortState.Mode.ACCESS, VlanId.of(10), null, Set.of(), null, null),
                trunk("Port-Channel9", null, 10, 20));
        assertEquals(Set.of(), cabling.reachableFrom("c", Map.of("sw-0", lagDown, "sw-1", sw1)::get), "a shut LAG shuts its members");
    }

    @Test
    void cablingMistakesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Reachability.builder().nic("a", "sw", "Ethernet1").nic("b", "sw", "Ethernet1"));
        assertThrows(IllegalArgumentException.class, () -> CABLING.reachableFrom("zz", n -> null));
    }

    @Property(tries = 300)
    void reachabilityIsSymmetricAndShuttingAPortNeverConnectsMore(@ForAll("labs") Map<String, SwitchConfig> lab,
            @ForAll("switches") String switchName, @ForAll("ports") String port) {
        for (String x : List.of("a", "b", "c", "d")) {
            for (String y : CABLING.reachableFrom(x, lab::get)) {
                assertEquals(true, CABLING.reachableFrom(y, lab::get).contains(x), x + " reaches " + y + " but not back");
            }
        }
        Map<String, SwitchConfig> shut = new HashMap<>(lab);
        SwitchConfig c = lab.get(switchName);
        Map<String, PortState> ports = new HashMap<>(c.ports());
        ports.computeIfPresent(port, (k, p) -> new PortState(p.port(), false, p.mode(), p.accessVlan(), p.nativeVlan(),
                p.allowedVlans(), null, null));
        shut.put(switchName, new SwitchConfig(c.vlans(), ports, Map.of()));
        for (String x : List.of("a", "b", "c", "d")) {
            Set<String> after = CABLING.reachableFrom(x, shut::get);
            assertEquals(true, CABLING.reachableFrom(x, lab::get).containsAll(after), x + " reaches more after a shutdown");
        }
    }

    @Provide
    Arbitrary<String> switches() {
        return Arbitraries.of("sw-0", "sw-1");
    }

    @Provide
    Arbitrary<String> ports() {
        return Arbitraries.of("Ethernet1", "Ethernet2", "Ethernet4");
    }

    @Provide
    Arbitrary<Map<String, SwitchConfig>> labs() {
        Arbitrary<SwitchConfig> one = Combinators.combine(port("Ethernet1"), port("Ethernet2"), port("Ethernet4"),
                Arbitraries.integers().between(1, 4).set().ofMinSize(1))
                .as((p1, p2, p4, vl) -> {
                    Set<VlanId> v = new TreeSet<>();
                    vl.forEach(i -> v.add(VlanId.of(i)));
                    return new SwitchConfig(v, Map.of(p1.port(), p1, p2.port(), p2, p4.port(), p4), Map.of());
                });
        return Combinators.combine(one, one).as((x, y) -> Map.of("sw-0", x, "sw-1", y));
    }

    private Arbitrary<PortState> port(String name) {
        Arbitrary<Integer> vlan = Arbitraries.integers().between(1, 4);
        Arbitrary<PortState> access = Combinators.combine(Arbitraries.of(true, false), vlan)
                .as((on, v) -> new PortState(name, on, PortState.Mode.ACCESS, VlanId.of(v), null, Set.of(), null, null));
        Arbitrary<PortState> trunk = Combinators.combine(Arbitraries.of(true, false), vlan.injectNull(0.3),
                vlan.set().ofMaxSize(4))
                .as((on, nat, allowed) -> {
                    Set<VlanId> a = new TreeSet<>();
                    allowed.forEach(i -> a.add(VlanId.of(i)));
                    return new PortState(name, on, PortState.Mode.TRUNK, null, nat == null ? null : VlanId.of(nat), a, null, null);
                });
        return Arbitraries.oneOf(access, trunk);
    }
}
