package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * Junos (ELS: EX and QFX switches) as {@code set} and {@code delete} statements. Junos names its
 * VLANs ({@code set vlans tenant-a vlan-id 100}); ports name their VLANs by number
 * ({@code vlan members 100}), as networking-generic-switch does, so that a port's lines do not
 * depend on names. One {@code vlan members} list serves both modes, so a port's list is cleared
 * before it is set. Deleting what is not there is a warning on Junos, not an error, which keeps
 * the renderings idempotent.
 */
final class JunosCommands implements SwitchCommands {

    private static final Pattern VLAN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern PORT = Pattern.compile("[a-z]{2,3}-\\d+/\\d+/\\d+(?::\\d+)?|ae\\d{1,3}");
    private static final Pattern LAG = Pattern.compile("(?:ae)?(\\d{1,3})");
    private static final String ESW = " unit 0 family ethernet-switching";
    private static final String FILTER = "firewall family ethernet-switching filter ";

    @Override
    public List<String> createVlan(VlanId vlan, String name, Current current) {
        if (name == null || !VLAN_NAME.matcher(name).matches() || name.equals("default") && vlan.value() != 1) {
            throw new IllegalArgumentException("VLAN name must match " + VLAN_NAME + " (and not be 'default'), but was '"
                    + name + "'");
        }
        Map<String, Integer> names = JunosConfigParser.vlanNames(current.text());
        if (vlan.value() == names.getOrDefault(name, -1)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        // One VLAN id has one name: another name for it would make the commit fail.
        names.forEach((other, id) -> {
            if (id == vlan.value() && !other.equals(name)) {
                out.add("delete vlans " + other);
            }
        });
        out.add("set vlans " + name + " vlan-id " + vlan);
        return out;
    }

    @Override
    public List<String> deleteVlan(VlanId vlan, Current current) {
        List<String> out = new ArrayList<>();
        JunosConfigParser.vlanNames(current.text()).forEach((name, id) -> {
            if (id == vlan.value()) {
                out.add("delete vlans " + name);
            }
        });
        return out;
    }

    @Override
    public List<String> access(String port, VlanId vlan, Current current) {
        String p = iface(port);
        return List.of("delete " + p + ESW + " vlan members", "set " + p + ESW + " interface-mode access",
                "set " + p + ESW + " vlan members " + vlan);
    }

    @Override
    public List<String> trunk(String port, VlanId nativeVlan, Set<VlanId> allowed, Current current) {
        String p = iface(port);
        List<String> out = new ArrayList<>();
        out.add("delete " + p + ESW + " vlan members");
        out.add("set " + p + ESW + " interface-mode trunk");
        out.add(nativeVlan == null ? "delete " + p + " native-vlan-id" : "set " + p + " native-vlan-id " + nativeVlan);
        out.addAll(members(p, allowed));
        return out;
    }

    @Override
    public List<String> addTrunkVlan(String port, VlanId vlan, Current current) {
        return List.of("set " + iface(port) + ESW + " vlan members " + vlan);
    }

    /**
     * The member may be listed by name or inside a range, so the port's list is written again
     * without it rather than deleted by its number.
     */
    @Override
    public List<String> removeTrunkVlan(String port, VlanId vlan, Current current) {
        String p = iface(port);
        PortState now = current.config().port(port).orElse(null);
        if (now == null || now.mode() != PortState.Mode.TRUNK || !now.allowedVlans().contains(vlan)) {
            return List.of();
        }
        Set<VlanId> rest = new TreeSet<>(now.allowedVlans());
        rest.remove(vlan);
        List<String> out = new ArrayList<>();
        out.add("delete " + p + ESW + " vlan members");
        out.addAll(members(p, rest));
        return out;
    }

    @Override
    public List<String> enabled(String port, boolean enabled, Current current) {
        return List.of((enabled ? "delete " : "set ") + iface(port) + " disable");
    }

    /** All in one commit, so the port never carries anything in between. */
    @Override
    public List<String> idle(String port, VlanId idleVlan, Current current) {
        String p = iface(port);
        return List.of("set " + p + " disable", "delete " + p + " native-vlan-id", "delete " + p + ESW,
                "set " + p + ESW + " interface-mode access", "set " + p + ESW + " vlan members " + idleVlan);
    }

    @Override
    public List<String> showConfig() {
        return List.of("show configuration | display set");
    }

    @Override
    public SwitchConfig parse(String text) {
        return JunosConfigParser.parse(text);
    }

    /** A LAG is an aggregated Ethernet interface, {@code aeN}; given as {@code aeN} or {@code N}. */
    @Override
    public String lagName(String lag) {
        return SwitchCommands.lagName(lag, LAG, "ae", "a Junos LAG is an ae interface such as ae10 (or its number)");
    }

    /**
     * {@code aggregated-ether-options lacp active} on the ae interface; a member loses its own
     * switching family (Junos refuses a member that has one) and joins with {@code ether-options
     * 802.3ad aeN}; a member it had and is not given leaves. The chassis's {@code aggregated-devices
     * ethernet device-count} is the operator's: it must cover N.
     */
    @Override
    public List<String> createLag(String lag, List<String> members, Current current) {
        List<String> out = new ArrayList<>();
        for (String stale : current.config().lagMembers(lag)) {
            if (!members.contains(stale)) {
                out.add("delete " + iface(stale) + " ether-options 802.3ad");
            }
        }
        out.add("set " + iface(lag) + " aggregated-ether-options lacp active");
        for (String m : members) {
            if (m.startsWith("ae")) {
                throw new IllegalArgumentException("a LAG's member is a physical port such as ge-0/0/1, but was '" + m + "'");
            }
            out.add("delete " + iface(m) + " unit 0");
            out.add("delete " + iface(m) + " native-vlan-id");
            out.add("set " + iface(m) + " ether-options 802.3ad " + lag);
        }
        return out;
    }

    /** Frees the members, then deletes the ae interface (deleting what is gone is only a warning). */
    @Override
    public List<String> deleteLag(String lag, Current current) {
        SwitchConfig now = current.config();
        List<String> out = new ArrayList<>();
        now.lagMembers(lag).forEach(m -> out.add("delete " + iface(m) + " ether-options 802.3ad"));
        if (now.ports().containsKey(lag) || !out.isEmpty()) {
            out.add("delete " + iface(lag));
        }
        return out;
    }

    @Override
    public String noVxlanReason() {
        return null;
    }

    @Override
    public boolean mapsVnis() {
        return true;
    }

    /** {@code set vlans NAME vxlan vni N}, the VLAN found by its id; the VTEP (source interface, EVPN) is the operator's. */
    @Override
    public List<String> mapVni(org.bmsdk.api.network.Vni vni, VlanId vlan, Current current) {
        Map<String, Integer> names = JunosConfigParser.vlanNames(current.text());
        List<String> out = new ArrayList<>();
        SwitchCommands.mapsElsewhere(current.config(), vni, vlan).forEach((v, l) -> names.forEach((name, id) -> {
            if (id == l.value()) {
                out.add("delete vlans " + name + " vxlan vni");
            }
        }));
        names.forEach((name, id) -> {
            if (id == vlan.value()) {
                out.add("set vlans " + name + " vxlan vni " + vni);
            }
        });
        return out;
    }

    @Override
    public List<String> unmapVni(org.bmsdk.api.network.Vni vni, Current current) {
        VlanId vlan = current.config().vniToVlan().get(vni);
        List<String> out = new ArrayList<>();
        if (vlan != null) {
            JunosConfigParser.vlanNames(current.text()).forEach((name, id) -> {
                if (id == vlan.value()) {
                    out.add("delete vlans " + name + " vxlan vni");
                }
            });
        }
        return out;
    }

    @Override
    public boolean configuresAcls() {
        return true;
    }

    /**
     * A port filter, {@code firewall family ethernet-switching filter NAME}, bound with
     * {@code filter input NAME} on the port's switching family. A rule is a term {@code tN} of
     * {@link AclMatch}'s conditions ({@code ip-protocol}, {@code ip-destination-address},
     * {@code source-port} or {@code destination-port}, {@code icmp-type echo-reply}) and
     * {@code then accept}; a last term {@code arp} accepts ARP, which the filter's implicit discard
     * would drop (a Cisco IP ACL lets it through). A filter with other rules is deleted and written
     * again in the same commit: its ports are never unfiltered, so no temporary filter is needed.
     */
    @Override
    public List<String> bindAcl(String port, Acl acl, Current current) {
        String p = iface(port);
        SwitchConfig now = current.config();
        List<String> out = new ArrayList<>();
        if (!now.acl(acl.name()).equals(Optional.of(acl))) {
            String f = "set " + FILTER + acl.name() + " term ";
            out.add("delete " + FILTER + acl.name());
            int n = 1;
            for (AclRule r : acl.rules()) {
                AclMatch m = AclMatch.of(r);
                String t = f + "t" + n++;
                if (m.protocol() != null) {
                    out.add(t + " from ip-protocol " + m.protocol());
                }
                out.add(t + " from ip-destination-address " + m.destination());
                if (m.sourcePorts() != null) {
                    out.add(t + " from source-port " + m.sourcePorts());
                }
                if (m.destinationPorts() != null) {
                    out.add(t + " from destination-port " + m.destinationPorts());
                }
                if (m.echoReply()) {
                    out.add(t + " from icmp-type echo-reply");
                }
                out.add(t + " then accept");
            }
            out.add(f + "arp from ether-type arp");
            out.add(f + "arp then accept");
        }
        if (!now.port(port).map(s -> acl.name().equals(s.acl())).orElse(false)) {
            out.add("set " + p + ESW + " filter input " + acl.name());
        }
        return out;
    }

    @Override
    public List<String> unbindAcl(String port, String aclName, Current current) {
        String p = iface(port);
        SwitchConfig now = current.config();
        List<String> out = new ArrayList<>();
        if (now.port(port).map(s -> aclName.equals(s.acl())).orElse(false)) {
            out.add("delete " + p + ESW + " filter input");
        }
        if (!SwitchCommands.boundElsewhere(now, port, aclName) && JunosConfigParser.filterNames(current.text()).contains(aclName)) {
            out.add("delete " + FILTER + aclName);
        }
        return out;
    }

    @Override
    public LinkStates.Table linkStates() {
        return LinkStates.JUNOS;
    }

    /** Junos commits configuration for an interface it does not have, as for a line card yet to come. */
    @Override
    public boolean acceptsAbsentPorts() {
        return true;
    }

    /** Every commit is durable on Junos: there is nothing more to save. */
    @Override
    public String save() {
        return null;
    }

    private static List<String> members(String p, Set<VlanId> vlans) {
        if (vlans.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> ids = new TreeSet<>();
        vlans.forEach(v -> ids.add(v.value()));
        List<String> ranges = VlanRanges.ranges(ids);
        String list = ranges.size() == 1 ? ranges.get(0) : "[ " + String.join(" ", ranges) + " ]";
        return List.of("set " + p + ESW + " vlan members " + list);
    }

    private static String iface(String port) {
        if (port == null || !PORT.matcher(port).matches()) {
            throw new IllegalArgumentException("port must be a Junos interface name such as ge-0/0/1 or xe-0/0/12, but was '"
                    + port + "'");
        }
        return "interfaces " + port;
    }
}
