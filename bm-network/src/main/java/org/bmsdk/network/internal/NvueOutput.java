package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * Parses {@code nv config show -o commands} into bm-api's {@link SwitchConfig}: the VLANs of
 * {@code br_default}, and each port of it. A port with a {@code vlan} list is a trunk whose native
 * VLAN is its {@code untagged} one (the bridge's, 1, when not set; none for {@code none}); any other
 * is an access port ({@code access}, 1 when not set). {@code link state down} is a shut port. A
 * {@code bond member} is a port whose LAG is the bond (listed even though it is not a bridge port);
 * {@code vlan V vni N} on the bridge is the VXLAN map. Lines it does not know are ignored.
 */
public final class NvueOutput {

    private static final String BRIDGE = "bridge domain br_default";
    private static final java.util.regex.Pattern VNI =
            java.util.regex.Pattern.compile("nv set bridge domain br_default vlan (\\S+) vni (\\d{1,9})");

    private NvueOutput() {
    }

    private static final class Port {
        boolean down;
        Integer access;
        NavigableSet<Integer> vlans;
        Integer untagged = 1;
        String acl;
    }

    /**
     * Parses the commands.
     *
     * @param text the output of {@code nv config show -o commands}
     * @return VLANs and ports
     * @throws IllegalArgumentException when a line it relies on is malformed
     */
    public static SwitchConfig parse(String text) {
        Set<VlanId> vlans = new TreeSet<>();
        vlans.add(VlanId.of(1));
        Map<String, Port> ports = new LinkedHashMap<>();
        Set<String> bridged = new TreeSet<>();
        Map<String, String> bondOf = new HashMap<>();
        Map<Vni, VlanId> vnis = new HashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            java.util.regex.Matcher vni = VNI.matcher(line);
            if (vni.matches()) {
                try {
                    vnis.put(Vni.of(Integer.parseInt(vni.group(2))), VlanId.of(one(line, vni.group(1))));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad VNI in '" + line + "'", e);
                }
                continue;
            }
            if (line.startsWith("nv set " + BRIDGE + " vlan ")) {
                list(line, line.substring(("nv set " + BRIDGE + " vlan ").length())).forEach(v -> vlans.add(VlanId.of(v)));
                continue;
            }
            if (!line.startsWith("nv set interface ")) {
                continue;
            }
            String[] w = line.split("\\s+");
            if (w.length < 4) {
                continue;
            }
            Port p = ports.computeIfAbsent(w[3], n -> new Port());
            String rest = String.join(" ", java.util.Arrays.asList(w).subList(4, w.length));
            if (rest.startsWith("bond member ") && w.length == 7) {
                bondOf.put(w[6], w[3]);
            } else if (rest.equals("link state down")) {
                p.down = true;
            } else if (rest.startsWith("acl ") && w.length == 7 && w[6].equals("inbound")) {
                p.acl = w[5];
            } else if (rest.equals("link state up")) {
                p.down = false;
            } else if (rest.equals(BRIDGE) || rest.startsWith(BRIDGE + " ")) {
                bridged.add(w[3]);
                String b = rest.substring(BRIDGE.length()).strip();
                if (b.startsWith("access ")) {
                    p.access = one(line, b.substring(7));
                } else if (b.startsWith("vlan ")) {
                    p.vlans = p.vlans == null ? new TreeSet<>() : p.vlans;
                    p.vlans.addAll(b.substring(5).equals("all") ? all() : list(line, b.substring(5)));
                } else if (b.equals("untagged none")) {
                    p.untagged = null;
                } else if (b.startsWith("untagged ")) {
                    p.untagged = one(line, b.substring(9));
                }
            }
        }
        Map<String, PortState> states = new HashMap<>();
        bondOf.keySet().forEach(m -> ports.computeIfAbsent(m, n -> new Port()));
        ports.forEach((name, p) -> {
            String lag = bondOf.get(name);
            if (!bridged.contains(name) && lag == null) {
                return;
            }
            if (p.vlans == null) {
                states.put(name, new PortState(name, !p.down, PortState.Mode.ACCESS, VlanId.of(p.access == null ? 1 : p.access),
                        null, Set.of(), lag, p.acl));
            } else {
                Set<VlanId> allowed = new TreeSet<>();
                p.vlans.forEach(v -> allowed.add(VlanId.of(v)));
                states.put(name, new PortState(name, !p.down, PortState.Mode.TRUNK, null,
                        p.untagged == null ? null : VlanId.of(p.untagged), allowed, lag, p.acl));
            }
        });
        return new SwitchConfig(vlans, states, vnis, acls(text));
    }

    /**
     * The names of the ACLs, whatever their rules.
     *
     * @param text the output of {@code nv config show -o commands}
     * @return the names
     */
    static Set<String> aclNames(String text) {
        Set<String> names = new TreeSet<>();
        for (String raw : text.split("\n")) {
            String[] w = raw.strip().split("\\s+");
            if (w.length >= 4 && w[0].equals("nv") && w[1].equals("set") && w[2].equals("acl")) {
                names.add(w[3]);
            }
        }
        return names;
    }

    /**
     * The IPv4 ACLs whose rules are security-group rules as {@link NvueCommands#bindAcl} writes
     * them, in rule-number order; an ACL with any other rule is left out. A rule that only denies
     * is the ACL's end and is skipped.
     */
    private static Map<String, org.bmsdk.api.network.Acl> acls(String text) {
        Map<String, java.util.TreeMap<Integer, Map<String, String>>> acls = new LinkedHashMap<>();
        Set<String> unreadable = new TreeSet<>();
        for (String raw : text.split("\n")) {
            String[] w = raw.strip().split("\\s+");
            if (w.length < 4 || !w[0].equals("nv") || !w[1].equals("set") || !w[2].equals("acl")) {
                continue;
            }
            java.util.TreeMap<Integer, Map<String, String>> rules = acls.computeIfAbsent(w[3], n -> new java.util.TreeMap<>());
            String rest = String.join(" ", java.util.Arrays.asList(w).subList(4, w.length));
            if (rest.equals("type ipv4")) {
                continue;
            }
            if (w.length < 7 || !w[4].equals("rule") || !w[5].matches("[0-9]{1,9}")) {
                unreadable.add(w[3]);
                continue;
            }
            Map<String, String> rule = rules.computeIfAbsent(Integer.parseInt(w[5]), n -> new HashMap<>());
            String field = String.join(" ", java.util.Arrays.asList(w).subList(6, w.length - 1));
            String value = w[w.length - 1];
            if (field.matches("match ip (tcp|udp) (source-port|dest-port)")) {
                rule.put("l4", w[8]);
                field = "match ip " + w[9];
            }
            if (rule.put(field, value) != null) {
                unreadable.add(w[3]);
            }
        }
        Map<String, org.bmsdk.api.network.Acl> out = new HashMap<>();
        acls.forEach((name, rules) -> {
            List<org.bmsdk.api.network.AclRule> read = new ArrayList<>();
            for (Map<String, String> r : rules.values()) {
                if (r.equals(Map.of("action", "deny"))) {
                    continue;
                }
                Map<String, String> rest = new HashMap<>(r);
                String proto = rest.remove("match ip protocol");
                String l4 = rest.remove("l4");
                String dst = rest.remove("match ip dest-ip");
                String sport = rest.remove("match ip source-port");
                String dport = rest.remove("match ip dest-port");
                String icmp = rest.remove("match ip icmp-type");
                org.bmsdk.api.network.AclRule rule = rest.equals(Map.of("action", "permit")) && (l4 == null || l4.equals(proto))
                        && (icmp == null || icmp.equals("echo-reply")) ? new AclMatch(proto, dst, sport, dport, icmp != null).rule() : null;
                if (rule == null) {
                    unreadable.add(name);
                    return;
                }
                read.add(rule);
            }
            if (!unreadable.contains(name)) {
                try {
                    out.put(name, new org.bmsdk.api.network.Acl(name, read));
                } catch (IllegalArgumentException e) {
                    // a name bm-api's Acl does not allow is not one of ours
                }
            }
        });
        return out;
    }

    private static NavigableSet<Integer> all() {
        NavigableSet<Integer> out = new TreeSet<>();
        for (int v = 1; v <= 4094; v++) {
            out.add(v);
        }
        return out;
    }

    private static NavigableSet<Integer> list(String line, String text) {
        NavigableSet<Integer> ids = VlanRanges.parse(text.strip());
        if (ids == null) {
            throw new IllegalArgumentException("bad VLAN list in '" + line + "'");
        }
        return ids;
    }

    private static int one(String line, String text) {
        NavigableSet<Integer> ids = list(line, text);
        if (ids.size() != 1) {
            throw new IllegalArgumentException("bad VLAN in '" + line + "'");
        }
        return ids.first();
    }
}
