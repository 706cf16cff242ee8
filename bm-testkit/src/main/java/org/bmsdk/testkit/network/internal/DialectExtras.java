package org.bmsdk.testkit.network.internal;

import static org.bmsdk.testkit.network.internal.CliMode.CONFIG;
import static org.bmsdk.testkit.network.internal.CliMode.CONFIG_ACL;
import static org.bmsdk.testkit.network.internal.CliMode.CONFIG_IF;
import static org.bmsdk.testkit.network.internal.CliMode.CONFIG_VLAN;
import static org.bmsdk.testkit.network.internal.CliMode.CONFIG_VXLAN;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bmsdk.testkit.network.internal.Grammar.Syntax;

/**
 * What a dialect says about LAGs, ACLs and VXLAN, kept apart from {@link Dialect} so that a dialect
 * without them needs nothing: {@link #of} gives {@link #NONE} (no such commands: they are invalid
 * input) for any dialect not listed here.
 *
 * <p>Texts and behaviours are modelled on the vendors' documentation, not captured from devices:
 * <ul>
 *   <li>LAG: {@code interface Port-channelN} (EOS {@code Port-ChannelN}, NX-OS {@code port-channelN})
 *       and {@code channel-group N mode active|passive|on} on a member, which creates the LAG
 *       interface when it is missing (IOS says so); {@code no interface Port-channelN} removes it
 *       and its members' {@code channel-group} lines.
 *   <li>ACL: {@code ip access-list extended NAME} on IOS (wildcard masks, no sequence numbers in the
 *       running configuration), {@code ip access-list NAME} on EOS and NX-OS (prefixes, numbered
 *       entries); bound with {@code ip access-group NAME in|out}, on NX-OS
 *       {@code ip port access-group NAME in} (port ACLs are inbound only there). An entry that does
 *       not parse is {@code % Invalid input} with the dialect's marker. Binding a name that has no
 *       ACL is accepted, as the switches do.
 *   <li>VXLAN on EOS: {@code interface Vxlan1}, {@code vxlan vlan V vni N}. EOS accepts a map for a
 *       VLAN that does not exist (and then forwards nothing for it: the known pitfall), so the
 *       simulator accepts it too. A VNI mapped to another VLAN is refused.
 *   <li>VXLAN on NX-OS: {@code vn-segment N} in {@code vlan V} needs {@code feature
 *       vn-segment-vlan-based}, and {@code interface nve1} needs {@code feature nv overlay};
 *       without them the commands do not exist ({@code % Invalid command}). {@code member vni N}
 *       stays in the nve1 mode here (NX-OS enters a sub-mode).
 *   <li>IOS has no VXLAN commands.
 * </ul>
 *
 * @param lagType the LAG interface type as the dialect spells it, or null when it has none
 * @param lagCreated the notice when {@code channel-group} creates the LAG interface, {@code %d}
 *     being its number, or null for none
 * @param aclHeader the command that creates or enters an ACL, without its name, or null when the
 *     dialect has none
 * @param wildcardAcl whether ACL addresses are written {@code A WILDCARD} (IOS) rather than {@code A/LEN}
 * @param aclNumbered whether the running configuration shows the entries' sequence numbers
 * @param aclBind the interface command that binds an ACL, without its name and direction
 * @param inboundOnly whether port ACLs may only be bound {@code in}
 * @param vxlan how VNIs are mapped: {@code eos}, {@code nxos} or null for not at all
 * @param prompts the prompts of the modes this adds ({@code {acl}} being the ACL's name)
 * @param syntax the commands this adds to the dialect's table
 */
record DialectExtras(String lagType, String lagCreated, String aclHeader, boolean wildcardAcl, boolean aclNumbered,
        String aclBind, boolean inboundOnly, String vxlan, Map<CliMode, String> prompts, List<Syntax> syntax) {

    /** Nothing of LAGs, ACLs and VXLAN: the default for a dialect not listed in {@link #of}. */
    static final DialectExtras NONE = new DialectExtras(null, null, null, false, false, null, false, null, Map.of(), List.of());

    private static final DialectExtras CISCO_IOS = new DialectExtras("Port-channel",
            "Creating a port-channel interface Port-channel %d", "ip access-list extended", true, false, "ip access-group",
            false, null, Map.of(CONFIG_ACL, "{h}(config-ext-nacl)#"),
            common("ip access-list extended", "ip access-group"));

    private static final DialectExtras ARISTA_EOS = new DialectExtras("Port-Channel", null, "ip access-list", false, true,
            "ip access-group", false, "eos",
            Map.of(CONFIG_ACL, "{h}(config-acl-{acl})#", CONFIG_VXLAN, "{h}(config-if-Vx1)#"),
            eos(common("ip access-list", "ip access-group")));

    private static final DialectExtras CISCO_NXOS = new DialectExtras("port-channel", null, "ip access-list", false, true,
            "ip port access-group", true, "nxos",
            Map.of(CONFIG_ACL, "{h}(config-acl)# ", CONFIG_VXLAN, "{h}(config-if-nve)# "),
            nxos(common("ip access-list", "ip port access-group")));

    /**
     * Dell OS10: {@code interface port-channelN}, {@code channel-group N mode active}; ACLs are
     * {@code ip access-list NAME} with prefixes, printed as {@code seq N} entries by {@link Os10Printer}
     * and bound {@code ip access-group NAME in|out}. VXLAN: {@code virtual-network N} (1..65535; its
     * mode's prompt {@code (config-vn-N)}) with {@code vxlan-vni V}, a VNI one network at a time, and
     * {@code virtual-network N} in {@code interface vlanV}, for a network that exists; a network a
     * VLAN uses cannot be removed. The error texts are this simulator's.
     */
    private static final DialectExtras DELL_OS10 = new DialectExtras("port-channel", null, "ip access-list", false, true,
            "ip access-group", false, "os10", Map.of(CONFIG_ACL, "{h}(config-ipv4-acl)# ", CONFIG_VXLAN, "{h}(config-vn-{acl})# "),
            os10(common("ip access-list", "ip access-group")));

    /**
     * The extras of a dialect.
     *
     * @param id netmiko's device type
     * @return its extras, {@link #NONE} when it has none
     */
    static DialectExtras of(String id) {
        return switch (id) {
            case "cisco_ios" -> CISCO_IOS;
            case "arista_eos" -> ARISTA_EOS;
            case "cisco_nxos" -> CISCO_NXOS;
            case "dell_os10" -> DELL_OS10;
            default -> NONE;
        };
    }

    /** The LAG interface's name for a channel-group number. */
    String lagName(int number) {
        return lagType + number;
    }

    /** Whether a full interface name is one of this dialect's LAG interfaces. */
    boolean isLag(String port) {
        return lagType != null && port.startsWith(lagType) && port.length() > lagType.length()
                && port.substring(lagType.length()).chars().allMatch(Character::isDigit);
    }

    private static List<Syntax> common(String aclHeader, String aclBind) {
        List<Syntax> t = new ArrayList<>();
        t.add(Syntax.of(CONFIG, "no interface <iface>", Action.NO_INTERFACE));
        t.add(Syntax.of(CONFIG_IF, "channel-group <num> mode <word>", Action.CHANNEL_GROUP));
        t.add(Syntax.of(CONFIG_IF, "no channel-group", Action.NO_CHANNEL_GROUP));
        t.add(Syntax.of(CONFIG_IF, "no channel-group <num>", Action.NO_CHANNEL_GROUP));
        t.add(Syntax.of(CONFIG, aclHeader + " <word>", Action.ACL));
        t.add(Syntax.of(CONFIG, "no " + aclHeader + " <word>", Action.NO_ACL));
        t.add(Syntax.of(CONFIG_ACL, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG_ACL, "permit <rest>", Action.ACL_ENTRY));
        t.add(Syntax.of(CONFIG_ACL, "deny <rest>", Action.ACL_ENTRY));
        t.add(Syntax.of(CONFIG_ACL, "<num> permit <rest>", Action.ACL_SEQ_ENTRY));
        t.add(Syntax.of(CONFIG_ACL, "<num> deny <rest>", Action.ACL_SEQ_ENTRY));
        t.add(Syntax.of(CONFIG_ACL, "no <num>", Action.ACL_NO_SEQ));
        t.add(Syntax.of(CONFIG_ACL, "no permit <rest>", Action.ACL_NO_ENTRY));
        t.add(Syntax.of(CONFIG_ACL, "no deny <rest>", Action.ACL_NO_ENTRY));
        t.add(Syntax.of(CONFIG_ACL, "remark <rest>", Action.NOTHING));
        t.add(Syntax.of(CONFIG_IF, aclBind + " <word> <word>", Action.ACCESS_GROUP));
        t.add(Syntax.of(CONFIG_IF, "no " + aclBind + " <word> <word>", Action.NO_ACCESS_GROUP));
        return t;
    }

    /** OS10 numbers entries {@code seq N permit ...}; {@code no seq N} removes one. */
    private static List<Syntax> os10(List<Syntax> t) {
        t.add(Syntax.of(CONFIG_ACL, "seq <num> permit <rest>", Action.ACL_SEQ_ENTRY));
        t.add(Syntax.of(CONFIG_ACL, "seq <num> deny <rest>", Action.ACL_SEQ_ENTRY));
        t.add(Syntax.of(CONFIG_ACL, "no seq <num>", Action.ACL_NO_SEQ));
        t.add(Syntax.of(CONFIG_ACL, "description <rest>", Action.NOTHING));
        t.add(Syntax.of(CONFIG, "virtual-network <num>", Action.VIRTUAL_NETWORK));
        t.add(Syntax.of(CONFIG, "no virtual-network <num>", Action.NO_VIRTUAL_NETWORK));
        t.add(Syntax.of(CONFIG_VXLAN, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG_VXLAN, "vxlan-vni <num>", Action.VN_VNI));
        t.add(Syntax.of(CONFIG_VXLAN, "no vxlan-vni", Action.NO_VN_VNI));
        t.add(Syntax.of(CONFIG_VXLAN, "no vxlan-vni <num>", Action.NO_VN_VNI));
        t.add(Syntax.of(CONFIG_VLAN, "virtual-network <num>", Action.VLAN_VN));
        t.add(Syntax.of(CONFIG_VLAN, "no virtual-network", Action.NO_VLAN_VN));
        t.add(Syntax.of(CONFIG_VLAN, "no virtual-network <num>", Action.NO_VLAN_VN));
        return t;
    }

    private static List<Syntax> eos(List<Syntax> t) {
        t.add(Syntax.of(CONFIG, "interface vxlan1", Action.INTERFACE_VXLAN));
        t.add(Syntax.of(CONFIG, "no interface vxlan1", Action.NO_INTERFACE_VXLAN));
        t.add(Syntax.of(CONFIG_VXLAN, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG_VXLAN, "vxlan vlan <vlan> vni <num>", Action.VXLAN_MAP));
        t.add(Syntax.of(CONFIG_VXLAN, "no vxlan vlan <vlan> vni <num>", Action.VXLAN_UNMAP));
        t.add(Syntax.of(CONFIG_VXLAN, "no vxlan vlan <vlan>", Action.VXLAN_UNMAP));
        t.add(Syntax.of(CONFIG_VXLAN, "vxlan source-interface <word>", Action.NOTHING));
        t.add(Syntax.of(CONFIG_VXLAN, "vxlan udp-port <num>", Action.NOTHING));
        return t;
    }

    private static List<Syntax> nxos(List<Syntax> t) {
        t.add(Syntax.of(CONFIG, "feature <rest>", Action.FEATURE));
        t.add(Syntax.of(CONFIG, "no feature <rest>", Action.NO_FEATURE));
        t.add(Syntax.of(CONFIG, "interface nve1", Action.INTERFACE_VXLAN));
        t.add(Syntax.of(CONFIG, "no interface nve1", Action.NO_INTERFACE_VXLAN));
        t.add(Syntax.of(CONFIG_VLAN, "vn-segment <num>", Action.VN_SEGMENT));
        t.add(Syntax.of(CONFIG_VLAN, "no vn-segment", Action.NO_VN_SEGMENT));
        t.add(Syntax.of(CONFIG_VLAN, "no vn-segment <num>", Action.NO_VN_SEGMENT));
        t.add(Syntax.of(CONFIG_VXLAN, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG_VXLAN, "member vni <num>", Action.NVE_MEMBER));
        t.add(Syntax.of(CONFIG_VXLAN, "no member vni <num>", Action.NO_NVE_MEMBER));
        t.add(Syntax.of(CONFIG_VXLAN, "source-interface <word>", Action.NOTHING));
        t.add(Syntax.of(CONFIG_VXLAN, "host-reachability protocol bgp", Action.NOTHING));
        t.add(Syntax.of(CONFIG_VXLAN, "shutdown", Action.NOTHING));
        t.add(Syntax.of(CONFIG_VXLAN, "no shutdown", Action.NOTHING));
        return t;
    }
}
