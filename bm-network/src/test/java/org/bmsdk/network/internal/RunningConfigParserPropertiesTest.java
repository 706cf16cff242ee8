package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
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
import org.bmsdk.testkit.network.SwitchDialect;

/**
 * Our parser against the simulated switches' printer, two implementations written apart: any
 * configuration printed as IOS or EOS prints it parses back to itself, IOS's wrapped
 * {@code allowed vlan add} lines included.
 */
class RunningConfigParserPropertiesTest {

    // 400 tries: a trunk allowing every VLAN holds 4094 of them, and the machine is shared.
    @Property(tries = 400)
    void printedConfigurationsParseBackToThemselves(@ForAll("configs") SwitchConfig config,
            @ForAll("ciscoLike") SwitchDialect dialect) {
        SwitchConfig ported = onPortsOf(dialect, config);
        String text = dialect.runningConfig("sw-7", ported);
        assertEquals(ported, RunningConfigParser.parse(text), text);
    }

    @Property(tries = 200)
    void vlanListsRoundTrip(@ForAll("vlanSets") Set<Integer> vlans) {
        String text = String.join(",", VlanRanges.ranges(new TreeSet<>(vlans)));
        assertEquals(new TreeSet<>(vlans), VlanRanges.parse(text));
    }

    /** The generated ports are named 1..n; each dialect spells them its way. */
    static SwitchConfig onPortsOf(SwitchDialect dialect, SwitchConfig c) {
        Map<String, PortState> ports = new HashMap<>();
        c.ports().values().forEach(p -> {
            String name = dialect.portName(Integer.parseInt(p.port()));
            ports.put(name, new PortState(name, p.enabled(), p.mode(), p.accessVlan(), p.nativeVlan(), p.allowedVlans(), null, null));
        });
        return new SwitchConfig(c.vlans(), ports, Map.of());
    }

    /** The dialects this parser reads; the others have their own (DialectParsersPropertiesTest). */
    @Provide
    Arbitrary<SwitchDialect> ciscoLike() {
        return Arbitraries.of(SwitchDialect.CISCO_IOS, SwitchDialect.ARISTA_EOS, SwitchDialect.CISCO_NXOS);
    }

    @Provide
    static Arbitrary<Set<Integer>> vlanSets() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 4094).set().ofMinSize(1).ofMaxSize(300),
                Arbitraries.integers().between(1, 4000).flatMap(start -> Arbitraries.integers().between(0, 90)
                        .map(len -> {
                            Set<Integer> s = new TreeSet<>();
                            for (int v = start; v <= start + len; v++) {
                                s.add(v);
                            }
                            return s;
                        })));
    }

    @Provide
    static Arbitrary<SwitchConfig> configs() {
        Arbitrary<Set<VlanId>> vlans = Arbitraries.integers().between(2, 4094).set().ofMaxSize(20)
                .map(s -> {
                    Set<VlanId> out = new TreeSet<>();
                    out.add(VlanId.of(1));
                    s.forEach(v -> out.add(VlanId.of(v)));
                    return out;
                });
        Arbitrary<List<PortState>> ports = Arbitraries.integers().between(1, 6).set().ofMaxSize(6)
                .flatMap(numbers -> {
                    List<Arbitrary<PortState>> each = new ArrayList<>();
                    numbers.forEach(n -> each.add(port(Integer.toString(n))));
                    return Combinators.combine(each).as(list -> list);
                });
        return Combinators.combine(vlans, ports).as((v, p) -> {
            Map<String, PortState> m = new HashMap<>();
            p.forEach(s -> m.put(s.port(), s));
            return new SwitchConfig(v, m, Map.of());
        });
    }

    private static Arbitrary<PortState> port(String name) {
        Arbitrary<VlanId> vlan = Arbitraries.integers().between(1, 4094).map(VlanId::of);
        Arbitrary<Set<VlanId>> allowed = Arbitraries.oneOf(
                Arbitraries.just(Set.<VlanId>of()),
                Arbitraries.just(all()),
                vlanSets().map(s -> {
                    Set<VlanId> out = new TreeSet<>();
                    s.forEach(v -> out.add(VlanId.of(v)));
                    return out;
                }));
        Arbitrary<PortState> access = Combinators.combine(Arbitraries.of(true, false), vlan)
                .as((on, v) -> new PortState(name, on, PortState.Mode.ACCESS, v, null, Set.of(), null, null));
        Arbitrary<PortState> trunk = Combinators.combine(Arbitraries.of(true, false), vlan.injectNull(0.3), allowed)
                .as((on, nat, a) -> new PortState(name, on, PortState.Mode.TRUNK, null, nat, a, null, null));
        return Arbitraries.oneOf(access, trunk);
    }

    private static Set<VlanId> all() {
        Set<VlanId> out = new TreeSet<>();
        for (int v = 1; v <= 4094; v++) {
            out.add(VlanId.of(v));
        }
        return out;
    }
}
