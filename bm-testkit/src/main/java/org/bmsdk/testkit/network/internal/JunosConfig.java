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

    /** What applying a statement did. */
    static final String NOT_FOUND = "warning: statement not found";
    private static final String ESW = "unit 0 family ethernet-switching";

    private JunosConfig() {
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
        if (leaf.equals("vlan")) {
            if (words.size() == 8 || !words.get(8).equals("members")) {
                return words.size() == 8 && !set ? null : "8:syntax error.";
            }
            return words.size() == 9 && set ? "9:missing argument." : null;
        }
        return "7:syntax error.";
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
        p.eswUnit = set;
        if (w.size() <= 7) {
            if (!set) {
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
        if (!any) {
            sb.append(e).append('\n');
        }
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
