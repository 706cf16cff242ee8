package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.bmsdk.testkit.network.internal.SwitchModel.Port;

/**
 * One SONiC shell session: bash as the login user ({@code admin@host:~$}), root after
 * {@code sudo su} (sudo asks the login password once per session), and SONiC's click commands:
 * {@code config vlan add|del}, {@code config vlan member add [-u]|del}, {@code config portchannel
 * add|del}, {@code config portchannel member add|del} ({@code show interfaces portchannel}), {@code config interface
 * shutdown|startup}, {@code config save -y}, {@code show vlan config}, {@code show interfaces status}.
 * The click commands refuse what is done already, with {@code Error: ...}. A port is an untagged
 * member of at most one VLAN and a tagged member of others; the model keeps the untagged one as the
 * access VLAN (no tagged VLAN) or the native one (some). Modelled on SONiC's documented command
 * reference, not captured from a device.
 */
final class SonicInterpreter implements ShellInterpreter {

    private final SwitchState state;
    private final String user;
    private final String password;
    private boolean root;
    private boolean sudoCached;
    private String afterPassword;

    SonicInterpreter(SwitchState state, String user, String password) {
        this.state = state;
        this.user = user;
        this.password = password;
    }

    @Override
    public String prompt() {
        if (afterPassword != null) {
            return "[sudo] password for " + user + ": ";
        }
        String host = state.running(SwitchModel::hostname);
        return root ? "root@" + host + ":/home/" + user + "# " : user + "@" + host + ":~$ ";
    }

    @Override
    public int pageLength() {
        return 0;
    }

    @Override
    public boolean awaitingSecret() {
        return afterPassword != null;
    }

    @Override
    public CliInterpreter.Reply execute(String line) {
        if (afterPassword != null) {
            String command = afterPassword;
            afterPassword = null;
            if (!line.equals(password)) {
                return fail("sudo: 1 incorrect password attempt");
            }
            sudoCached = true;
            return sudo(command);
        }
        List<String> w = words(line);
        if (w.isEmpty()) {
            return CliInterpreter.Reply.ok("");
        }
        switch (w.get(0)) {
            case "exit":
            case "logout":
                if (root) {
                    root = false;
                    return CliInterpreter.Reply.ok("exit");
                }
                return new CliInterpreter.Reply("logout", true, null);
            case "sudo":
                String rest = String.join(" ", w.subList(1, w.size()));
                if (!root && !sudoCached) {
                    afterPassword = rest;
                    return CliInterpreter.Reply.ok("");
                }
                return sudo(rest);
            case "config":
                return root ? config(w) : fail("Root privileges are required for this operation");
            case "sonic-db-cli":
                return root ? SonicAcls.db(state, w) : fail("Error: sonic-db-cli: permission denied (run it as root)");
            case "show":
                return show(w);
            default:
                return fail("-bash: " + w.get(0) + ": command not found");
        }
    }

    private CliInterpreter.Reply sudo(String command) {
        List<String> w = words(command);
        if (w.isEmpty() || command.equals("su") || command.equals("-s") || command.equals("-i")) {
            root = true;
            return CliInterpreter.Reply.ok("");
        }
        boolean was = root;
        root = true;
        try {
            return execute(command);
        } finally {
            root = was;
        }
    }

    private CliInterpreter.Reply config(List<String> w) {
        String sub = w.size() > 1 ? w.get(1) : "";
        if (sub.equals("save") && w.size() == 3 && w.get(2).equals("-y")) {
            state.save();
            return CliInterpreter.Reply.ok("Running command: /usr/local/bin/sonic-cfggen -d --print-data > /etc/sonic/config_db.json");
        }
        if (sub.equals("vlan") && w.size() == 4 && (w.get(2).equals("add") || w.get(2).equals("del"))) {
            Integer v = vlan(w.get(3));
            if (v == null) {
                return fail("Error: Invalid VLAN ID " + w.get(3) + " (1-4094)");
            }
            return state.running(m -> w.get(2).equals("add") ? addVlan(m, v) : delVlan(m, v));
        }
        if (sub.equals("vlan") && w.size() >= 6 && w.get(2).equals("member")) {
            boolean untagged = w.get(4).equals("-u") || w.get(4).equals("--untagged");
            if (w.size() != (untagged ? 7 : 6) || !(w.get(3).equals("add") || w.get(3).equals("del") && !untagged)) {
                return usage("config vlan member", w.get(3));
            }
            Integer v = vlan(w.get(untagged ? 5 : 4));
            String port = w.get(untagged ? 6 : 5);
            if (v == null) {
                return fail("Error: Invalid VLAN ID " + w.get(untagged ? 5 : 4) + " (1-4094)");
            }
            return state.running(m -> w.get(3).equals("add") ? addMember(m, v, port, untagged) : delMember(m, v, port));
        }
        if (sub.equals("portchannel")) {
            return portchannel(w);
        }
        if (sub.equals("acl")) {
            return SonicAcls.config(state, w);
        }
        if (sub.equals("vxlan")) {
            return vxlan(w);
        }
        if (sub.equals("interface") && w.size() == 4 && (w.get(2).equals("shutdown") || w.get(2).equals("startup"))) {
            return state.running(m -> {
                Port p = m.port(w.get(3));
                if (p == null) {
                    return fail("Error: Interface name is invalid. Please enter a valid interface name!!");
                }
                p.shutdown = w.get(2).equals("shutdown");
                return CliInterpreter.Reply.ok("");
            });
        }
        return usage("config", sub);
    }

    /**
     * {@code config vxlan add|del NAME [IP]} (one VTEP) and {@code config vxlan map add|del NAME
     * VLAN VNI}: a map needs the VTEP and the VLAN, and takes a VLAN and a VNI that are free; the
     * VTEP cannot go while it has maps. The error texts are this simulator's.
     */
    private CliInterpreter.Reply vxlan(List<String> w) {
        boolean map = w.size() > 2 && w.get(2).equals("map");
        int op = map ? 3 : 2;
        if (w.size() <= op || !(w.get(op).equals("add") || w.get(op).equals("del"))) {
            return usage("config vxlan" + (map ? " map" : ""), w.size() > op ? w.get(op) : "");
        }
        boolean add = w.get(op).equals("add");
        int args = map ? 3 : add ? 2 : 1;
        if (w.size() != op + 1 + args) {
            return fail("Error: Missing argument.");
        }
        String name = w.get(op + 1);
        return state.running(m -> {
            if (!map) {
                if (add) {
                    if (m.vtepName != null) {
                        return fail("Error: VTEP " + m.vtepName + " is already configured; SONiC has one");
                    }
                    if (AclEntries.ipv4(w.get(op + 2)) == null) {
                        return fail("Error: " + w.get(op + 2) + " is not a valid IPv4 address");
                    }
                    m.vtepName = name;
                    m.vtepIp = w.get(op + 2);
                    return CliInterpreter.Reply.ok("");
                }
                if (!name.equals(m.vtepName)) {
                    return fail("Error: VTEP " + name + " does not exist");
                }
                if (!m.vlanVni().isEmpty()) {
                    return fail("Error: Please delete all VLAN VNI mappings of " + name + " first");
                }
                m.vtepName = null;
                m.vtepIp = null;
                return CliInterpreter.Reply.ok("");
            }
            if (!name.equals(m.vtepName)) {
                return fail("Error: VTEP " + name + " does not exist");
            }
            Integer v = vlan(w.get(op + 2));
            String vniWord = w.get(op + 3);
            if (v == null || !vniWord.matches("\\d{1,8}") || Integer.parseInt(vniWord) < 1 || Integer.parseInt(vniWord) > 16_777_215) {
                return fail("Error: Invalid VLAN ID or VNI: " + w.get(op + 2) + " " + vniWord);
            }
            int vni = Integer.parseInt(vniWord);
            if (!add) {
                if (!Integer.valueOf(vni).equals(m.vlanVni().get(v))) {
                    return fail("Error: Vlan" + v + " is not mapped to VNI " + vni);
                }
                m.vlanVni().remove(v);
                return CliInterpreter.Reply.ok("");
            }
            if (!m.vlans().containsKey(v)) {
                return fail("Error: Vlan" + v + " not configured");
            }
            if (m.vlanVni().containsKey(v)) {
                return fail("Error: Vlan" + v + " is already mapped to VNI " + m.vlanVni().get(v));
            }
            if (m.vlanVni().containsValue(vni)) {
                return fail("Error: VNI " + vni + " is already mapped");
            }
            m.vlanVni().put(v, vni);
            return CliInterpreter.Reply.ok("");
        });
    }

    /** {@code show vxlan interface}. */
    static String vxlanInterface(SwitchModel m) {
        if (m.vtepName == null) {
            return "VTEP Information:\n";
        }
        return "VTEP Information:\n\n        VTEP Name : " + m.vtepName + ", SIP  : " + m.vtepIp + "\n        Source interface  : Loopback0";
    }

    /** {@code show vxlan vlanvnimap}, a tabulate grid. */
    static String vlanVniMap(SwitchModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append("+---------+----------+\n| VLAN    |      VNI |\n+=========+==========+\n");
        m.vlanVni().forEach((vlan, vni) -> sb.append(String.format("| %-7s | %8d |%n+---------+----------+%n", "Vlan" + vlan, vni)));
        sb.append("Total count : ").append(m.vlanVni().size());
        return sb.toString();
    }

    /**
     * {@code config portchannel add|del PortChannelN} and {@code config portchannel member add|del
     * PortChannelN EthernetX}: a port with VLAN memberships cannot join, a PortChannel with members
     * or VLAN memberships cannot be deleted. LACP is SONiC's default (teamd, active).
     */
    private CliInterpreter.Reply portchannel(List<String> w) {
        boolean member = w.size() > 2 && w.get(2).equals("member");
        int op = member ? 3 : 2;
        if (w.size() <= op || !(w.get(op).equals("add") || w.get(op).equals("del"))) {
            return usage("config portchannel" + (member ? " member" : ""), w.size() > op ? w.get(op) : "");
        }
        if (w.size() != op + (member ? 3 : 2)) {
            return fail("Error: Missing argument.");
        }
        boolean add = w.get(op).equals("add");
        String pc = w.get(op + 1);
        if (!pc.matches("PortChannel\\d{1,4}")) {
            return fail("Error: " + pc + " is invalid!, name should have prefix 'PortChannel' and suffix '<0-9999>'");
        }
        return state.running(m -> {
            Port lag = m.port(pc);
            if (!member && add) {
                if (lag != null) {
                    return fail("Error: " + pc + " already exists!");
                }
                Port n = new Port(pc);
                n.lagInterface = true;
                n.noUntagged = true;
                m.ports().put(pc, n);
                return CliInterpreter.Reply.ok("");
            }
            if (lag == null || !lag.lagInterface) {
                return fail("Error: " + pc + " is not present.");
            }
            if (!member) {
                if (m.ports().values().stream().anyMatch(p -> pc.equals(p.lag))) {
                    return fail("Error: Portchannel " + pc + " contains members. Remove members before deleting Portchannel!");
                }
                if (untagged(lag) != null || !tagged(lag).isEmpty()) {
                    return fail("Error: " + pc + " has vlan configured, remove vlan membership to proceed");
                }
                m.ports().remove(pc);
                return CliInterpreter.Reply.ok("");
            }
            Port p = m.port(w.get(op + 2));
            if (p == null || p.lagInterface) {
                return fail("Error: " + w.get(op + 2) + " is invalid!");
            }
            if (!add) {
                if (!pc.equals(p.lag)) {
                    return fail("Error: " + p.name + " is not a member of portchannel " + pc);
                }
                p.lag = null;
                p.lagMode = null;
                return CliInterpreter.Reply.ok("");
            }
            if (p.lag != null) {
                return fail("Error: Port " + p.name + " is already a member of portchannel " + p.lag);
            }
            Integer u = untagged(p);
            if (u != null || !tagged(p).isEmpty()) {
                return fail("Error: " + p.name + " has vlan Vlan" + (u != null ? u : tagged(p).first())
                        + " configured, remove vlan membership to proceed");
            }
            p.lag = pc;
            p.lagMode = "active";
            return CliInterpreter.Reply.ok("");
        });
    }

    private CliInterpreter.Reply addVlan(SwitchModel m, int v) {
        if (m.vlans().containsKey(v)) {
            return fail("Error: Vlan" + v + " already exists");
        }
        m.vlans().put(v, SwitchModel.defaultName(v));
        return CliInterpreter.Reply.ok("");
    }

    private CliInterpreter.Reply delVlan(SwitchModel m, int v) {
        if (!m.vlans().containsKey(v)) {
            return fail("Error: Vlan" + v + " does not exist");
        }
        for (Port p : m.ports().values()) {
            if (Integer.valueOf(v).equals(untagged(p)) || tagged(p).contains(v)) {
                return fail("Error: Vlan" + v + " can not be removed. First remove all members assigned to this Vlan.");
            }
        }
        if (m.vlanVni().containsKey(v)) {
            return fail("Error: Vlan" + v + " can not be removed. First remove its VXLAN map (config vxlan map del).");
        }
        m.vlans().remove(v);
        return CliInterpreter.Reply.ok("");
    }

    private CliInterpreter.Reply addMember(SwitchModel m, int v, String port, boolean asUntagged) {
        if (!m.vlans().containsKey(v)) {
            return fail("Error: Vlan" + v + " doesn't exist");
        }
        Port p = m.port(port);
        if (p == null) {
            return fail("Error: " + port + " does not exist");
        }
        if (p.lag != null) {
            return fail("Error: " + port + " is part of portchannel!");
        }
        Integer u = untagged(p);
        NavigableSet<Integer> t = tagged(p);
        if (Integer.valueOf(v).equals(u) || t.contains(v)) {
            return fail("Error: " + port + " is already a member of Vlan" + v);
        }
        if (asUntagged && u != null) {
            return fail("Error: " + port + " is already untagged member of Vlan" + u);
        }
        if (asUntagged) {
            set(p, v, t);
        } else {
            t.add(v);
            set(p, u, t);
        }
        return CliInterpreter.Reply.ok("");
    }

    private CliInterpreter.Reply delMember(SwitchModel m, int v, String port) {
        if (!m.vlans().containsKey(v)) {
            return fail("Error: Vlan" + v + " doesn't exist");
        }
        Port p = m.port(port);
        if (p == null) {
            return fail("Error: " + port + " does not exist");
        }
        Integer u = untagged(p);
        NavigableSet<Integer> t = tagged(p);
        if (Integer.valueOf(v).equals(u)) {
            set(p, null, t);
        } else if (t.remove(v)) {
            set(p, u, t);
        } else {
            return fail("Error: " + port + " is not a member of Vlan" + v);
        }
        return CliInterpreter.Reply.ok("");
    }

    static Integer untagged(Port p) {
        if (p.trunk) {
            return p.nativeVlan;
        }
        return p.noUntagged ? null : p.accessVlan;
    }

    static NavigableSet<Integer> tagged(Port p) {
        return p.trunk && p.allowed != null ? new TreeSet<>(p.allowed) : new TreeSet<>();
    }

    private static void set(Port p, Integer untagged, NavigableSet<Integer> tagged) {
        p.trunk = !tagged.isEmpty();
        if (p.trunk) {
            p.allowed = tagged;
            p.nativeVlan = untagged;
            p.accessVlan = SwitchModel.DEFAULT_VLAN;
            p.noUntagged = false;
        } else {
            p.allowed = null;
            p.nativeVlan = null;
            p.accessVlan = untagged == null ? SwitchModel.DEFAULT_VLAN : untagged;
            p.noUntagged = untagged == null;
        }
    }

    private CliInterpreter.Reply show(List<String> w) {
        String what = String.join(" ", w.subList(1, w.size()));
        switch (what) {
            case "vlan config":
            case "vlan brief":
                return CliInterpreter.Reply.ok(state.running(SonicInterpreter::vlanConfig));
            case "interfaces status":
                return CliInterpreter.Reply.ok(state.running(mm -> interfacesStatus(mm, p -> state.link(mm, p))));
            case "interfaces portchannel":
                return CliInterpreter.Reply.ok(state.running(SonicInterpreter::portchannels));
            case "vxlan interface":
                return CliInterpreter.Reply.ok(state.running(SonicInterpreter::vxlanInterface));
            case "vxlan vlanvnimap":
                return CliInterpreter.Reply.ok(state.running(SonicInterpreter::vlanVniMap));
            case "acl table":
                return CliInterpreter.Reply.ok(state.running(SonicAcls::showTables));
            case "acl rule":
                return CliInterpreter.Reply.ok(state.running(SonicAcls::showRules));
            default:
                return usage("show", w.size() > 1 ? w.get(1) : "");
        }
    }

    /** {@code show vlan config}. */
    static String vlanConfig(SwitchModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-9s %5s  %-11s %s%n", "Name", "VID", "Member", "Mode"));
        sb.append(String.format("%-9s %5s  %-11s %s%n", "-".repeat(9), "-".repeat(5), "-".repeat(11), "-".repeat(8)));
        m.vlans().keySet().forEach(v -> {
            boolean any = false;
            for (Port p : m.ports().values()) {
                String mode = Integer.valueOf(v).equals(untagged(p)) ? "untagged" : tagged(p).contains(v) ? "tagged" : null;
                if (mode != null) {
                    sb.append(String.format("%-9s %5d  %-11s %s%n", "Vlan" + v, v, p.name, mode));
                    any = true;
                }
            }
            if (!any) {
                sb.append(String.format("%-9s %5d%n", "Vlan" + v, v));
            }
        });
        return sb.toString().stripTrailing();
    }

    /** {@code show interfaces status} with no port's link up, as the offline configuration printers want it. */
    static String interfacesStatus(SwitchModel m) {
        return interfacesStatus(m, p -> false);
    }

    /**
     * {@code show interfaces status}: the link state ({@link SwitchState#link}) is the eighth column,
     * {@code Oper}, the admin state the ninth.
     */
    static String interfacesStatus(SwitchModel m, java.util.function.Predicate<Port> link) {
        StringBuilder sb = new StringBuilder();
        String f = "%11s  %11s  %7s  %5s  %5s  %7s  %6s  %6s  %7s  %6s  %10s%n";
        sb.append(String.format(f, "Interface", "Lanes", "Speed", "MTU", "FEC", "Alias", "Vlan", "Oper", "Admin", "Type", "Asym PFC"));
        sb.append(String.format(f, "-".repeat(11), "-".repeat(11), "-".repeat(7), "-".repeat(5), "-".repeat(5), "-".repeat(7),
                "-".repeat(6), "-".repeat(6), "-".repeat(7), "-".repeat(6), "-".repeat(10)));
        int lane = 0;
        for (Port p : m.ports().values()) {
            String vlan = p.trunk ? "trunk" : untagged(p) == null ? "routed" : "untagged";
            if (p.lagInterface) {
                sb.append(String.format(f, p.name, "N/A", "200G", "9100", "N/A", "N/A", vlan, link.test(p) ? "up" : "down",
                        p.shutdown ? "down" : "up", "N/A", "N/A"));
                continue;
            }
            sb.append(String.format(f, p.name, lane + "," + (lane + 1) + "," + (lane + 2) + "," + (lane + 3), "100G", "9100",
                    "N/A", "etp" + (lane / 4 + 1), vlan, link.test(p) ? "up" : "down", p.shutdown ? "down" : "up", "QSFP28", "N/A"));
            lane += 4;
        }
        return sb.toString().stripTrailing();
    }

    /** {@code show interfaces portchannel}: each PortChannel, its protocol and its members, selected. */
    static String portchannels(SwitchModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append("Flags: A - active, I - inactive, Up - up, Dw - Down, N/A - not available,\n");
        sb.append("       S - selected, D - deselected, * - not synced\n");
        sb.append(String.format("%5s  %-14s %-12s %s%n", "No.", "Team Dev", "Protocol", "Ports"));
        sb.append(String.format("%5s  %-14s %-12s %s%n", "-".repeat(5), "-".repeat(14), "-".repeat(12), "-".repeat(20)));
        for (Port pc : m.ports().values()) {
            if (!pc.lagInterface) {
                continue;
            }
            StringBuilder members = new StringBuilder();
            m.ports().values().stream().filter(p -> pc.name.equals(p.lag))
                    .forEach(p -> members.append(members.length() == 0 ? "" : " ").append(p.name).append(p.shutdown ? "(D)" : "(S)"));
            sb.append(String.format("%5s  %-14s %-12s %s%n", String.format("%04d", Integer.parseInt(pc.name.substring(11))), pc.name,
                    "LACP(A)(" + (pc.shutdown ? "Dw" : "Up") + ")", members.length() == 0 ? "N/A" : members));
        }
        return sb.toString().stripTrailing();
    }

    private static Integer vlan(String w) {
        return w.matches("\\d{1,4}") ? VlanLists.vlan(w) : null;
    }

    static CliInterpreter.Reply usage(String command, String sub) {
        String out = "Usage: " + command + " [OPTIONS] COMMAND [ARGS]...\nTry \"" + command + " -h\" for help.\n\nError: No such command \""
                + sub + "\".";
        return new CliInterpreter.Reply(out, false, "Error: No such command \"" + sub + "\".");
    }

    static CliInterpreter.Reply fail(String line) {
        return new CliInterpreter.Reply(line, false, line);
    }

    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        for (String w : line.strip().split(" +")) {
            if (w.length() >= 2 && (w.startsWith("\"") && w.endsWith("\"") || w.startsWith("'") && w.endsWith("'"))) {
                w = w.substring(1, w.length() - 1); // the shell's quotes
            }
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
