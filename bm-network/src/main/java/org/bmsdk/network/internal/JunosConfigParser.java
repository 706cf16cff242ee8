package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * Parses Junos's {@code show configuration | display set} into bm-api's {@link SwitchConfig}. A
 * switch port is an interface with {@code unit 0 family ethernet-switching}; without an
 * {@code interface-mode} it is an access port, and without {@code vlan members} an access port is in
 * the {@code default} VLAN (1). Members are VLAN names, numbers, ranges ({@code 100-110}) or
 * {@code all}; names are resolved through the {@code set vlans NAME vlan-id N} lines. Lines it does
 * not know are ignored, so a real switch's full configuration parses. {@code ether-options 802.3ad
 * aeN} makes a port a member of the LAG {@code aeN} (a member has no switching family of its own:
 * it reads back as VLAN 1's access port); {@code set vlans NAME vxlan vni N} is the VXLAN map.
 */
public final class JunosConfigParser {

    private static final String ESW = "unit 0 family ethernet-switching";
    private static final String FILTER = "firewall family ethernet-switching filter";

    private JunosConfigParser() {
    }

    /** A port's statements gathered before they become a {@link PortState}. */
    private static final class Port {
        final String name;
        boolean disabled;
        boolean trunk;
        Integer nativeVlan;
        String lag;
        String filter;
        final List<String> members = new ArrayList<>();

        Port(String name) {
            this.name = name;
        }
    }

    /**
     * The VLANs by name.
     *
     * @param text the configuration in {@code set} form
     * @return each VLAN name and its id
     */
    static Map<String, Integer> vlanNames(String text) {
        Map<String, Integer> names = new TreeMap<>();
        for (String raw : text.split("\n")) {
            String[] w = raw.strip().split("\\s+");
            if (w.length == 5 && w[0].equals("set") && w[1].equals("vlans") && w[3].equals("vlan-id")) {
                names.put(w[2], vlan(raw, w[4]));
            }
        }
        return names;
    }

    /**
     * Parses a configuration.
     *
     * @param text the output of {@code show configuration | display set}
     * @return VLANs and switch ports
     * @throws IllegalArgumentException when a line the parser relies on is malformed
     */
    public static SwitchConfig parse(String text) {
        Map<String, Integer> names = vlanNames(text);
        Map<String, Port> ports = new LinkedHashMap<>();
        Set<String> switching = new TreeSet<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (!line.startsWith("set interfaces ")) {
                continue;
            }
            String[] w = line.split("\\s+");
            if (w.length < 3) {
                continue;
            }
            Port p = ports.computeIfAbsent(w[2], Port::new);
            String rest = String.join(" ", java.util.Arrays.asList(w).subList(3, w.length));
            if (rest.equals("disable")) {
                p.disabled = true;
            } else if (rest.startsWith("ether-options 802.3ad ") && w.length == 6) {
                p.lag = w[5];
            } else if (rest.startsWith("native-vlan-id ")) {
                p.nativeVlan = vlan(line, rest.substring("native-vlan-id ".length()));
            } else if (rest.equals(ESW) || rest.startsWith(ESW + " ")) {
                switching.add(p.name);
                String esw = rest.substring(ESW.length()).strip();
                if (esw.equals("interface-mode trunk") || esw.equals("port-mode trunk")) {
                    p.trunk = true;
                } else if (esw.equals("interface-mode access") || esw.equals("port-mode access")) {
                    p.trunk = false;
                } else if (esw.startsWith("filter input ") && esw.split(" ").length == 3) {
                    p.filter = esw.split(" ")[2];
                } else if (esw.startsWith("vlan members ")) {
                    String list = esw.substring("vlan members ".length()).replace("[", " ").replace("]", " ").strip();
                    for (String m : list.split("\\s+")) {
                        p.members.add(m);
                    }
                }
            }
        }
        Set<VlanId> vlans = new TreeSet<>();
        vlans.add(VlanId.of(1));
        names.values().forEach(v -> vlans.add(VlanId.of(v)));
        Map<String, PortState> states = new HashMap<>();
        for (Port p : ports.values()) {
            if (switching.contains(p.name) || p.lag != null) {
                PortState s = state(p, names);
                states.put(p.name, new PortState(s.port(), s.enabled(), s.mode(), s.accessVlan(), s.nativeVlan(), s.allowedVlans(),
                        p.lag, p.filter));
            }
        }
        Map<org.bmsdk.api.network.Vni, VlanId> vnis = new HashMap<>();
        for (String raw : text.split("\n")) {
            String[] w = raw.strip().split("\\s+");
            if (w.length == 6 && w[0].equals("set") && w[1].equals("vlans") && w[3].equals("vxlan") && w[4].equals("vni")
                    && names.containsKey(w[2])) {
                try {
                    vnis.put(org.bmsdk.api.network.Vni.of(Integer.parseInt(w[5])), VlanId.of(names.get(w[2])));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad VNI in '" + raw.strip() + "'", e);
                }
            }
        }
        return new SwitchConfig(vlans, states, vnis, filters(text));
    }

    /**
     * The names of the port filters, whatever their terms.
     *
     * @param text the configuration in {@code set} form
     * @return the names
     */
    static Set<String> filterNames(String text) {
        Set<String> names = new TreeSet<>();
        for (String raw : text.split("\n")) {
            String[] w = raw.strip().split("\\s+");
            if (w.length >= 6 && w[0].equals("set") && String.join(" ", java.util.Arrays.asList(w).subList(1, 5)).equals(FILTER)) {
                names.add(w[5]);
            }
        }
        return names;
    }

    /**
     * The port filters ({@code firewall family ethernet-switching filter}) whose terms are
     * security-group rules as {@link JunosCommands#bindAcl} writes them; a filter with any other
     * term is left out. The term that accepts ARP is the driver's and is skipped.
     */
    private static Map<String, org.bmsdk.api.network.Acl> filters(String text) {
        Map<String, Map<String, Map<String, String>>> filters = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String[] w = raw.strip().split("\\s+");
            if (w.length < 6 || !w[0].equals("set") || !String.join(" ", java.util.Arrays.asList(w).subList(1, 5)).equals(FILTER)) {
                continue;
            }
            Map<String, Map<String, String>> terms = filters.computeIfAbsent(w[5], n -> new LinkedHashMap<>());
            if (w.length < 8 || !w[6].equals("term")) {
                continue;
            }
            Map<String, String> term = terms.computeIfAbsent(w[7], n -> new LinkedHashMap<>());
            if (w.length == 10 && w[8].equals("then")) {
                term.put("then", w[9]);
            } else if (w.length == 11 && w[8].equals("from")) {
                term.put(w[9], w[10]);
            } else if (w.length > 8) {
                term.put(String.join(" ", java.util.Arrays.asList(w).subList(8, w.length)), "");
            }
        }
        Map<String, org.bmsdk.api.network.Acl> out = new HashMap<>();
        filters.forEach((name, terms) -> {
            List<org.bmsdk.api.network.AclRule> rules = new ArrayList<>();
            for (Map<String, String> t : terms.values()) {
                if (t.equals(Map.of("ether-type", "arp", "then", "accept"))) {
                    continue;
                }
                Map<String, String> rest = new HashMap<>(t);
                String proto = rest.remove("ip-protocol");
                String dst = rest.remove("ip-destination-address");
                String sport = rest.remove("source-port");
                String dport = rest.remove("destination-port");
                String icmp = rest.remove("icmp-type");
                org.bmsdk.api.network.AclRule r = rest.equals(Map.of("then", "accept")) && (icmp == null || icmp.equals("echo-reply"))
                        ? new AclMatch(proto, dst, sport, dport, icmp != null).rule() : null;
                if (r == null) {
                    return;
                }
                rules.add(r);
            }
            try {
                out.put(name, new org.bmsdk.api.network.Acl(name, rules));
            } catch (IllegalArgumentException e) {
                // a name bm-api's Acl does not allow is not one of ours
            }
        });
        return out;
    }

    private static PortState state(Port p, Map<String, Integer> names) {
        NavigableSet<Integer> ids = new TreeSet<>();
        for (String m : p.members) {
            ids.addAll(member(p.name, m, names));
        }
        if (!p.trunk) {
            if (ids.size() > 1) {
                throw new IllegalArgumentException("access port " + p.name + " has more than one VLAN: " + p.members);
            }
            int access = ids.isEmpty() ? 1 : ids.first();
            return new PortState(p.name, !p.disabled, PortState.Mode.ACCESS, VlanId.of(access), null, Set.of(), null, null);
        }
        Set<VlanId> allowed = new TreeSet<>();
        ids.forEach(v -> allowed.add(VlanId.of(v)));
        return new PortState(p.name, !p.disabled, PortState.Mode.TRUNK, null,
                p.nativeVlan == null ? null : VlanId.of(p.nativeVlan), allowed, null, null);
    }

    private static NavigableSet<Integer> member(String port, String m, Map<String, Integer> names) {
        if (m.equals("all")) {
            NavigableSet<Integer> all = new TreeSet<>();
            for (int v = 1; v <= 4094; v++) {
                all.add(v);
            }
            return all;
        }
        if (Character.isDigit(m.charAt(0))) {
            NavigableSet<Integer> ids = VlanRanges.parse(m);
            if (ids == null) {
                throw new IllegalArgumentException("bad VLAN member '" + m + "' on " + port);
            }
            return ids;
        }
        Integer id = names.get(m);
        if (id == null) {
            throw new IllegalArgumentException("port " + port + " is a member of VLAN '" + m + "', which has no vlan-id");
        }
        return new TreeSet<>(Set.of(id));
    }

    private static int vlan(String line, String text) {
        NavigableSet<Integer> ids = VlanRanges.parse(text);
        if (ids == null || ids.size() != 1) {
            throw new IllegalArgumentException("bad VLAN id in '" + line.strip() + "'");
        }
        return ids.first();
    }
}
