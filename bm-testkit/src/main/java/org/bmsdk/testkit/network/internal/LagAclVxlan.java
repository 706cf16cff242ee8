package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bmsdk.testkit.network.internal.CliInterpreter.Reply;
import org.bmsdk.testkit.network.internal.Grammar.Syntax;
import org.bmsdk.testkit.network.internal.SwitchModel.Port;

/**
 * The LAG, ACL and VXLAN commands of {@link DialectExtras}, run on one configuration for one CLI
 * session ({@link CliInterpreter} holds the mode and what is being configured). The behaviours are
 * described on {@link DialectExtras}.
 */
final class LagAclVxlan {

    private static final Set<Action> ACTIONS = EnumSet.of(Action.NO_INTERFACE, Action.CHANNEL_GROUP, Action.NO_CHANNEL_GROUP,
            Action.ACL, Action.NO_ACL, Action.ACL_ENTRY, Action.ACL_SEQ_ENTRY, Action.ACL_NO_SEQ, Action.ACL_NO_ENTRY,
            Action.ACCESS_GROUP, Action.NO_ACCESS_GROUP, Action.FEATURE, Action.NO_FEATURE, Action.INTERFACE_VXLAN,
            Action.NO_INTERFACE_VXLAN, Action.VXLAN_MAP, Action.VXLAN_UNMAP, Action.VN_SEGMENT, Action.NO_VN_SEGMENT,
            Action.NVE_MEMBER, Action.NO_NVE_MEMBER, Action.VIRTUAL_NETWORK, Action.NO_VIRTUAL_NETWORK, Action.VN_VNI,
            Action.NO_VN_VNI, Action.VLAN_VN, Action.NO_VLAN_VN);

    /** NX-OS features the simulator knows; {@code lacp} is always on (the header prints it). */
    private static final Set<String> FEATURES = Set.of("lacp", "nv overlay", "vn-segment-vlan-based", "interface-vlan", "bgp",
            "ospf", "lldp", "vpc", "bfd", "nxapi", "ssh", "scp-server");

    private final CliInterpreter cli;
    private final SwitchModel m;
    private final DialectExtras x;

    LagAclVxlan(CliInterpreter cli, SwitchModel model) {
        this.cli = cli;
        this.m = model;
        this.x = cli.extras();
    }

    static boolean handles(Action a) {
        return ACTIONS.contains(a);
    }

    Reply run(Syntax syntax, List<String> a) {
        Port p = cli.port() == null ? null : m.port(cli.port());
        switch (syntax.action()) {
            case NO_INTERFACE: {
                Port lag = m.port(a.get(0));
                if (lag == null || !lag.lagInterface) {
                    return cli.invalidAt(2); // physical interfaces cannot be removed
                }
                m.ports().remove(lag.name);
                m.ports().values().forEach(member -> {
                    if (lag.name.equals(member.lag)) {
                        member.lag = null;
                        member.lagMode = null;
                    }
                });
                return Reply.ok("");
            }
            case CHANNEL_GROUP: {
                int n = Integer.parseInt(a.get(0));
                if (p.lagInterface || n < 1 || n > 4096) {
                    return cli.invalidAt(1);
                }
                if (!List.of("active", "passive", "on").contains(a.get(1))) {
                    return cli.invalidAt(3);
                }
                String name = x.lagName(n);
                String out = "";
                if (m.port(name) == null) {
                    Port lag = new Port(name);
                    lag.lagInterface = true;
                    m.ports().put(name, lag);
                    out = x.lagCreated() == null ? "" : String.format(x.lagCreated(), n);
                }
                p.lag = name;
                p.lagMode = a.get(1);
                return Reply.ok(out);
            }
            case NO_CHANNEL_GROUP:
                p.lag = null;
                p.lagMode = null;
                return Reply.ok("");
            case ACL:
                m.acls().putIfAbsent(a.get(0), new TreeMap<>());
                cli.enter(CliMode.CONFIG_ACL, a.get(0));
                return Reply.ok("");
            case NO_ACL:
                m.acls().remove(a.get(0));
                return Reply.ok("");
            case ACL_ENTRY:
            case ACL_SEQ_ENTRY:
                return entry(syntax, a);
            case ACL_NO_SEQ:
                m.acls().get(cli.acl()).remove(Integer.parseInt(a.get(0)));
                return Reply.ok("");
            case ACL_NO_ENTRY: {
                List<String> words = words(syntax.words().get(1), a.get(0));
                m.acls().get(cli.acl()).values().removeIf(words::equals);
                return Reply.ok("");
            }
            case ACCESS_GROUP:
            case NO_ACCESS_GROUP: {
                String dir = a.get(1);
                if (!dir.equals("in") && (!dir.equals("out") || x.inboundOnly())) {
                    return cli.invalidAt(syntax.words().size() - 1);
                }
                String name = syntax.action() == Action.ACCESS_GROUP ? a.get(0) : null;
                if (dir.equals("in")) {
                    p.aclIn = name;
                } else {
                    p.aclOut = name;
                }
                return Reply.ok("");
            }
            case FEATURE:
                if (!FEATURES.contains(a.get(0))) {
                    return cli.invalidAt(1);
                }
                if (!a.get(0).equals("lacp")) {
                    m.features.add(a.get(0));
                }
                return Reply.ok("");
            case NO_FEATURE:
                m.features.remove(a.get(0));
                if (a.get(0).equals("nv overlay")) {
                    m.vxlanInterface = false;
                    m.nveMembers.clear();
                }
                if (a.get(0).equals("vn-segment-vlan-based")) {
                    m.vlanVni().clear();
                }
                return Reply.ok("");
            case INTERFACE_VXLAN:
                if ("nxos".equals(x.vxlan()) && !m.features.contains("nv overlay")) {
                    return cli.invalidAt(1);
                }
                m.vxlanInterface = true;
                cli.enter(CliMode.CONFIG_VXLAN, null);
                return Reply.ok("");
            case NO_INTERFACE_VXLAN:
                m.vxlanInterface = false;
                if ("eos".equals(x.vxlan())) {
                    m.vlanVni().clear();
                } else {
                    m.nveMembers.clear();
                }
                return Reply.ok("");
            case VXLAN_MAP:
                return map(Integer.parseInt(a.get(0)), a.get(1), 4);
            case VXLAN_UNMAP: {
                int vlan = Integer.parseInt(a.get(0));
                if (a.size() == 1 || String.valueOf(m.vlanVni().get(vlan)).equals(a.get(1))) {
                    m.vlanVni().remove(vlan);
                }
                return Reply.ok("");
            }
            case VN_SEGMENT:
                if (!m.features.contains("vn-segment-vlan-based")) {
                    return cli.invalidAt(0);
                }
                return map(cli.vlan(), a.get(0), 1);
            case NO_VN_SEGMENT:
                m.vlanVni().remove(cli.vlan());
                return Reply.ok("");
            case NVE_MEMBER:
            case NO_NVE_MEMBER: {
                int vni = Integer.parseInt(a.get(0));
                if (vni < 1 || vni > 0xFF_FFFF) {
                    return cli.invalidAt(syntax.words().size() - 1);
                }
                if (syntax.action() == Action.NVE_MEMBER) {
                    m.nveMembers.add(vni);
                } else {
                    m.nveMembers.remove(vni);
                }
                return Reply.ok("");
            }
            case VIRTUAL_NETWORK:
            case NO_VIRTUAL_NETWORK:
            case VN_VNI:
            case NO_VN_VNI:
            case VLAN_VN:
            case NO_VLAN_VN: {
                Reply r = virtualNetwork(syntax, a);
                m.syncVirtualNetworks();
                return r;
            }
            default:
                throw new AssertionError(syntax.action());
        }
    }

    /** Dell OS10's virtual networks (see {@link DialectExtras}). */
    private Reply virtualNetwork(Syntax syntax, List<String> a) {
        int n = a.isEmpty() ? 0 : Integer.parseInt(a.get(0));
        switch (syntax.action()) {
            case VIRTUAL_NETWORK:
                if (n < 1 || n > 65535) {
                    return cli.invalidAt(1);
                }
                m.virtualNetworks.putIfAbsent(n, 0);
                cli.enter(CliMode.CONFIG_VXLAN, Integer.toString(n));
                return Reply.ok("");
            case NO_VIRTUAL_NETWORK:
                for (Map.Entry<Integer, Integer> e : m.vlanVn.entrySet()) {
                    if (e.getValue() == n) {
                        String error = "% Error: virtual-network " + n + " is in use by interface vlan" + e.getKey();
                        return Reply.fail(error, error);
                    }
                }
                m.virtualNetworks.remove(n);
                return Reply.ok("");
            case VN_VNI: {
                int vn = Integer.parseInt(cli.acl());
                if (n < 1 || n > 0xFF_FFFF) {
                    return cli.invalidAt(1);
                }
                for (Map.Entry<Integer, Integer> e : m.virtualNetworks.entrySet()) {
                    if (e.getValue() == n && e.getKey() != vn) {
                        String error = "% Error: vxlan-vni " + n + " is already used by virtual-network " + e.getKey();
                        return Reply.fail(error, error);
                    }
                }
                int had = m.virtualNetworks.get(vn);
                if (had != 0 && had != n) {
                    String error = "% Error: virtual-network " + vn + " has vxlan-vni " + had + "; remove it first";
                    return Reply.fail(error, error);
                }
                m.virtualNetworks.put(vn, n);
                return Reply.ok("");
            }
            case NO_VN_VNI:
                m.virtualNetworks.put(Integer.parseInt(cli.acl()), 0);
                return Reply.ok("");
            case VLAN_VN: {
                if (!m.virtualNetworks.containsKey(n)) {
                    String error = "% Error: virtual-network " + n + " does not exist";
                    return Reply.fail(error, error);
                }
                for (Map.Entry<Integer, Integer> e : m.vlanVn.entrySet()) {
                    if (e.getValue() == n && e.getKey() != cli.vlan()) {
                        String error = "% Error: virtual-network " + n + " is already in use by interface vlan" + e.getKey();
                        return Reply.fail(error, error);
                    }
                }
                m.vlanVn.put(cli.vlan(), n);
                return Reply.ok("");
            }
            default: // NO_VLAN_VN
                if (a.isEmpty() || Integer.valueOf(n).equals(m.vlanVn.get(cli.vlan()))) {
                    m.vlanVn.remove(cli.vlan());
                }
                return Reply.ok("");
        }
    }

    /** Maps a VLAN to a VNI; a VNI already mapped to another VLAN is refused. */
    private Reply map(int vlan, String vniWord, int vniWordIndex) {
        int vni = Integer.parseInt(vniWord);
        if (vni < 1 || vni > 0xFF_FFFF) {
            return cli.invalidAt(vniWordIndex);
        }
        for (Map.Entry<Integer, Integer> e : m.vlanVni().entrySet()) {
            if (e.getValue() == vni && e.getKey() != vlan) {
                String error = "eos".equals(x.vxlan()) ? "% VNI " + vni + " is already mapped to VLAN " + e.getKey()
                        : "ERROR: vn-segment " + vni + " is already used by vlan " + e.getKey();
                return Reply.fail(error, error);
            }
        }
        m.vlanVni().put(vlan, vni);
        return Reply.ok("");
    }

    private Reply entry(Syntax syntax, List<String> a) {
        boolean numbered = syntax.action() == Action.ACL_SEQ_ENTRY;
        // the permit/deny keyword: first, after the number ("10 permit"), or after "seq 10" (OS10)
        int k = numbered ? syntax.words().size() - 2 : 0;
        String keyword = syntax.words().get(k);
        List<String> words = words(keyword, a.get(numbered ? 1 : 0));
        int bad = AclEntries.check(words, x.wildcardAcl());
        if (bad >= 0) {
            return cli.invalidAt(bad + k);
        }
        TreeMap<Integer, List<String>> entries = m.acls().get(cli.acl());
        int seq = numbered ? Integer.parseInt(a.get(0)) : entries.isEmpty() ? 10 : entries.lastKey() + 10;
        entries.put(seq, SwitchModel.entry(words));
        return Reply.ok("");
    }

    private static List<String> words(String keyword, String rest) {
        List<String> w = new ArrayList<>();
        w.add(keyword);
        w.addAll(Arrays.asList(rest.split(" ")));
        return w;
    }
}
