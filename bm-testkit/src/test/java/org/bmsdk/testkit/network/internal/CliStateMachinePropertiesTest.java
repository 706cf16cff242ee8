package org.bmsdk.testkit.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
import net.jqwik.api.constraints.Size;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.VlanId;

/**
 * The CLI state machine against a reference model: random sequences of configuration changes,
 * typed with random abbreviations, leave the switch exactly as the model says, and the prompt
 * always shows the mode the model is in. LAG membership ({@code channel-group}) and inbound ACL
 * bindings are among the changes.
 */
class CliStateMachinePropertiesTest {

    private static final int PORTS = 4;

    /** One change, as a user would make it. */
    record Op(String kind, int port, int vlan, Set<Integer> vlans, int abbreviation) {
    }

    @Property(tries = 300)
    void changesLeaveTheSwitchAsTheModelSays(@ForAll("dialects") String dialect, @ForAll @Size(max = 25) List<@net.jqwik.api.From("ops") Op> ops) {
        List<String> portNames = new ArrayList<>();
        for (int i = 1; i <= PORTS; i++) {
            portNames.add(Dialects.portName(dialect, i));
        }
        SwitchState state = SwitchState.create(dialect, "sw", portNames);
        CliInterpreter cli = new CliInterpreter(state, null);
        Reference ref = new Reference(portNames);
        for (Op op : ops) {
            String port = portNames.get(op.port());
            List<String> lines = new ArrayList<>();
            lines.add(pick(op, "configure terminal", "conf t", "config term"));
            boolean vlanMode = op.kind().startsWith("vlan");
            if (!vlanMode) {
                lines.add(pick(op, "interface ", "int ", "interface ") + pick(op, port, shortForm(port), port.toLowerCase()));
            }
            lines.add(line(op, ref, port, dialect));
            for (String l : lines) {
                CliInterpreter.Reply r = cli.execute(l);
                assertNull(r.error(), () -> l + " -> " + r.output());
            }
            assertEquals(vlanMode ? "sw(config-vlan" : "sw(config-if", cli.prompt().substring(0, vlanMode ? 14 : 12));
            cli.execute(pick(op, "end", "end", "exit"));
            if (cli.mode() != CliMode.EXEC) {
                cli.execute("end");
            }
            assertEquals("sw#", cli.prompt().strip());
        }
        assertEquals(ref.vlans, state.running(m -> new TreeSet<Integer>(m.vlans().keySet())));
        Map<String, PortState> actual = state.running(SwitchModel::view).ports();
        ref.ports.forEach((name, expected) -> assertEquals(expected.state(name), actual.get(name), name));
    }

    private static String shortForm(String port) {
        return port.startsWith("GigabitEthernet") ? "Gi" + port.substring(15) : "Eth" + port.substring(8);
    }

    private static String pick(Op op, String... forms) {
        return forms[op.abbreviation() % forms.length];
    }

    /** The line for an op, applied to the model as well. */
    private static String line(Op op, Reference ref, String port, String dialect) {
        ReferencePort p = ref.ports.get(port);
        String list = String.join(",", VlanLists.ranges(new TreeSet<>(op.vlans())));
        switch (op.kind()) {
            case "vlan":
                ref.vlans.add(op.vlan());
                return "vlan " + op.vlan();
            case "access":
                p.trunk = false;
                return pick(op, "switchport mode access", "sw mo acc", "switchport mode acc");
            case "trunk":
                p.trunk = true;
                return pick(op, "switchport mode trunk", "sw mo tr", "switchport mode t");
            case "accessVlan":
                p.access = op.vlan();
                if (dialect.equals("cisco_ios")) {
                    // IOS creates a missing access VLAN ("% Access VLAN does not exist. Creating vlan N").
                    ref.vlans.add(op.vlan());
                }
                return "switchport access vlan " + op.vlan();
            case "native":
                p.nativeVlan = op.vlan();
                return "switchport trunk native vlan " + op.vlan();
            case "allowed":
                p.allowed = new TreeSet<>(op.vlans());
                return "switchport trunk allowed vlan " + list;
            case "add":
                if (p.allowed != null) {
                    p.allowed.addAll(op.vlans());
                }
                return pick(op, "switchport trunk allowed vlan add ", "sw tr al vl add ", "switchport trunk allowed vlan add ") + list;
            case "remove":
                if (p.allowed == null) {
                    p.allowed = all();
                }
                p.allowed.removeAll(op.vlans());
                return "switchport trunk allowed vlan remove " + list;
            case "channelGroup": {
                int n = op.vlan() % 4 + 1;
                p.lag = DialectExtras.of(dialect).lagName(n);
                return pick(op, "channel-group ", "channel-group ", "channel-gr ") + n + " mode active";
            }
            case "noChannelGroup":
                p.lag = null;
                return "no channel-group";
            case "aclIn": {
                String name = "acl-" + op.vlan() % 3;
                p.acl = name;
                return (dialect.equals("cisco_nxos") ? "ip port access-group " : "ip access-group ") + name + " in";
            }
            case "noAclIn":
                String bound = p.acl == null ? "acl-0" : p.acl;
                p.acl = null;
                return (dialect.equals("cisco_nxos") ? "no ip port access-group " : "no ip access-group ") + bound + " in";
            case "shutdown":
                p.shutdown = true;
                return pick(op, "shutdown", "shut", "shutdown");
            default:
                p.shutdown = false;
                return pick(op, "no shutdown", "no shut", "no shutdown");
        }
    }

    private static TreeSet<Integer> all() {
        TreeSet<Integer> s = new TreeSet<>();
        for (int v = 1; v <= 4094; v++) {
            s.add(v);
        }
        return s;
    }

    /** The model: what each port should be. */
    private static final class Reference {
        final Set<Integer> vlans = new TreeSet<>(Set.of(1));
        final Map<String, ReferencePort> ports = new HashMap<>();

        Reference(List<String> names) {
            names.forEach(n -> ports.put(n, new ReferencePort()));
        }
    }

    private static final class ReferencePort {
        boolean trunk;
        boolean shutdown;
        int access = 1;
        Integer nativeVlan;
        TreeSet<Integer> allowed;
        String lag;
        String acl;

        PortState state(String name) {
            if (!trunk) {
                return new PortState(name, !shutdown, PortState.Mode.ACCESS, VlanId.of(access), null, Set.of(), lag, acl);
            }
            Set<VlanId> a = new TreeSet<>();
            (allowed == null ? all() : allowed).forEach(v -> a.add(VlanId.of(v)));
            return new PortState(name, !shutdown, PortState.Mode.TRUNK, null, nativeVlan == null ? null : VlanId.of(nativeVlan),
                    a, lag, acl);
        }
    }

    @Provide
    Arbitrary<String> dialects() {
        return Arbitraries.of("cisco_ios", "arista_eos", "cisco_nxos");
    }

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<String> kind = Arbitraries.of("vlan", "access", "trunk", "accessVlan", "native", "allowed", "add", "remove",
                "shutdown", "noShutdown", "channelGroup", "noChannelGroup", "aclIn", "noAclIn");
        // IOS's reserved VLANs cannot be created by name; keep clear of them and of the 1002-1005 block.
        Arbitrary<Integer> vlan = Arbitraries.integers().between(1, 1001);
        Arbitrary<Set<Integer>> vlans = Arbitraries.integers().between(1, 4094).set().ofMinSize(1).ofMaxSize(8);
        return Combinators.combine(kind, Arbitraries.integers().between(0, PORTS - 1), vlan, vlans,
                Arbitraries.integers().between(0, 5)).as(Op::new);
    }
}
