package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * How a Cisco-like dialect spells LAGs, ACLs and VXLAN maps, kept apart from {@link CliDialect} so
 * that a dialect that does not list them here needs nothing: {@link #of} gives {@link #NONE}, for
 * which every one of these operations is unsupported, with the reason.
 *
 * @param lagType the LAG interface type ({@code Port-channel}), or null when not supported
 * @param lagSetup lines sent before a LAG is configured ({@code feature lacp} on NX-OS)
 * @param aclHeader the command that creates an ACL, without its name, or null when not supported
 * @param wildcard whether ACL addresses are written with wildcard masks (IOS) rather than prefixes
 * @param aclBind the interface command that binds an ACL, without its name and direction
 * @param vxlan how VNIs are mapped: {@code eos}, {@code nxos}, or null when not supported
 * @param noVxlanReason why VXLAN is unsupported, when it is
 */
record CliExtras(String lagType, List<String> lagSetup, String aclHeader, boolean wildcard, String aclBind, String vxlan,
        String noVxlanReason) {

    /** No LAG, ACL or VXLAN support: the default for a dialect not listed in {@link #of}. */
    static final CliExtras NONE = new CliExtras(null, List.of(), null, false, null, null,
            "the dialect's driver does not configure VXLAN yet");

    private static final Pattern LAG = Pattern.compile("(?i)(?:port-?channel|po)?\\s*([0-9]{1,4})");

    /**
     * The extras of a dialect.
     *
     * @param dialect the dialect
     * @return its extras, {@link #NONE} when it has none
     */
    static CliExtras of(CliDialect dialect) {
        return switch (dialect.id()) {
            case "cisco_ios" -> new CliExtras("Port-channel", List.of(), "ip access-list extended", true, "ip access-group", null,
                    "classic Cisco IOS has no VXLAN (a VTEP needs NX-OS, EOS or IOS XE with EVPN)");
            case "arista_eos" -> new CliExtras("Port-Channel", List.of(), "ip access-list", false, "ip access-group", "eos", null);
            case "cisco_nxos" -> new CliExtras("port-channel", List.of("feature lacp"), "ip access-list", false,
                    "ip port access-group", "nxos", null);
            // OS10 LAG and ACL lines are IOS-like (prefixes, entries numbered "seq N" when printed). Its VXLAN
            // binds a VLAN to a virtual network (virtual-network N, vxlan-vni V): Os10Commands renders it.
            case "dell_os10" -> new CliExtras("port-channel", List.of(), "ip access-list", false, "ip access-group", null, null);
            default -> NONE;
        };
    }

    /**
     * The LAG interface's name as the dialect spells it.
     *
     * @param lag a number ({@code 10}) or a name in any spelling ({@code Port-Channel10}, {@code po10})
     * @return such as {@code Port-channel10}
     */
    String lagName(String lag) {
        Matcher m = LAG.matcher(lag == null ? "" : lag.strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 4096) {
            throw new IllegalArgumentException("a LAG is a number in 1..4096 or a port-channel name such as " + lagType
                    + "10, but was '" + lag + "'");
        }
        return lagType + Integer.parseInt(m.group(1));
    }

    /** Creates the LAG, frees the members it no longer has, and adds the given ones (LACP active). */
    List<String> createLag(String name, List<String> members, List<String> stale) {
        List<String> out = new ArrayList<>(lagSetup);
        out.add(CiscoStyleCommands.iface(name));
        for (String s : stale) {
            out.add(CiscoStyleCommands.iface(s));
            out.add("no channel-group");
        }
        for (String m : members) {
            out.add(CiscoStyleCommands.iface(m));
            out.add("channel-group " + number(name) + " mode active");
        }
        return out;
    }

    /** Frees the members, then removes the LAG interface. */
    List<String> deleteLag(String name, List<String> members, boolean exists) {
        List<String> out = new ArrayList<>();
        for (String m : members) {
            out.add(CiscoStyleCommands.iface(m));
            out.add("no channel-group");
        }
        if (exists) {
            out.add("no interface " + name);
        }
        return out;
    }

    /** Deletes the ACL if asked, then writes it afresh. */
    List<String> defineAcl(Acl acl, boolean replace) {
        List<String> out = new ArrayList<>();
        if (replace) {
            out.add(deleteAcl(acl.name()));
        }
        out.add(aclHeader + " " + acl.name());
        for (AclRule r : acl.rules()) {
            out.add(AclLines.entry(r, wildcard));
        }
        out.add("exit");
        return out;
    }

    String deleteAcl(String name) {
        return "no " + aclHeader + " " + name;
    }

    List<String> bindAcl(String port, String name) {
        return List.of(CiscoStyleCommands.iface(port), aclBind + " " + name + " in");
    }

    List<String> unbindAcl(String port, String name) {
        return List.of(CiscoStyleCommands.iface(port), "no " + aclBind + " " + name + " in");
    }

    /** Maps a VNI to a VLAN (NX-OS: the features it needs, the VLAN's vn-segment, nve1's member). */
    List<String> mapVni(Vni vni, VlanId vlan) {
        if (vxlan.equals("eos")) {
            return List.of("interface Vxlan1", "vxlan vlan " + vlan + " vni " + vni);
        }
        return List.of("feature nv overlay", "feature vn-segment-vlan-based", "vlan " + vlan, "vn-segment " + vni, "exit",
                "interface nve1", "member vni " + vni);
    }

    List<String> unmapVni(Vni vni, VlanId vlan) {
        if (vxlan.equals("eos")) {
            return List.of("interface Vxlan1", "no vxlan vlan " + vlan + " vni " + vni);
        }
        return List.of("interface nve1", "no member vni " + vni, "exit", "vlan " + vlan, "no vn-segment", "exit");
    }

    private static int number(String lagName) {
        return Integer.parseInt(lagName.replaceFirst("^\\D*", ""));
    }

    /** @return the type in lower case, for matching names read back */
    String lagTypeLower() {
        return lagType == null ? null : lagType.toLowerCase(Locale.ROOT);
    }
}
