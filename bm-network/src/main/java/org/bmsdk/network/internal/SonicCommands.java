package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * SONiC's click commands, the ones networking-generic-switch's SONiC device sends (rather than the
 * KLISH {@code sonic-cli}, which only some vendors' images carry). SONiC has no port mode: a port is
 * an untagged member of at most one VLAN and a tagged member of others; with no tagged VLAN it reads
 * back as an access port. Its commands refuse to do what is done already ({@code Error: Vlan100
 * already exists}), so every rendering reads the switch first and sends only the difference. VLAN
 * names do not exist on SONiC ({@code Vlan100} is the name): the name given is not kept. A LAG is
 * a PortChannel ({@code config portchannel add}, {@code config portchannel member add}), read back
 * from {@code show interfaces portchannel}.
 */
final class SonicCommands implements SwitchCommands {

    private static final Pattern PORT = Pattern.compile("Ethernet\\d+|PortChannel\\d{1,4}");
    private static final Pattern LAG = Pattern.compile("(?:PortChannel|po)?(\\d{1,4})");

    @Override
    public List<String> createVlan(VlanId vlan, String name, Current current) {
        return current.config().vlans().contains(vlan) ? List.of() : List.of("config vlan add " + vlan);
    }

    /** SONiC refuses to delete a VLAN with members: they go first. */
    @Override
    public List<String> deleteVlan(VlanId vlan, Current current) {
        if (!current.config().vlans().contains(vlan)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> m : members(current.text(), vlan.value()).entrySet()) {
            out.add("config vlan member del " + vlan + " " + m.getKey());
        }
        out.add("config vlan del " + vlan);
        return out;
    }

    @Override
    public List<String> access(String port, VlanId vlan, Current current) {
        return membership(port, vlan, Set.of(), current);
    }

    /** A VLAN is tagged or untagged on a SONiC port, not both: the native one is not tagged too. */
    @Override
    public List<String> trunk(String port, VlanId nativeVlan, Set<VlanId> allowed, Current current) {
        Set<VlanId> tagged = new TreeSet<>(allowed);
        if (nativeVlan != null) { // a TreeSet refuses remove(null): a trunk without a native VLAN threw here
            tagged.remove(nativeVlan);
        }
        return membership(port, nativeVlan, tagged, current);
    }

    @Override
    public List<String> addTrunkVlan(String port, VlanId vlan, Current current) {
        check(port);
        SonicOutput.Membership m = SonicOutput.membership(current.text(), port);
        return m.tagged().contains(vlan) || vlan.equals(m.untagged()) ? List.of()
                : List.of("config vlan member add " + vlan + " " + port);
    }

    @Override
    public List<String> removeTrunkVlan(String port, VlanId vlan, Current current) {
        check(port);
        SonicOutput.Membership m = SonicOutput.membership(current.text(), port);
        return m.tagged().contains(vlan) ? List.of("config vlan member del " + vlan + " " + port) : List.of();
    }

    @Override
    public List<String> enabled(String port, boolean enabled, Current current) {
        check(port);
        return List.of("config interface " + (enabled ? "startup " : "shutdown ") + port);
    }

    /** Shut first; then only the idle VLAN, untagged. */
    @Override
    public List<String> idle(String port, VlanId idleVlan, Current current) {
        List<String> out = new ArrayList<>();
        out.add("config interface shutdown " + check(port));
        out.addAll(membership(port, idleVlan, Set.of(), current));
        return out;
    }

    @Override
    public List<String> showConfig() {
        return List.of("show vlan config", "show interfaces status", "show interfaces portchannel");
    }

    /** A LAG is a PortChannel ({@code PortChannelN}); given as {@code PortChannelN}, {@code poN} or {@code N}. */
    @Override
    public String lagName(String lag) {
        java.util.regex.Matcher m = LAG.matcher(lag == null ? "" : lag.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a SONiC LAG is a PortChannel such as PortChannel10 (or its number), but was '" + lag + "'");
        }
        return "PortChannel" + Integer.parseInt(m.group(1));
    }

    /**
     * {@code config portchannel add} (LACP is SONiC's default) when it is missing; a member it had
     * and is not given leaves; a new member drops its VLAN memberships first (SONiC refuses a port
     * that has some) and joins with {@code config portchannel member add}.
     */
    @Override
    public List<String> createLag(String lag, List<String> members, Current current) {
        SwitchConfig now = current.config();
        List<String> out = new ArrayList<>();
        if (!now.ports().containsKey(lag)) {
            out.add("config portchannel add " + lag);
        }
        List<String> had = now.lagMembers(lag);
        for (String stale : had) {
            if (!members.contains(stale)) {
                out.add("config portchannel member del " + lag + " " + stale);
            }
        }
        for (String m : members) {
            if (!check(m).startsWith("Ethernet")) {
                throw new IllegalArgumentException("a PortChannel's member is a port such as Ethernet0, but was '" + m + "'");
            }
            if (!had.contains(m)) {
                out.addAll(membership(m, null, Set.of(), current));
                PortState p = now.port(m).orElse(null);
                if (p != null && p.lag() != null && !p.lag().equals(lag)) {
                    out.add("config portchannel member del " + p.lag() + " " + m);
                }
                out.add("config portchannel member add " + lag + " " + m);
            }
        }
        return out;
    }

    /** Frees the members, drops the PortChannel's VLAN memberships (SONiC refuses otherwise), deletes it. */
    @Override
    public List<String> deleteLag(String lag, Current current) {
        SwitchConfig now = current.config();
        List<String> out = new ArrayList<>();
        now.lagMembers(lag).forEach(m -> out.add("config portchannel member del " + lag + " " + m));
        if (now.ports().containsKey(lag)) {
            out.addAll(membership(lag, null, Set.of(), current));
            out.add("config portchannel del " + lag);
        }
        return out;
    }

    @Override
    public String noVxlanReason() {
        return "SONiC maps a VNI through a named VTEP (config vxlan add NAME IP, then config vxlan map add NAME VLAN VNI); "
                + "the driver does not manage the VTEP yet";
    }

    @Override
    public SwitchConfig parse(String text) {
        return SonicOutput.parse(text);
    }

    @Override
    public String save() {
        return "config save -y";
    }

    /** {@code config save} writes /etc/sonic/config_db.json: root's shell, as the changes. */
    @Override
    public boolean saveInConfigMode() {
        return true;
    }

    /** Removes what should go, then adds what is missing: SONiC takes one untagged VLAN at a time. */
    private List<String> membership(String port, VlanId untagged, Set<VlanId> tagged, Current current) {
        check(port);
        SonicOutput.Membership now = SonicOutput.membership(current.text(), port);
        List<String> out = new ArrayList<>();
        for (VlanId v : now.tagged()) {
            if (!tagged.contains(v)) {
                out.add("config vlan member del " + v + " " + port);
            }
        }
        if (now.untagged() != null && !now.untagged().equals(untagged)) {
            out.add("config vlan member del " + now.untagged() + " " + port);
        }
        if (untagged != null && !untagged.equals(now.untagged())) {
            out.add("config vlan member add -u " + untagged + " " + port);
        }
        for (VlanId v : new TreeSet<>(tagged)) {
            if (!now.tagged().contains(v)) {
                out.add("config vlan member add " + v + " " + port);
            }
        }
        return out;
    }

    /** The ports of a VLAN in {@code show vlan config}, by name, with 1 for untagged. */
    private static Map<String, Integer> members(String text, int vlan) {
        Map<String, Integer> out = new TreeMap<>();
        for (String[] row : SonicOutput.vlanRows(text)) {
            if (Integer.parseInt(row[1]) == vlan && row.length == 4) {
                out.put(row[2], row[3].equals("untagged") ? 1 : 0);
            }
        }
        return out;
    }

    private static String check(String port) {
        if (port == null || !PORT.matcher(port).matches()) {
            throw new IllegalArgumentException("port must be a SONiC interface name such as Ethernet0, but was '" + port + "'");
        }
        return port;
    }

}
