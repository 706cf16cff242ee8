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
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.bmsdk.testkit.network.SwitchDialect;

/**
 * Our parser against the simulated switches' printer, two implementations written apart: any
 * configuration printed as IOS, EOS or NX-OS prints it parses back to itself, IOS's wrapped
 * {@code allowed vlan add} lines, LAG members, bound ACLs with their rules (in the form our
 * drivers write them) and VXLAN maps included.
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

    @Property(tries = 300)
    void aclRulesRoundTripThroughTheirEntries(@ForAll("rules") AclRule rule, @ForAll boolean wildcard) {
        assertEquals(rule, AclLines.rule(AclLines.entry(rule, wildcard)), AclLines.entry(rule, wildcard));
    }

    /**
     * The generated ports are named 1..n and the LAGs L1..Ln; each dialect spells them its way.
     * IOS has no VXLAN map.
     */
    static SwitchConfig onPortsOf(SwitchDialect dialect, SwitchConfig c) {
        // every dialect prints LAGs and ACLs; all but IOS print the VXLAN map
        Map<String, PortState> ports = new HashMap<>();
        c.ports().values().forEach(p -> {
            String name = name(dialect, p.port());
            ports.put(name, new PortState(name, p.enabled(), p.mode(), p.accessVlan(), p.nativeVlan(), p.allowedVlans(),
                    p.lag() == null ? null : name(dialect, p.lag()), p.acl()));
        });
        boolean vxlan = dialect != SwitchDialect.CISCO_IOS;
        return new SwitchConfig(c.vlans(), ports, vxlan ? c.vniToVlan() : Map.of(), c.acls());
    }

    private static String name(SwitchDialect dialect, String generated) {
        if (!generated.startsWith("L")) {
            return dialect.portName(Integer.parseInt(generated));
        }
        String type = switch (dialect) {
            case CISCO_IOS -> "Port-channel";
            case ARISTA_EOS -> "Port-Channel";
            case CISCO_NXOS, DELL_OS10 -> "port-channel";
            case CUMULUS_NVUE -> "bond";
            case JUNIPER_JUNOS -> "ae";
            case SONIC -> "PortChannel";
            default -> throw new AssertionError(dialect);
        };
        return type + generated.substring(1);
    }

    @Provide
    static Arbitrary<AclRule> rules() {
        Arbitrary<String> cidr = Combinators.combine(Arbitraries.integers().between(0, 255).list().ofSize(4),
                Arbitraries.integers().between(0, 32)).as((o, len) -> {
                    long ip = ((long) o.get(0) << 24) | (o.get(1) << 16) | (o.get(2) << 8) | o.get(3);
                    long mask = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
                    long net = ip & mask;
                    return ((net >> 24) & 255) + "." + ((net >> 16) & 255) + "." + ((net >> 8) & 255) + "." + (net & 255) + "/" + len;
                });
        Arbitrary<int[]> ports = Arbitraries.oneOf(Arbitraries.just(new int[] {0, 0}),
                Arbitraries.integers().between(1, 65535).map(p -> new int[] {p, p}),
                Arbitraries.integers().between(1, 65535).flatMap(a -> Arbitraries.integers().between(a, 65535)
                        .map(b -> new int[] {a, b})));
        return Combinators.combine(Arbitraries.of(AclRule.Direction.class), Arbitraries.of(AclRule.Protocol.class), ports, cidr)
                .as((dir, proto, p, c) -> {
                    boolean withPorts = proto == AclRule.Protocol.TCP || proto == AclRule.Protocol.UDP;
                    AclRule r = new AclRule(dir, proto, withPorts ? p[0] : 0, withPorts ? p[1] : 0, c);
                    return AclLines.canonical(r);
                });
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
        Arbitrary<List<Acl>> acls = Arbitraries.integers().between(0, 3).flatMap(n -> {
            List<Arbitrary<Acl>> each = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "acl-" + i;
                each.add(rules().list().ofMaxSize(5).map(r -> new Acl(name, r)));
            }
            return Combinators.combine(each).as(list -> list);
        });
        Arbitrary<List<Integer>> lagOf = Arbitraries.integers().between(0, 3).list().ofSize(6);
        Arbitrary<List<Integer>> aclOf = Arbitraries.integers().between(-1, 3).list().ofSize(6);
        Arbitrary<List<Integer>> vnis = Arbitraries.integers().between(1, 0xFF_FFFF).list().ofMaxSize(20).uniqueElements();
        return Combinators.combine(vlans, ports, acls, lagOf, aclOf, vnis).as((v, p, a, lags, aclIdx, vni) -> {
            Map<String, PortState> m = new HashMap<>();
            for (PortState s : p) {
                int n = Integer.parseInt(s.port());
                String lag = lags.get(n - 1) == 0 ? null : "L" + lags.get(n - 1);
                String acl = aclIdx.get(n - 1) < 0 || aclIdx.get(n - 1) >= a.size() ? null : a.get(aclIdx.get(n - 1)).name();
                m.put(s.port(), new PortState(s.port(), s.enabled(), s.mode(), s.accessVlan(), s.nativeVlan(), s.allowedVlans(),
                        lag, acl));
                if (lag != null) {
                    // the LAG interface itself, as a factory-default port (the printer prints it, the parser reads it)
                    m.putIfAbsent(lag, new PortState(lag, true, PortState.Mode.ACCESS, VlanId.of(1), null, Set.of(), null, null));
                }
            }
            Map<Vni, VlanId> map = new HashMap<>();
            List<VlanId> mappable = v.stream().filter(id -> id.value() != 1).toList();
            for (int i = 0; i < Math.min(mappable.size(), vni.size()); i++) {
                map.put(Vni.of(vni.get(i)), mappable.get(i));
            }
            Map<String, Acl> aclMap = new HashMap<>();
            a.forEach(acl -> aclMap.put(acl.name(), acl));
            return new SwitchConfig(v, m, map, aclMap);
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
