package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.bmsdk.testkit.network.internal.SwitchModel.Port;

/**
 * One Cumulus Linux 5 shell session with NVUE ({@code cumulus@host:mgmt:~$}): {@code nv set} and
 * {@code nv unset} stage changes in the session's pending revision, checked as they are typed
 * ({@code Error: Invalid Command: ...}); {@code nv config apply -y} checks the whole revision
 * (every VLAN a port uses must be one of the bridge's) and applies it; {@code nv config save} makes
 * it the startup configuration; {@code nv config detach} drops the revision; {@code nv config show
 * -o commands} prints the applied configuration. Only the default bridge, {@code br_default}, exists.
 * Unlike a real switch, a port of the bridge with no {@code access} and no {@code vlan} is an access
 * port of VLAN 1 here rather than a trunk of all the bridge's VLANs. Bonds ({@code interface bondN
 * bond member swpX}, {@code bond mode lacp}) and the VXLAN map ({@code bridge domain br_default vlan
 * V vni N}, which needs {@code nve vxlan enable on} and a bridge VLAN at apply) are kept too; the
 * apply errors' wording is this simulator's, not captured. Modelled on the NVUE command
 * reference, not captured from a device.
 */
final class NvueInterpreter implements ShellInterpreter {

    private static final String BRIDGE = "bridge domain br_default";
    private static final String ACL_NAME = "[A-Za-z0-9_-]{1,64}";

    private final SwitchState state;
    private final String user;
    private final List<List<String>> pending = new ArrayList<>();
    private int revision = 1;

    NvueInterpreter(SwitchState state, String user) {
        this.state = state;
        this.user = user;
    }

    @Override
    public String prompt() {
        return user + "@" + state.running(SwitchModel::hostname) + ":mgmt:~$ ";
    }

    @Override
    public int pageLength() {
        return 0;
    }

    @Override
    public boolean awaitingSecret() {
        return false;
    }

    @Override
    public CliInterpreter.Reply execute(String line) {
        List<String> w = new ArrayList<>();
        for (String s : line.strip().split(" +")) {
            if (!s.isEmpty()) {
                w.add(s);
            }
        }
        if (w.isEmpty()) {
            return CliInterpreter.Reply.ok("");
        }
        if (w.get(0).equals("exit") || w.get(0).equals("logout")) {
            return new CliInterpreter.Reply("logout", true, null);
        }
        if (!w.get(0).equals("nv")) {
            return fail("-bash: " + w.get(0) + ": command not found");
        }
        String rest = String.join(" ", w.subList(1, w.size()));
        if (w.size() > 1 && (w.get(1).equals("set") || w.get(1).equals("unset"))) {
            List<String> statement = w.subList(1, w.size());
            if (!valid(statement)) {
                return fail("Error: Invalid Command: " + rest);
            }
            pending.add(List.copyOf(statement));
            return CliInterpreter.Reply.ok("");
        }
        switch (rest) {
            case "config apply -y":
            case "config apply --assume-yes":
                return apply();
            case "config save":
                state.save();
                return CliInterpreter.Reply.ok("saved [rev_id: " + revision + "]");
            case "config detach":
                pending.clear();
                return CliInterpreter.Reply.ok("");
            case "config show -o commands":
                return CliInterpreter.Reply.ok(state.running(NvueInterpreter::commands));
            case "show interface":
                return CliInterpreter.Reply.ok(state.running(mm -> LinkTables.nvueInterfaces(mm, p -> state.link(mm, p))));
            default:
                return fail("Error: Invalid Command: " + rest);
        }
    }

    private CliInterpreter.Reply apply() {
        List<List<String>> revisionLines = List.copyOf(pending);
        List<String> errors = state.running(m -> {
            SwitchModel copy = m.copy();
            List<String> e = applyAll(copy, revisionLines);
            if (e.isEmpty()) {
                applyAll(m, revisionLines);
            }
            return e;
        });
        revision++;
        if (!errors.isEmpty()) {
            String out = "Error: Invalid config [rev_id: " + revision + "]\n  " + String.join("\n  ", errors);
            return new CliInterpreter.Reply(out, false, "Error: Invalid config [rev_id: " + revision + "]");
        }
        pending.clear();
        return CliInterpreter.Reply.ok("applied [rev_id: " + revision + "]");
    }

    /** Whether a statement is one this switch knows, with values in range. */
    private static boolean valid(List<String> s) {
        String r = String.join(" ", s.subList(1, s.size()));
        boolean set = s.get(0).equals("set");
        if (r.matches(BRIDGE + " vlan \\d+ vni( \\d+)?")) {
            String[] bw = r.split(" ");
            return VlanLists.vlan(bw[4]) != null && (bw.length == 6 ? !set : vni(bw[6]));
        }
        if (r.startsWith("nve")) {
            return r.equals("nve") ? !set : r.matches("nve vxlan enable (on|off)") || r.matches("nve vxlan source address [0-9.]+");
        }
        if (r.startsWith(BRIDGE + " vlan")) {
            return r.equals(BRIDGE + " vlan") || VlanLists.parse(r.substring((BRIDGE + " vlan ").length())) != null;
        }
        if (r.startsWith("system hostname ")) {
            return true;
        }
        if (s.size() >= 2 && s.get(1).equals("acl")) {
            return validAcl(s.subList(2, s.size()), set);
        }
        if (s.size() < 3 || !s.get(1).equals("interface") || !s.get(2).matches("swp\\d+(s\\d+)?|bond\\d{1,4}")) {
            return false;
        }
        String p = String.join(" ", s.subList(3, s.size()));
        if (p.isEmpty()) {
            return !set && s.get(2).startsWith("bond"); // a bond can be removed, a switch port cannot
        }
        if (p.startsWith("bond ")) {
            return s.get(2).startsWith("bond") && (p.matches("bond member swp\\d+(s\\d+)?")
                    || (set && p.matches("bond mode (lacp|static)|bond lacp-rate (fast|slow)")));
        }
        if (p.equals("link state up") || p.equals("link state down")) {
            return set;
        }
        if (p.startsWith("acl") && !s.get(2).startsWith("bond")) {
            String[] aw = p.split(" ");
            return aw.length == 1 ? !set : aw[1].matches(ACL_NAME) && (aw.length == 2 ? !set
                    : aw.length == 3 && (aw[2].equals("inbound") || aw[2].equals("outbound")));
        }
        if (p.equals(BRIDGE)) {
            return true;
        }
        if (!p.startsWith(BRIDGE + " ")) {
            return false;
        }
        String b = p.substring(BRIDGE.length() + 1);
        String[] bw = b.split(" ");
        switch (bw[0]) {
            case "access":
                return bw.length == 1 ? !set : bw.length == 2 && VlanLists.vlan(bw[1]) != null;
            case "untagged":
                return bw.length == 1 ? !set : bw.length == 2 && (bw[1].equals("none") || VlanLists.vlan(bw[1]) != null);
            case "vlan":
                return bw.length == 1 ? !set : bw.length == 2 && VlanLists.parse(bw[1]) != null;
            default:
                return false;
        }
    }

    /**
     * {@code acl NAME [type ipv4 | rule N [action permit|deny | match ip (protocol P | dest-ip A/L |
     * source-ip A/L | tcp|udp dest-port|source-port P[:Q] | icmp-type T)]]}; {@code unset} may stop
     * at any level.
     */
    private static boolean validAcl(List<String> a, boolean set) {
        if (a.isEmpty() || !a.get(0).matches(ACL_NAME)) {
            return a.isEmpty() && !set;
        }
        if (a.size() == 1) {
            return !set;
        }
        if (a.get(1).equals("type")) {
            return a.size() == 2 ? !set : a.size() == 3 && a.get(2).equals("ipv4");
        }
        if (!a.get(1).equals("rule") || a.size() < 3 || !a.get(2).matches("[0-9]{1,5}") || Integer.parseInt(a.get(2)) > 65535) {
            return a.size() == 2 && !set;
        }
        if (a.size() == 3) {
            return !set;
        }
        String r = String.join(" ", a.subList(3, a.size()));
        if (!set && (r.equals("action") || r.equals("match") || r.equals("match ip"))) {
            return true;
        }
        return aclField(a.subList(3, a.size())) != null;
    }

    /** A rule's statement as the {@link RuleAcls} key and value it sets, or null when it is not valid. */
    private static String[] aclField(List<String> w) {
        String r = String.join(" ", w);
        if (r.matches("action (permit|deny)")) {
            return new String[] {RuleAcls.ACTION, w.get(1)};
        }
        if (r.matches("match ip protocol (tcp|udp|icmp)")) {
            return new String[] {RuleAcls.PROTOCOL, w.get(3)};
        }
        if (r.matches("match ip (dest-ip|source-ip) \\S+") && RuleAcls.prefix(w.get(3))) {
            return new String[] {w.get(2).equals("dest-ip") ? RuleAcls.DESTINATION : RuleAcls.SOURCE, w.get(3)};
        }
        if (r.matches("match ip (tcp|udp) (dest-port|source-port) \\S+") && RuleAcls.ports(w.get(4), ":") != null) {
            return new String[] {w.get(3).equals("dest-port") ? RuleAcls.DESTINATION_PORTS : RuleAcls.SOURCE_PORTS,
                RuleAcls.ports(w.get(4), ":")};
        }
        if (r.matches("match ip icmp-type (echo-reply|echo-request|dest-unreachable|time-exceeded)")) {
            return new String[] {RuleAcls.ICMP_TYPE, w.get(3)};
        }
        return null;
    }

    private static String applyAcl(SwitchModel m, List<String> s, boolean set) {
        if (s.size() == 2) {
            m.ruleAcls().clear();
            return null;
        }
        String name = s.get(2);
        if (!set && s.size() == 3) {
            m.ruleAcls().remove(name);
            return null;
        }
        java.util.LinkedHashMap<String, java.util.TreeMap<String, String>> rules =
                set ? m.ruleAcls().computeIfAbsent(name, n -> new java.util.LinkedHashMap<>()) : m.ruleAcls().get(name);
        if (rules == null || s.get(3).equals("type")) {
            return null;
        }
        if (s.size() == 4) {
            rules.clear();
            return null;
        }
        String number = s.get(4);
        if (!set) {
            java.util.TreeMap<String, String> rule = rules.get(number);
            if (rule == null || s.size() == 5) {
                rules.remove(number);
            } else if (aclField(s.subList(5, s.size())) != null) {
                rule.remove(aclField(s.subList(5, s.size()))[0]);
            } else {
                rule.keySet().removeIf(k -> s.get(5).equals("action") == k.equals(RuleAcls.ACTION));
            }
            return null;
        }
        String[] field = aclField(s.subList(5, s.size()));
        rules.computeIfAbsent(number, n -> new java.util.TreeMap<>()).put(field[0], field[1]);
        // rules apply in number order
        java.util.List<String> order = new ArrayList<>(rules.keySet());
        order.sort(java.util.Comparator.comparingInt(Integer::parseInt));
        java.util.LinkedHashMap<String, java.util.TreeMap<String, String>> sorted = new java.util.LinkedHashMap<>();
        order.forEach(k -> sorted.put(k, rules.get(k)));
        rules.clear();
        rules.putAll(sorted);
        return null;
    }

    private static List<String> applyAll(SwitchModel m, List<List<String>> statements) {
        List<String> errors = new ArrayList<>();
        for (List<String> s : statements) {
            String e = applyOne(m, s);
            if (e != null) {
                errors.add(e);
            }
        }
        java.util.Map<Integer, Integer> vlanOfVni = new java.util.HashMap<>();
        m.vlanVni().forEach((vlan, vni) -> {
            if (!m.vlans().containsKey(vlan)) {
                errors.add("vni " + vni + ": vlan " + vlan + " is not a vlan of bridge domain br_default");
            }
            Integer other = vlanOfVni.put(vni, vlan);
            if (other != null) {
                errors.add("vni " + vni + " is mapped to more than one vlan (" + other + ", " + vlan + ")");
            }
        });
        if (!m.vlanVni().isEmpty() && !m.vxlanInterface) {
            errors.add("bridge domain br_default has vnis, but nve vxlan is not enabled");
        }
        for (Port p : m.ports().values()) {
            for (String acl : java.util.Arrays.asList(p.aclIn, p.aclOut)) {
                if (acl != null && !m.ruleAcls().containsKey(acl)) {
                    errors.add("Interface " + p.name + ": acl " + acl + " does not exist");
                }
            }
            NavigableSet<Integer> used = new TreeSet<>();
            if (p.trunk) {
                used.addAll(p.allowed == null ? m.vlans().keySet() : p.allowed);
                if (p.nativeVlan != null) {
                    used.add(p.nativeVlan);
                }
            } else {
                used.add(p.accessVlan);
            }
            for (int v : used) {
                if (!m.vlans().containsKey(v)) {
                    errors.add("Interface " + p.name + ": vlan " + v + " is not a vlan of bridge domain br_default");
                }
            }
        }
        return errors;
    }

    private static String applyOne(SwitchModel m, List<String> s) {
        boolean set = s.get(0).equals("set");
        if (s.get(1).equals("system")) {
            m.hostname(s.get(3));
            return null;
        }
        if (s.get(1).equals("acl")) {
            return applyAcl(m, s, set);
        }
        if (s.get(1).equals("nve")) {
            m.vxlanInterface = set && s.size() > 4 && s.get(3).equals("enable") ? s.get(4).equals("on") : set && m.vxlanInterface;
            return null;
        }
        if (s.get(1).equals("bridge") && s.size() > 6 && s.get(6).equals("vni")) {
            int vlan = Integer.parseInt(s.get(5));
            if (set) {
                m.vlanVni().put(vlan, Integer.parseInt(s.get(7)));
            } else {
                m.vlanVni().remove(vlan);
            }
            return null;
        }
        if (s.get(1).equals("bridge")) {
            NavigableSet<Integer> ids = s.size() > 5 ? VlanLists.parse(s.get(5)) : new TreeSet<>(m.vlans().keySet());
            for (int v : ids) {
                if (set) {
                    m.vlans().putIfAbsent(v, SwitchModel.defaultName(v));
                } else if (v != SwitchModel.DEFAULT_VLAN) {
                    m.vlans().remove(v);
                    m.vlanVni().remove(v);
                }
            }
            return null;
        }
        if (s.get(2).startsWith("bond")) {
            String e = bond(m, s, set);
            if (e != null || s.size() < 4 || s.get(3).equals("bond")) {
                return e;
            }
        }
        Port p = m.port(s.get(2));
        if (p == null) {
            return "Interface " + s.get(2) + " does not exist on this platform";
        }
        if (s.get(3).equals("link")) {
            p.shutdown = s.get(5).equals("down");
            return null;
        }
        if (s.get(3).equals("acl")) {
            String name = s.size() > 4 ? s.get(4) : null;
            if (set) {
                boolean in = s.get(5).equals("inbound");
                String had = in ? p.aclIn : p.aclOut;
                if (had != null && !had.equals(name)) {
                    // NVUE would keep both (a port's acl is a list); this model keeps one a direction, so it says so
                    return "Interface " + p.name + ": acl " + had + " is bound " + s.get(5) + " already (unset it first)";
                }
                if (in) {
                    p.aclIn = name;
                } else {
                    p.aclOut = name;
                }
            } else {
                p.aclIn = name == null || name.equals(p.aclIn) ? null : p.aclIn;
                p.aclOut = name == null || name.equals(p.aclOut) ? null : p.aclOut;
            }
            return null;
        }
        if (s.size() == 6) {
            return null;
        }
        String what = s.get(6);
        String value = s.size() > 7 ? s.get(7) : null;
        switch (what) {
            case "access":
                p.trunk = false;
                p.allowed = null;
                p.accessVlan = set ? Integer.parseInt(value) : SwitchModel.DEFAULT_VLAN;
                break;
            case "untagged":
                p.nativeVlan = !set ? Integer.valueOf(SwitchModel.DEFAULT_VLAN) : value.equals("none") ? null : Integer.valueOf(value);
                break;
            default: // vlan
                if (set) {
                    p.trunk = true;
                    p.allowed = p.allowed == null ? new TreeSet<>() : p.allowed;
                    p.allowed.addAll(VlanLists.parse(value));
                    p.accessVlan = SwitchModel.DEFAULT_VLAN;
                } else if (value == null) {
                    p.trunk = false;
                    p.allowed = null;
                } else if (p.allowed != null) {
                    p.allowed.removeAll(VlanLists.parse(value));
                    if (p.allowed.isEmpty()) {
                        p.trunk = false;
                        p.allowed = null;
                    }
                }
                break;
        }
        return null;
    }

    /**
     * A bond: any statement on it creates it; {@code unset interface bondN} removes it and frees its
     * members; {@code bond member swpX} makes the port a member (it leaves the bridge, so its VLANs
     * are dropped) or frees it.
     */
    private static String bond(SwitchModel m, List<String> s, boolean set) {
        String name = s.get(2);
        if (s.size() == 3) {
            m.ports().remove(name);
            m.ports().values().forEach(p -> {
                if (name.equals(p.lag)) {
                    p.lag = null;
                    p.lagMode = null;
                }
            });
            return null;
        }
        if (m.port(name) == null) {
            Port b = new Port(name);
            b.lagInterface = true;
            m.ports().put(name, b);
        }
        if (s.get(3).equals("bond") && s.get(4).equals("member")) {
            Port member = m.port(s.get(5));
            if (member == null) {
                return "Interface " + s.get(5) + " does not exist on this platform";
            }
            if (member.lag != null && !member.lag.equals(name) && set) {
                return "Interface " + s.get(5) + " is already a member of " + member.lag;
            }
            if (set) {
                member.lag = name;
                member.lagMode = "active";
                member.trunk = false;
                member.allowed = null;
                member.nativeVlan = null;
                member.accessVlan = SwitchModel.DEFAULT_VLAN;
            } else if (name.equals(member.lag)) {
                member.lag = null;
                member.lagMode = null;
            }
        }
        return null;
    }

    private static boolean vni(String word) {
        return word.matches("\\d{1,8}") && Integer.parseInt(word) >= 1 && Integer.parseInt(word) <= 16_777_214;
    }

    /** {@code nv config show -o commands}: the applied configuration as the commands that make it. */
    static String commands(SwitchModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append("nv set system hostname ").append(m.hostname()).append('\n');
        sb.append("nv set ").append(BRIDGE).append(" vlan ").append(String.join(",", VlanLists.ranges(m.vlans().keySet())))
                .append('\n');
        if (m.vxlanInterface) {
            sb.append("nv set nve vxlan enable on\n");
        }
        m.vlanVni().forEach((vlan, vni) -> sb.append("nv set ").append(BRIDGE).append(" vlan ").append(vlan).append(" vni ")
                .append(vni).append('\n'));
        m.ruleAcls().forEach((name, rules) -> {
            sb.append("nv set acl ").append(name).append(" type ipv4\n");
            rules.forEach((number, f) -> {
                String r = "nv set acl " + name + " rule " + number;
                if (f.containsKey(RuleAcls.ACTION)) {
                    sb.append(r).append(" action ").append(f.get(RuleAcls.ACTION)).append('\n');
                }
                if (f.containsKey(RuleAcls.PROTOCOL)) {
                    sb.append(r).append(" match ip protocol ").append(f.get(RuleAcls.PROTOCOL)).append('\n');
                }
                if (f.containsKey(RuleAcls.SOURCE)) {
                    sb.append(r).append(" match ip source-ip ").append(f.get(RuleAcls.SOURCE)).append('\n');
                }
                if (f.containsKey(RuleAcls.DESTINATION)) {
                    sb.append(r).append(" match ip dest-ip ").append(f.get(RuleAcls.DESTINATION)).append('\n');
                }
                // NVUE keeps a port match under its protocol; this model keeps one protocol per rule
                String l4 = f.getOrDefault(RuleAcls.PROTOCOL, "tcp");
                if (f.containsKey(RuleAcls.SOURCE_PORTS)) {
                    sb.append(r).append(" match ip ").append(l4).append(" source-port ")
                            .append(f.get(RuleAcls.SOURCE_PORTS).replace('-', ':')).append('\n');
                }
                if (f.containsKey(RuleAcls.DESTINATION_PORTS)) {
                    sb.append(r).append(" match ip ").append(l4).append(" dest-port ")
                            .append(f.get(RuleAcls.DESTINATION_PORTS).replace('-', ':')).append('\n');
                }
                if (f.containsKey(RuleAcls.ICMP_TYPE)) {
                    sb.append(r).append(" match ip icmp-type ").append(f.get(RuleAcls.ICMP_TYPE)).append('\n');
                }
            });
        });
        for (Port p : m.ports().values()) {
            String i = "nv set interface " + p.name;
            if (p.lagInterface) {
                m.ports().values().stream().filter(mm -> p.name.equals(mm.lag))
                        .forEach(mm -> sb.append(i).append(" bond member ").append(mm.name).append('\n'));
                sb.append(i).append(" bond mode lacp\n");
            }
            if (p.lag != null) {
                if (p.shutdown) {
                    sb.append(i).append(" link state down\n");
                }
                continue; // a bond member is not a bridge port
            }
            sb.append(i).append(' ').append(BRIDGE).append('\n');
            if (p.shutdown) {
                sb.append(i).append(" link state down\n");
            }
            if (p.aclIn != null) {
                sb.append(i).append(" acl ").append(p.aclIn).append(" inbound\n");
            }
            if (p.aclOut != null) {
                sb.append(i).append(" acl ").append(p.aclOut).append(" outbound\n");
            }
            if (p.trunk && (p.allowed == null || !p.allowed.isEmpty())) {
                String list = p.allowed == null ? "1-4094" : String.join(",", VlanLists.ranges(p.allowed));
                sb.append(i).append(' ').append(BRIDGE).append(" vlan ").append(list).append('\n');
                sb.append(i).append(' ').append(BRIDGE).append(" untagged ")
                        .append(p.nativeVlan == null ? "none" : p.nativeVlan.toString()).append('\n');
            } else if (!p.trunk && p.accessVlan != SwitchModel.DEFAULT_VLAN) {
                sb.append(i).append(' ').append(BRIDGE).append(" access ").append(p.accessVlan).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    private static CliInterpreter.Reply fail(String line) {
        return new CliInterpreter.Reply(line, false, line);
    }
}
