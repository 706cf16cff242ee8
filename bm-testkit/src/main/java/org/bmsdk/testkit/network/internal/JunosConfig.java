package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.bmsdk.testkit.network.internal.SwitchModel.Port;

/**
 * Junos configuration statements on a {@link SwitchModel}: checking a {@code set} or
 * {@code delete} line as it is typed, applying a candidate's lines at commit, and printing the
 * configuration as {@code show configuration | display set} does. One {@code vlan members} list
 * serves both modes on Junos; the model keeps it as the access VLAN (access mode, VLAN 1 being
 * none) or the allowed set (trunk mode).
 */
final class JunosConfig {

    private static final String FILTER_NAME = "[A-Za-z0-9_-]{1,64}";
    /** The {@code from} conditions, in the order Junos prints them, and their {@link RuleAcls} keys. */
    private static final Map<String, String> FROM = orderedFrom();

    /** What applying a statement did. */
    static final String NOT_FOUND = "warning: statement not found";
    private static final String ESW = "unit 0 family ethernet-switching";

    private JunosConfig() {
    }

    private static Map<String, String> orderedFrom() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("ether-type", RuleAcls.ETHER_TYPE);
        m.put("ip-source-address", RuleAcls.SOURCE);
        m.put("ip-destination-address", RuleAcls.DESTINATION);
        m.put("ip-protocol", RuleAcls.PROTOCOL);
        m.put("source-port", RuleAcls.SOURCE_PORTS);
        m.put("destination-port", RuleAcls.DESTINATION_PORTS);
        m.put("icmp-type", RuleAcls.ICMP_TYPE);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Checks the syntax of a configuration statement.
     *
     * @param words the line split on blanks, starting with {@code set} or {@code delete}
     * @return null when it is well formed, else the index of the bad word and the message, as
     *     {@code "index:message"}
     */
    static String check(List<String> words) {
        boolean set = words.get(0).equals("set");
        if (words.size() < 2) {
            return words.size() + ":syntax error.";
        }
        String top = words.get(1);
        if (top.equals("vlans")) {
            if (words.size() < 3) {
                return set ? "2:syntax error." : null;
            }
            if (!words.get(2).matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
                return "2:syntax error.";
            }
            if (words.size() == 3) {
                return null;
            }
            if (words.get(3).equals("vxlan")) {
                if (words.size() < 5 || !words.get(4).equals("vni")) {
                    return words.size() == 4 && !set ? null : "4:syntax error.";
                }
                return words.size() == 5 ? (set ? "5:missing argument." : null) : number(words, 5, 1, 16_777_214);
            }
            if (!words.get(3).equals("vlan-id") && !words.get(3).equals("description")) {
                return "3:syntax error.";
            }
            if (words.get(3).equals("vlan-id")) {
                if (words.size() == 4) {
                    return set ? "4:missing argument." : null;
                }
                return number(words, 4, 1, 4094);
            }
            return null;
        }
        if (top.equals("system")) {
            return words.size() >= 3 && words.get(2).equals("host-name") ? null : "2:syntax error.";
        }
        if (top.equals("firewall")) {
            return checkFirewall(words, set);
        }
        if (!top.equals("interfaces")) {
            return "1:syntax error.";
        }
        if (words.size() < 3) {
            return set ? "2:syntax error." : null;
        }
        boolean ae = words.get(2).matches("ae\\d{1,3}");
        if (!ae && !words.get(2).matches("[a-z]{2,3}-\\d+/\\d+/\\d+(?::\\d+)?")) {
            return "2:invalid interface type in '" + words.get(2) + "'";
        }
        if (words.size() == 3) {
            return set ? "3:syntax error." : null;
        }
        String what = words.get(3);
        switch (what) {
            case "disable":
                return words.size() == 4 ? null : "4:syntax error.";
            case "description":
                return words.size() > 4 || !set ? null : "4:missing argument.";
            case "native-vlan-id":
                return words.size() == 4 ? (set ? "4:missing argument." : null) : number(words, 4, 1, 4094);
            case "unit":
                break;
            case "aggregated-ether-options":
                if (!ae) {
                    return "3:syntax error.";
                }
                if (words.size() == 4 || !words.get(4).equals("lacp")) {
                    return words.size() == 4 && !set ? null : "4:syntax error.";
                }
                return words.size() == 5 ? (set ? "5:missing argument." : null)
                        : words.size() == 6 && (words.get(5).equals("active") || words.get(5).equals("passive")) ? null : "5:syntax error.";
            case "ether-options":
                if (ae) {
                    return "3:syntax error.";
                }
                if (words.size() == 4 || !words.get(4).equals("802.3ad")) {
                    return words.size() == 4 && !set ? null : "4:syntax error.";
                }
                return words.size() == 5 ? (set ? "5:missing argument." : null)
                        : words.size() == 6 && words.get(5).matches("ae\\d{1,3}") ? null : "5:syntax error.";
            default:
                return "3:syntax error.";
        }
        if (words.size() < 5 || !words.get(4).equals("0")) {
            return words.size() < 5 ? (set ? "4:missing argument." : null) : "4:syntax error.";
        }
        if (words.size() == 5) {
            return null;
        }
        if (!words.get(5).equals("family") || words.size() < 7 || !words.get(6).equals("ethernet-switching")) {
            return Math.min(words.size() - 1, words.size() < 7 ? 5 : 6) + ":syntax error.";
        }
        if (words.size() == 7) {
            return null;
        }
        String leaf = words.get(7);
        if (leaf.equals("interface-mode")) {
            if (words.size() == 8) {
                return set ? "8:missing argument." : null;
            }
            return words.size() == 9 && (words.get(8).equals("access") || words.get(8).equals("trunk")) ? null : "8:syntax error.";
        }
        if (leaf.equals("filter")) {
            if (words.size() == 8 || !(words.get(8).equals("input") || words.get(8).equals("output"))) {
                return words.size() == 8 && !set ? null : "8:syntax error.";
            }
            if (words.size() == 9) {
                return set ? "9:missing argument." : null;
            }
            return words.size() == 10 && words.get(9).matches(FILTER_NAME) ? null : "9:syntax error.";
        }
        if (leaf.equals("vlan")) {
            if (words.size() == 8 || !words.get(8).equals("members")) {
                return words.size() == 8 && !set ? null : "8:syntax error.";
            }
            return words.size() == 9 && set ? "9:missing argument." : null;
        }
        return "7:syntax error.";
    }

    /**
     * {@code firewall family ethernet-switching filter NAME term TERM (from CONDITION VALUE | then
     * accept|discard)}, the match conditions of ELS switches' port filters that bm-sdk's driver
     * writes and a few more.
     */
    private static String checkFirewall(List<String> w, boolean set) {
        if (w.size() < 3) {
            return set ? "2:syntax error." : null;
        }
        if (!w.get(2).equals("family") || w.size() > 3 && !w.get(3).equals("ethernet-switching")) {
            return (w.get(2).equals("family") ? 3 : 2) + ":syntax error.";
        }
        if (w.size() < 5) {
            return set ? w.size() + ":syntax error." : null;
        }
        if (!w.get(4).equals("filter")) {
            return "4:syntax error.";
        }
        if (w.size() == 5) {
            return set ? "5:missing argument." : null;
        }
        if (!w.get(5).matches(FILTER_NAME)) {
            return "5:syntax error.";
        }
        if (w.size() == 6) {
            return set ? "6:syntax error." : null;
        }
        if (!w.get(6).equals("term")) {
            return "6:syntax error.";
        }
        if (w.size() == 7) {
            return set ? "7:missing argument." : null;
        }
        if (!w.get(7).matches(FILTER_NAME)) {
            return "7:syntax error.";
        }
        if (w.size() == 8) {
            return set ? "8:syntax error." : null;
        }
        if (w.get(8).equals("then")) {
            if (w.size() == 9) {
                return set ? "9:syntax error." : null;
            }
            return w.size() == 10 && (w.get(9).equals("accept") || w.get(9).equals("discard")) ? null : "9:syntax error.";
        }
        if (!w.get(8).equals("from")) {
            return "8:syntax error.";
        }
        if (w.size() == 9) {
            return set ? "9:syntax error." : null;
        }
        String key = FROM.get(w.get(9));
        if (key == null) {
            return "9:syntax error.";
        }
        if (w.size() == 10) {
            return set ? "10:missing argument." : null;
        }
        return w.size() == 11 && fromValue(key, w.get(10)) != null ? null : "10:syntax error.";
    }

    /** The value of a {@code from} condition in {@link RuleAcls}' form, or null when it is not valid. */
    private static String fromValue(String key, String value) {
        switch (key) {
            case RuleAcls.PROTOCOL:
                return List.of("tcp", "udp", "icmp").contains(value) ? value : null;
            case RuleAcls.SOURCE:
            case RuleAcls.DESTINATION:
                return RuleAcls.prefix(value) ? value : null;
            case RuleAcls.SOURCE_PORTS:
            case RuleAcls.DESTINATION_PORTS:
                return RuleAcls.ports(value, "-");
            case RuleAcls.ICMP_TYPE:
                return List.of("echo-reply", "echo-request", "unreachable", "time-exceeded").contains(value) ? value : null;
            default: // ether-type
                return List.of("arp", "ipv4", "ipv6").contains(value) ? value : null;
        }
    }

    private static String number(List<String> words, int i, int min, int max) {
        String w = words.get(i);
        if (!w.matches("\\d{1,9}")) {
            return i + ":syntax error, expecting <number>.";
        }
        int v = Integer.parseInt(w);
        if (v < min || v > max) {
            return i + ":Value " + w + " is not within range (" + min + ".." + max + ") at '" + w + "'";
        }
        return words.size() == i + 1 ? null : (i + 1) + ":syntax error.";
    }

    /**
     * Applies a candidate's statements, the {@code vlans} ones first as Junos resolves names
     * against the whole configuration, then checks what a commit checks.
     *
     * @param m the configuration to change
     * @param statements checked lines
     * @return the commit's error lines; empty when it may be committed
     */
    static List<String> apply(SwitchModel m, List<String> statements) {
        List<String> errors = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (String s : statements) {
                List<String> w = List.of(s.split(" +"));
                if ((pass == 0) == w.get(1).equals("vlans")) {
                    String e = applyOne(m, w);
                    if (e != null && !e.equals(NOT_FOUND)) {
                        errors.add(e);
                    }
                }
            }
        }
        for (Port p : m.ports().values()) {
            if (p.lag != null && (m.port(p.lag) == null || !m.port(p.lag).lagInterface)) {
                errors.add("[edit interfaces " + p.name + " ether-options 802.3ad]\n  '" + p.lag + "'\n    " + p.lag
                        + " is not configured");
            }
            if (p.lag != null && (p.trunk || p.accessVlan != SwitchModel.DEFAULT_VLAN || p.eswUnit)) {
                errors.add("[edit interfaces " + p.name + "]\n  'unit 0'\n    An aggregated link member " + p.name
                        + " cannot have a logical unit");
            }
        }
        for (Map.Entry<Integer, Integer> e : m.vlanVni().entrySet()) {
            for (Map.Entry<Integer, Integer> o : m.vlanVni().entrySet()) {
                if (o.getValue().equals(e.getValue()) && o.getKey() < e.getKey()) {
                    errors.add("[edit vlans " + m.vlans().get(e.getKey()) + " vxlan]\n  'vni " + e.getValue() + "'\n    VNI "
                            + e.getValue() + " is already used by vlan " + m.vlans().get(o.getKey()));
                }
            }
        }
        for (Port p : m.ports().values()) {
            if (p.aclIn != null && !m.ruleAcls().containsKey(p.aclIn)) {
                errors.add("[edit interfaces " + p.name + " " + ESW + " filter]\n  'input " + p.aclIn + "'\n    Referenced filter '"
                        + p.aclIn + "' is not defined");
            }
        }
        for (Port p : m.ports().values()) {
            for (int v : members(p)) {
                if (!m.vlans().containsKey(v)) {
                    errors.add("[edit interfaces " + p.name + " " + ESW + " vlan]\n  'members " + v + "'\n    VLAN " + v
                            + " is not defined");
                }
            }
        }
        return errors;
    }

    /**
     * Applies one statement.
     *
     * @return null, {@link #NOT_FOUND} for a delete of what is not there, or an error
     */
    static String applyOne(SwitchModel m, List<String> w) {
        boolean set = w.get(0).equals("set");
        if (w.get(1).equals("system")) {
            if (set) {
                m.hostname(w.get(3));
            }
            return null;
        }
        if (w.get(1).equals("vlans")) {
            return vlans(m, w, set);
        }
        if (w.get(1).equals("firewall")) {
            return firewall(m, w, set);
        }
        if (w.size() == 3) {
            if (m.port(w.get(2)) == null) {
                return NOT_FOUND;
            }
            if (m.port(w.get(2)).lagInterface) {
                m.ports().remove(w.get(2));
                return null;
            }
            m.ports().put(w.get(2), new Port(w.get(2)));
            return null;
        }
        Port p = m.ports().computeIfAbsent(w.get(2), Port::new);
        if (w.get(2).startsWith("ae")) {
            p.lagInterface = true;
        }
        switch (w.get(3)) {
            case "aggregated-ether-options":
                p.lagMode = set ? "active" : null;
                return null;
            case "ether-options":
                if (!set && p.lag == null) {
                    return NOT_FOUND;
                }
                p.lag = set ? w.get(5) : null;
                p.lagMode = set ? "active" : null;
                return null;
            case "disable":
                if (!set && !p.shutdown) {
                    return NOT_FOUND;
                }
                p.shutdown = set;
                return null;
            case "description":
                p.description = set ? String.join(" ", w.subList(4, w.size())) : null;
                return null;
            case "native-vlan-id":
                if (!set && p.nativeVlan == null) {
                    return NOT_FOUND;
                }
                p.nativeVlan = set ? Integer.valueOf(w.get(4)) : null;
                return null;
            default:
                return esw(m, p, w, set);
        }
    }

    /** A filter, a term, or one of a term's conditions or its action. */
    private static String firewall(SwitchModel m, List<String> w, boolean set) {
        if (w.size() < 6) {
            if (m.ruleAcls().isEmpty()) {
                return NOT_FOUND;
            }
            m.ruleAcls().clear();
            return null;
        }
        String name = w.get(5);
        if (!set) {
            java.util.LinkedHashMap<String, java.util.TreeMap<String, String>> filter = m.ruleAcls().get(name);
            if (filter == null) {
                return NOT_FOUND;
            }
            if (w.size() < 8) {
                m.ruleAcls().remove(name);
                return null;
            }
            java.util.TreeMap<String, String> term = filter.get(w.get(7));
            if (term == null) {
                return NOT_FOUND;
            }
            if (w.size() < 9) {
                filter.remove(w.get(7));
            } else if (w.get(8).equals("then")) {
                term.remove(RuleAcls.ACTION);
            } else if (w.size() < 10) {
                term.keySet().removeIf(k -> !k.equals(RuleAcls.ACTION));
            } else if (term.remove(FROM.get(w.get(9))) == null) {
                return NOT_FOUND;
            }
            return null;
        }
        java.util.LinkedHashMap<String, java.util.TreeMap<String, String>> filter =
                m.ruleAcls().computeIfAbsent(name, n -> new java.util.LinkedHashMap<>());
        if (w.size() < 8) {
            return null;
        }
        java.util.TreeMap<String, String> term = filter.computeIfAbsent(w.get(7), t -> new java.util.TreeMap<>());
        if (w.get(8).equals("then")) {
            term.put(RuleAcls.ACTION, w.get(9).equals("accept") ? "permit" : "deny");
        } else {
            String key = FROM.get(w.get(9));
            term.put(key, fromValue(key, w.get(10)));
        }
        return null;
    }

    private static String vlans(SwitchModel m, List<String> w, boolean set) {
        if (w.size() == 2) {
            m.vlans().clear();
            return null;
        }
        String name = w.get(2);
        Integer current = null;
        for (Map.Entry<Integer, String> e : m.vlans().entrySet()) {
            if (e.getValue().equals(name)) {
                current = e.getKey();
            }
        }
        if (!set) {
            if (current == null) {
                return NOT_FOUND;
            }
            if (w.size() >= 4 && w.get(3).equals("vxlan")) {
                return m.vlanVni().remove(current) == null ? NOT_FOUND : null;
            }
            m.vlans().remove(current);
            m.vlanVni().remove(current);
            return null;
        }
        if (w.size() >= 4 && w.get(3).equals("vxlan")) {
            if (current == null) {
                return "[edit vlans " + name + "]\n    VLAN " + name + " has no vlan-id";
            }
            if (set && w.size() == 6) {
                m.vlanVni().put(current, Integer.parseInt(w.get(5)));
            }
            return null;
        }
        if (w.size() < 5 || !w.get(3).equals("vlan-id")) {
            return null;
        }
        int id = Integer.parseInt(w.get(4));
        String other = m.vlans().get(id);
        if (other != null && !other.equals(name)) {
            return "[edit vlans " + name + "]\n  'vlan-id " + id + "'\n    vlan-id " + id + " is already used by vlan " + other;
        }
        if (current != null) {
            m.vlans().remove(current);
        }
        m.vlans().put(id, name);
        return null;
    }

    private static String esw(SwitchModel m, Port p, List<String> w, boolean set) {
        if (w.size() > 7 && w.get(7).equals("filter")) {
            if (!set && p.aclIn == null && p.aclOut == null) {
                return NOT_FOUND;
            }
            boolean in = w.size() < 9 || w.get(8).equals("input");
            boolean out = w.size() < 9 || w.get(8).equals("output");
            String name = set ? w.get(9) : null;
            if (in) {
                p.aclIn = name;
            }
            if (out) {
                p.aclOut = name;
            }
            p.eswUnit |= set;
            return null;
        }
        p.eswUnit = set;
        if (w.size() <= 7) {
            if (!set) {
                p.aclIn = null;
                p.aclOut = null;
                p.trunk = false;
                p.accessVlan = SwitchModel.DEFAULT_VLAN;
                p.allowed = null;
            }
            return null;
        }
        if (w.get(7).equals("interface-mode")) {
            boolean trunk = set && w.get(8).equals("trunk");
            if (trunk != p.trunk) {
                NavigableSet<Integer> members = members(p);
                p.trunk = trunk;
                if (trunk) {
                    p.allowed = members;
                    p.accessVlan = SwitchModel.DEFAULT_VLAN;
                } else {
                    if (members.size() > 1) {
                        return "[edit interfaces " + p.name + " " + ESW + "]\n    Access interface " + p.name
                                + ".0 has more than one vlan member";
                    }
                    p.accessVlan = members.isEmpty() ? SwitchModel.DEFAULT_VLAN : members.first();
                    p.allowed = null;
                }
            }
            return null;
        }
        // vlan [members [X]]
        if (w.size() <= 9) {
            if (!set) {
                p.accessVlan = SwitchModel.DEFAULT_VLAN;
                p.allowed = p.trunk ? new TreeSet<>() : null;
            }
            return null;
        }
        NavigableSet<Integer> ids = new TreeSet<>();
        for (String token : w.subList(9, w.size())) {
            if (token.equals("[") || token.equals("]")) {
                continue;
            }
            NavigableSet<Integer> one = resolve(m, token);
            if (one == null) {
                return "[edit interfaces " + p.name + " " + ESW + " vlan]\n  'members " + token + "'\n    VLAN " + token
                        + " is not defined";
            }
            ids.addAll(one);
        }
        if (!set) {
            NavigableSet<Integer> now = members(p);
            if (!now.containsAll(ids) || p.trunk && p.allowed == null) {
                return NOT_FOUND;
            }
            now.removeAll(ids);
            setMembers(p, now);
            return null;
        }
        if (p.trunk) {
            if (p.allowed != null) {
                p.allowed.addAll(ids);
            }
            return null;
        }
        NavigableSet<Integer> now = members(p);
        now.addAll(ids);
        if (now.size() > 1) {
            return "[edit interfaces " + p.name + " " + ESW + "]\n    Access interface " + p.name
                    + ".0 has more than one vlan member";
        }
        setMembers(p, now);
        return null;
    }

    private static NavigableSet<Integer> resolve(SwitchModel m, String token) {
        if (token.equals("all")) {
            return new TreeSet<>(m.vlans().keySet());
        }
        if (Character.isDigit(token.charAt(0))) {
            return VlanLists.parse(token.replace('-', '-'));
        }
        for (Map.Entry<Integer, String> e : m.vlans().entrySet()) {
            if (e.getValue().equals(token)) {
                return new TreeSet<>(List.of(e.getKey()));
            }
        }
        return null;
    }

    /** A port's {@code vlan members} as ids. */
    static NavigableSet<Integer> members(Port p) {
        if (p.trunk) {
            NavigableSet<Integer> out = new TreeSet<>();
            if (p.allowed == null) {
                for (int v = 1; v <= 4094; v++) {
                    out.add(v);
                }
            } else {
                out.addAll(p.allowed);
            }
            return out;
        }
        NavigableSet<Integer> out = new TreeSet<>();
        if (p.accessVlan != SwitchModel.DEFAULT_VLAN) {
            out.add(p.accessVlan);
        }
        return out;
    }

    private static void setMembers(Port p, NavigableSet<Integer> ids) {
        if (p.trunk) {
            p.allowed = ids;
        } else {
            p.accessVlan = ids.isEmpty() ? SwitchModel.DEFAULT_VLAN : ids.first();
        }
    }

    /**
     * Prints a configuration as {@code show configuration | display set} does.
     *
     * @param m the configuration
     * @param section {@code vlans}, {@code interfaces}, an interface name, or null for all
     * @return the lines, each ending in a newline
     */
    static String displaySet(SwitchModel m, String section) {
        StringBuilder sb = new StringBuilder();
        if (section == null) {
            sb.append("set version 21.4R3-S4.9\n");
            sb.append("set system host-name ").append(m.hostname()).append('\n');
        }
        if (section == null || !section.equals("vlans")) {
            for (Port p : m.ports().values()) {
                if (section == null || section.equals("interfaces") || section.equals(p.name)) {
                    interfaceLines(p, sb);
                }
            }
        }
        if (section == null || section.equals("firewall")) {
            firewallLines(m, sb);
        }
        if (section == null || section.equals("vlans")) {
            m.vlans().forEach((id, name) -> {
                sb.append("set vlans ").append(name).append(" vlan-id ").append(id).append('\n');
                if (m.vlanVni().containsKey(id)) {
                    sb.append("set vlans ").append(name).append(" vxlan vni ").append(m.vlanVni().get(id)).append('\n');
                }
            });
        }
        return sb.toString();
    }

    private static void interfaceLines(Port p, StringBuilder sb) {
        String i = "set interfaces " + p.name;
        if (p.description != null) {
            sb.append(i).append(" description ").append(p.description).append('\n');
        }
        if (p.shutdown) {
            sb.append(i).append(" disable\n");
        }
        if (p.nativeVlan != null) {
            sb.append(i).append(" native-vlan-id ").append(p.nativeVlan).append('\n');
        }
        if (p.lagInterface) {
            sb.append(i).append(" aggregated-ether-options lacp active\n");
        }
        if (p.lag != null) {
            sb.append(i).append(" ether-options 802.3ad ").append(p.lag).append('\n');
            return; // a member has no unit of its own
        }
        String e = i + " " + ESW;
        boolean any = false;
        if (p.trunk) {
            sb.append(e).append(" interface-mode trunk\n");
            any = true;
            if (p.allowed == null) {
                sb.append(e).append(" vlan members all\n");
            } else {
                for (String r : VlanLists.ranges(p.allowed)) {
                    sb.append(e).append(" vlan members ").append(r).append('\n');
                }
            }
        } else if (p.accessVlan != SwitchModel.DEFAULT_VLAN) {
            sb.append(e).append(" interface-mode access\n");
            sb.append(e).append(" vlan members ").append(p.accessVlan).append('\n');
            any = true;
        }
        if (p.aclIn != null) {
            sb.append(e).append(" filter input ").append(p.aclIn).append('\n');
            any = true;
        }
        if (p.aclOut != null) {
            sb.append(e).append(" filter output ").append(p.aclOut).append('\n');
            any = true;
        }
        if (!any) {
            sb.append(e).append('\n');
        }
    }

    private static void firewallLines(SwitchModel m, StringBuilder sb) {
        m.ruleAcls().forEach((name, terms) -> {
            String f = "set firewall family ethernet-switching filter " + name;
            if (terms.isEmpty()) {
                sb.append(f).append('\n');
            }
            terms.forEach((term, fields) -> {
                String t = f + " term " + term;
                if (fields.isEmpty()) {
                    sb.append(t).append('\n');
                }
                FROM.forEach((word, key) -> {
                    if (fields.containsKey(key)) {
                        sb.append(t).append(" from ").append(word).append(' ').append(fields.get(key)).append('\n');
                    }
                });
                if (fields.containsKey(RuleAcls.ACTION)) {
                    sb.append(t).append(" then ").append(fields.get(RuleAcls.ACTION).equals("permit") ? "accept" : "discard")
                            .append('\n');
                }
            });
        });
    }

    /** {@code show vlans}, as ELS switches print it. */
    static String showVlans(SwitchModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-23s %-21s %-12s %s%n", "Routing instance", "VLAN name", "Tag", "Interfaces"));
        m.vlans().forEach((id, name) -> {
            sb.append(String.format("%-23s %-21s %-12s%n", "default-switch", name, id));
            for (Port p : m.ports().values()) {
                if (members(p).contains(id) || !p.trunk && id == SwitchModel.DEFAULT_VLAN && p.accessVlan == id) {
                    sb.append(" ".repeat(59)).append(p.name).append(".0").append(p.shutdown ? "" : "*").append('\n');
                }
            }
        });
        return sb.toString().replace("\r", "").stripTrailing();
    }
}
