package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * Cumulus Linux NVUE commands on the default bridge, {@code br_default}: a VLAN is one of the
 * bridge's {@code vlan}s; a port has an {@code access} VLAN, or a {@code vlan} list with an
 * {@code untagged} (native) one. {@code nv set} on a list adds to it and {@code nv unset} removes,
 * so a port's lists are unset before they are set; all of an operation is one pending revision,
 * applied at once by {@code nv config apply -y}. NVUE VLANs have no names: the name is not kept.
 * A LAG is a bond ({@code nv set interface bondN bond member swpX}, {@code bond mode lacp}); a VNI
 * is a bridge VLAN's {@code vni}.
 */
final class NvueCommands implements SwitchCommands {

    private static final Pattern PORT = Pattern.compile("swp\\d+(?:s\\d+)?|bond\\d{1,4}");
    private static final Pattern LAG = Pattern.compile("(?:bond)?(\\d{1,4})");
    private static final String BRIDGE = " bridge domain br_default";
    /** The number of the rule that denies what no other rule permits. */
    static final int DENY_RULE = 65000;

    @Override
    public List<String> createVlan(VlanId vlan, String name, Current current) {
        return List.of("nv set bridge domain br_default vlan " + vlan);
    }

    /**
     * A bridge VLAN that a trunk still lists cannot go: it is taken off the trunks first (as
     * tagged and as native). An access port on it is left as it is, so that the apply fails and says
     * so: moving that port to VLAN 1 silently is what must never happen.
     */
    @Override
    public List<String> deleteVlan(VlanId vlan, Current current) {
        SwitchConfig now = current.config();
        if (!now.vlans().contains(vlan)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (PortState p : now.ports().values()) {
            if (p.mode() == PortState.Mode.TRUNK && p.allowedVlans().contains(vlan)) {
                out.add("nv unset interface " + p.port() + BRIDGE + " vlan " + vlan);
            }
            if (p.mode() == PortState.Mode.TRUNK && vlan.equals(p.nativeVlan())) {
                out.add("nv set interface " + p.port() + BRIDGE + " untagged none");
            }
        }
        out.add("nv unset bridge domain br_default vlan " + vlan);
        return out;
    }

    @Override
    public List<String> access(String port, VlanId vlan, Current current) {
        String i = iface(port);
        return List.of("nv unset " + i + BRIDGE + " vlan", "nv unset " + i + BRIDGE + " untagged",
                "nv set " + i + BRIDGE + " access " + vlan);
    }

    @Override
    public List<String> trunk(String port, VlanId nativeVlan, Set<VlanId> allowed, Current current) {
        String i = iface(port);
        List<String> out = new ArrayList<>();
        out.add("nv unset " + i + BRIDGE + " access");
        out.add("nv unset " + i + BRIDGE + " vlan");
        if (!allowed.isEmpty()) {
            TreeSet<Integer> ids = new TreeSet<>();
            allowed.forEach(v -> ids.add(v.value()));
            out.add("nv set " + i + BRIDGE + " vlan " + String.join(",", VlanRanges.ranges(ids)));
        }
        out.add("nv set " + i + BRIDGE + " untagged " + (nativeVlan == null ? "none" : nativeVlan.toString()));
        return out;
    }

    @Override
    public List<String> addTrunkVlan(String port, VlanId vlan, Current current) {
        return List.of("nv set " + iface(port) + BRIDGE + " vlan " + vlan);
    }

    @Override
    public List<String> removeTrunkVlan(String port, VlanId vlan, Current current) {
        return List.of("nv unset " + iface(port) + BRIDGE + " vlan " + vlan);
    }

    @Override
    public List<String> enabled(String port, boolean enabled, Current current) {
        return List.of("nv set " + iface(port) + " link state " + (enabled ? "up" : "down"));
    }

    /** One revision: the port is down before the new VLAN takes effect, and no trunk is left. */
    @Override
    public List<String> idle(String port, VlanId idleVlan, Current current) {
        String i = iface(port);
        return List.of("nv set " + i + " link state down", "nv unset " + i + BRIDGE + " vlan",
                "nv unset " + i + BRIDGE + " untagged", "nv set " + i + BRIDGE + " access " + idleVlan);
    }

    @Override
    public List<String> showConfig() {
        return List.of("nv config show -o commands");
    }

    @Override
    public SwitchConfig parse(String text) {
        return NvueOutput.parse(text);
    }

    /** A LAG is a bond, {@code bondN}; given as {@code bondN} or {@code N}. */
    @Override
    public String lagName(String lag) {
        return SwitchCommands.lagName(lag, LAG, "bond", "a Cumulus LAG is a bond such as bond1 (or its number)");
    }

    /**
     * The bond with exactly these members, LACP (NVUE's {@code bond mode lacp}), on the bridge so
     * that VLANs can be set on it. A member leaves the bridge first (a bond member is not a bridge
     * port); a member it had and is not given is taken out of the bond.
     */
    @Override
    public List<String> createLag(String lag, List<String> members, Current current) {
        String b = iface(lag);
        List<String> out = new ArrayList<>();
        for (String stale : current.config().lagMembers(lag)) {
            if (!members.contains(stale)) {
                out.add("nv unset " + b + " bond member " + stale);
            }
        }
        for (String m : members) {
            if (m.startsWith("bond")) {
                throw new IllegalArgumentException("a bond's member is a switch port such as swp1, but was '" + m + "'");
            }
            out.add("nv unset " + iface(m) + BRIDGE);
            out.add("nv set " + b + " bond member " + m);
        }
        out.add("nv set " + b + " bond mode lacp");
        out.add("nv set " + b + BRIDGE);
        return out;
    }

    /** {@code nv unset interface bondN} takes the bond and its member list away. */
    @Override
    public List<String> deleteLag(String lag, Current current) {
        SwitchConfig now = current.config();
        return now.ports().containsKey(lag) || !now.lagMembers(lag).isEmpty() ? List.of("nv unset " + iface(lag)) : List.of();
    }

    @Override
    public String noVxlanReason() {
        return null;
    }

    @Override
    public boolean mapsVnis() {
        return true;
    }

    /**
     * {@code nv set bridge domain br_default vlan V vni N} with {@code nv set nve vxlan enable on};
     * the VTEP's source address is the operator's, as on the other dialects.
     */
    @Override
    public List<String> mapVni(Vni vni, VlanId vlan, Current current) {
        List<String> out = new ArrayList<>();
        SwitchCommands.mapsElsewhere(current.config(), vni, vlan)
                .forEach((v, l) -> out.add("nv unset bridge domain br_default vlan " + l + " vni"));
        out.add("nv set nve vxlan enable on");
        out.add("nv set bridge domain br_default vlan " + vlan + " vni " + vni);
        return out;
    }

    @Override
    public List<String> unmapVni(Vni vni, Current current) {
        VlanId vlan = current.config().vniToVlan().get(vni);
        return vlan == null ? List.of() : List.of("nv unset bridge domain br_default vlan " + vlan + " vni");
    }

    @Override
    public boolean configuresAcls() {
        return true;
    }

    /**
     * An IPv4 ACL, {@code nv set acl NAME type ipv4}, with one rule per security-group rule
     * (10, 20, ...: {@code match ip protocol}, {@code match ip dest-ip}, {@code match ip tcp|udp
     * source-port|dest-port}, {@code match ip icmp-type echo-reply}, {@code action permit}) and a
     * last rule, {@value #DENY_RULE}, that denies the rest of IPv4 (an IPv4 ACL does not touch ARP),
     * bound with {@code nv set interface swpN acl NAME inbound}. An ACL with other rules is unset
     * and written again in the same revision, which applies at once: no temporary ACL is needed.
     */
    @Override
    public List<String> bindAcl(String port, Acl acl, Current current) {
        String i = iface(port);
        SwitchConfig now = current.config();
        List<String> out = new ArrayList<>();
        if (!now.acl(acl.name()).equals(java.util.Optional.of(acl))) {
            String a = "nv set acl " + acl.name();
            out.add("nv unset acl " + acl.name());
            out.add(a + " type ipv4");
            int n = 10;
            for (AclRule r : acl.rules()) {
                AclMatch m = AclMatch.of(r);
                String rule = a + " rule " + n;
                n += 10;
                if (m.protocol() != null) {
                    out.add(rule + " match ip protocol " + m.protocol());
                }
                out.add(rule + " match ip dest-ip " + m.destination());
                if (m.sourcePorts() != null) {
                    out.add(rule + " match ip " + m.protocol() + " source-port " + m.sourcePorts().replace('-', ':'));
                }
                if (m.destinationPorts() != null) {
                    out.add(rule + " match ip " + m.protocol() + " dest-port " + m.destinationPorts().replace('-', ':'));
                }
                if (m.echoReply()) {
                    out.add(rule + " match ip icmp-type echo-reply");
                }
                out.add(rule + " action permit");
            }
            out.add(a + " rule " + DENY_RULE + " action deny");
        }
        String bound = now.port(port).map(PortState::acl).orElse(null);
        if (!acl.name().equals(bound)) {
            if (bound != null) {
                out.add("nv unset " + i + " acl " + bound); // a port's acl is a list on NVUE: one inbound ACL, as elsewhere
            }
            out.add("nv set " + i + " acl " + acl.name() + " inbound");
        }
        return out;
    }

    @Override
    public List<String> unbindAcl(String port, String aclName, Current current) {
        String i = iface(port);
        SwitchConfig now = current.config();
        List<String> out = new ArrayList<>();
        if (now.port(port).map(p -> aclName.equals(p.acl())).orElse(false)) {
            out.add("nv unset " + i + " acl " + aclName);
        }
        if (!SwitchCommands.boundElsewhere(now, port, aclName) && NvueOutput.aclNames(current.text()).contains(aclName)) {
            out.add("nv unset acl " + aclName);
        }
        return out;
    }

    @Override
    public LinkStates.Table linkStates() {
        return LinkStates.NVUE;
    }

    @Override
    public String save() {
        return "nv config save";
    }

    private static String iface(String port) {
        if (port == null || !PORT.matcher(port).matches()) {
            throw new IllegalArgumentException("port must be a Cumulus switch port such as swp1, but was '" + port + "'");
        }
        return "interface " + port;
    }
}
