package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * The read-back parser against a printer written here from OVSDB's JSON encoding (RFC 7047 5.1:
 * a set of one is the bare atom, an empty optional column {@code ["set",[]]}), fed the columns
 * the driver's commands leave: any port configuration the driver can set reads back as itself.
 */
class OvsdbOutputPropertiesTest {

    @Property(tries = 300)
    void whatTheDriverSetsReadsBackAsItself(@ForAll("ports") List<PortState> ports, @ForAll long seed) {
        Map<String, PortState> byName = new TreeMap<>();
        ports.forEach(p -> byName.put(p.port(), p));
        List<String> portRows = new ArrayList<>();
        List<String> interfaceRows = new ArrayList<>();
        for (PortState p : byName.values()) {
            portRows.add(row(p));
            interfaceRows.add("[\"" + p.port() + "\",\"" + (p.enabled() ? "up" : "down") + "\"]");
        }
        // the bridge's own internal port, which is no switch port
        portRows.add("[\"br-int\",[\"set\",[]],[\"set\",[]],[\"set\",[]]]");
        interfaceRows.add("[\"br-int\",\"down\"]");
        Collections.shuffle(portRows, new Random(seed));
        Collections.shuffle(interfaceRows, new Random(seed + 1));
        String text = "{\"data\":[" + String.join(",", portRows) + "],\"headings\":[\"name\",\"tag\",\"trunks\",\"vlan_mode\"]}\n"
                + "{\"data\":[" + String.join(",", interfaceRows) + "],\"headings\":[\"name\",\"admin_state\"]}\n"
                + "br-int\n";

        SwitchConfig parsed = OvsdbOutput.parse(text);

        assertEquals(byName, parsed.ports(), text);
        Set<VlanId> used = new TreeSet<>();
        for (PortState p : byName.values()) {
            if (p.accessVlan() != null) {
                used.add(p.accessVlan());
            }
            if (p.nativeVlan() != null) {
                used.add(p.nativeVlan());
            }
            used.addAll(p.allowedVlans());
        }
        assertEquals(used, parsed.vlans());
    }

    @Property(tries = 300)
    void anythingElseIsAnIllegalArgumentNotACrash(@ForAll("garbage") String text) {
        try {
            OvsdbOutput.parse(text);
        } catch (IllegalArgumentException | ClassCastException expected) {
            // the session turns both into a DeviceException
        }
    }

    @Property(tries = 300)
    void linkStatesReadBack(@ForAll("ports") List<PortState> ports, @ForAll long seed) {
        Random random = new Random(seed);
        Map<String, Boolean> expected = new TreeMap<>();
        List<String> rows = new ArrayList<>();
        for (String name : ports.stream().map(PortState::port).distinct().toList()) {
            // link_state stays an empty set until ovs-vswitchd has read the interface: no state, left out
            int state = random.nextInt(3);
            String type = List.of("", "dummy", "system", "tap").get(random.nextInt(4));
            rows.add("[\"" + name + "\",\"" + type + "\"," + List.of("\"up\"", "\"down\"", "[\"set\",[]]").get(state) + "]");
            if (state < 2) {
                expected.put(name, state == 0);
            }
        }
        rows.add(random.nextInt(rows.size() + 1), "[\"br-int\",\"internal\",\"down\"]");
        String text = "{\"data\":[" + String.join(",", rows) + "],\"headings\":[\"name\",\"type\",\"link_state\"]}\n";
        assertEquals(expected, OvsdbOutput.linkStates(text), text);
    }

    @Property(tries = 300)
    void aLinkTableThatIsNotOneIsAnIllegalArgumentNotACrash(@ForAll("linkGarbage") String text) {
        try {
            OvsdbOutput.linkStates(text);
        } catch (IllegalArgumentException expected) {
            // the session turns it into a DeviceException
        }
    }

    @Provide
    Arbitrary<String> linkGarbage() {
        String real = "{\"data\":[[\"q2\",\"dummy\",\"up\"],[\"bmtx2\",\"internal\",\"down\"],[\"q1\",\"dummy\",[\"set\",[]]]],"
                + "\"headings\":[\"name\",\"type\",\"link_state\"]}\n";
        Arbitrary<String> truncated = Arbitraries.integers().between(0, real.length()).map(n -> real.substring(0, n));
        // well-formed JSON whose cells are of the wrong kind
        Arbitrary<String> cell = Arbitraries.of("\"p1\"", "1", "[\"set\",[]]", "[\"set\",[\"up\",\"down\"]]", "[\"uuid\",\"x\"]", "null",
                "{}", "[]", "true");
        Arbitrary<String> wrongKinds = cell.list().ofSize(3).map(c -> "{\"data\":[[" + String.join(",", c)
                + "]],\"headings\":[\"name\",\"type\",\"link_state\"]}");
        return Arbitraries.oneOf(truncated, wrongKinds, garbage());
    }

    /** Captured from ovs-vsctl 3.1.0 on a netdev bridge: before ovs-vswitchd ran, then with q1's dummy set down. */
    @Example
    void realLinkStates() {
        assertEquals(Map.of(), OvsdbOutput.linkStates(
                "{\"data\":[[\"bmtx2\",\"internal\",[\"set\",[]]],[\"q1\",\"dummy\",[\"set\",[]]]],\"headings\":[\"name\",\"type\",\"link_state\"]}"));
        assertEquals(Map.of("q1", false, "q2", true), OvsdbOutput.linkStates(
                "{\"data\":[[\"q2\",\"dummy\",\"up\"],[\"bmtx2\",\"internal\",\"down\"],[\"q1\",\"dummy\",\"down\"]],"
                        + "\"headings\":[\"name\",\"type\",\"link_state\"]}"));
    }

    /** Captured from ovs-vsctl 3.1.0 (Debian bookworm) on a netdev bridge. */
    @Example
    void realOutput() {
        String text = """
                {"data":[["p3",["set",[]],["set",[]],["set",[]]],["brx1",["set",[]],["set",[]],["set",[]]],["p1",100,["set",[]],"access"],["p2",5,["set",[10,20]],"native-untagged"],["p4",["set",[]],4095,"trunk"]],"headings":["name","tag","trunks","vlan_mode"]}
                {"data":[["p2","up"],["p3","up"],["p1","down"],["brx1","down"],["p4","up"]],"headings":["name","admin_state"]}
                brx1
                """;
        SwitchConfig c = OvsdbOutput.parse(text);
        assertEquals(Set.of("p1", "p2", "p3", "p4"), c.ports().keySet());
        assertEquals(new PortState("p1", false, PortState.Mode.ACCESS, VlanId.of(100), null, Set.of(), null, null), c.ports().get("p1"));
        assertEquals(new PortState("p2", true, PortState.Mode.TRUNK, null, VlanId.of(5), Set.of(VlanId.of(10), VlanId.of(20)), null, null),
                c.ports().get("p2"));
        // untouched: no vlan_mode, no tag, no trunks is a trunk of every VLAN to Open vSwitch
        assertEquals(4094, c.ports().get("p3").allowedVlans().size());
        assertEquals(PortState.Mode.TRUNK, c.ports().get("p3").mode());
        // only the reserved 4095: a trunk that carries nothing
        assertEquals(Set.of(), c.ports().get("p4").allowedVlans());
        assertEquals(Set.of(VlanId.of(5), VlanId.of(10), VlanId.of(20), VlanId.of(100)), c.vlans());
        assertThrows(IllegalArgumentException.class, () -> OvsdbOutput.parse("ovs-vsctl: unix:/x/db.sock: database connection failed"));
    }

    /** The Port row the driver's commands leave for a port state, printed as ovs-vsctl prints it. */
    private static String row(PortState p) {
        Integer tag;
        String mode;
        Set<Integer> trunks = new TreeSet<>();
        if (p.mode() == PortState.Mode.ACCESS) {
            tag = p.accessVlan().value();
            mode = "access";
        } else {
            tag = p.nativeVlan() == null ? null : p.nativeVlan().value();
            mode = p.nativeVlan() == null ? "trunk" : "native-untagged";
            p.allowedVlans().forEach(v -> trunks.add(v.value()));
            trunks.add(OvsCommands.NO_VLAN);
        }
        return "[\"" + p.port() + "\"," + (tag == null ? "[\"set\",[]]" : tag.toString()) + "," + set(trunks) + ",\"" + mode + "\"]";
    }

    private static String set(Set<Integer> values) {
        if (values.size() == 1) {
            return values.iterator().next().toString();
        }
        return "[\"set\",[" + values.stream().map(String::valueOf).collect(Collectors.joining(",")) + "]]";
    }

    @Provide
    Arbitrary<List<PortState>> ports() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '.', '/')
                .ofMinLength(1).ofMaxLength(12).filter(n -> Character.isLetterOrDigit(n.charAt(0)) && !n.equals("br-int"));
        Arbitrary<VlanId> vlan = Arbitraries.integers().between(1, 4094).map(VlanId::of);
        Arbitrary<PortState> access = Combinators.combine(names, Arbitraries.of(true, false), vlan)
                .as((n, on, v) -> new PortState(n, on, PortState.Mode.ACCESS, v, null, Set.of(), null, null));
        Arbitrary<PortState> trunk = Combinators.combine(names, Arbitraries.of(true, false), vlan.injectNull(0.4),
                vlan.set().ofMaxSize(20))
                .as((n, on, nat, allowed) -> new PortState(n, on, PortState.Mode.TRUNK, null, nat, allowed, null, null));
        return Arbitraries.oneOf(access, trunk).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\",:0123456789 abset\n-.\\u").ofMaxLength(80);
        Arbitrary<String> truncated = Arbitraries.integers().between(0, 200).map(n -> {
            String real = "{\"data\":[[\"p1\",100,[\"set\",[]],\"access\"]],\"headings\":[\"name\",\"tag\",\"trunks\",\"vlan_mode\"]}\n"
                    + "{\"data\":[[\"p1\",\"up\"]],\"headings\":[\"name\",\"admin_state\"]}\n";
            return real.substring(0, Math.min(n, real.length()));
        });
        return Arbitraries.oneOf(jsonish, truncated);
    }
}
