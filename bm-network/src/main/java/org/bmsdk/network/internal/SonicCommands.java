package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

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
    private static final String DB = "sonic-db-cli CONFIG_DB ";
    /** The rule that drops all IPv4 while a bound table's rules are rewritten. */
    static final String HOLD = "BM_HOLD";

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
        current.config().vniToVlan().forEach((v, l) -> {
            if (l.equals(vlan)) { // SONiC keeps a VLAN that has a VNI map
                out.add("config vxlan map del " + SonicOutput.vtep(current.text()) + " " + l + " " + v);
            }
        });
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
        return List.of("show vlan config", "show interfaces status", "show interfaces portchannel", "show acl table",
                "show acl rule", "show vxlan interface", "show vxlan vlanvnimap");
    }

    /** A LAG is a PortChannel ({@code PortChannelN}); given as {@code PortChannelN}, {@code poN} or {@code N}. */
    @Override
    public String lagName(String lag) {
        return SwitchCommands.lagName(lag, LAG, "PortChannel", "a SONiC LAG is a PortChannel such as PortChannel10 (or its number)");
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
    public boolean configuresAcls() {
        return true;
    }

    /**
     * An ingress L3 ACL table named as the ACL, {@code config acl add table NAME L3 -p PORTS -s
     * ingress} (which binds exactly the ports listed, so the whole list is given each time), and
     * its rules written to CONFIG_DB as SONiC's acl-loader writes them: {@code RULE_i} (priority
     * 9000 - i, {@code PACKET_ACTION FORWARD}, {@code IP_PROTOCOL}, {@code DST_IP},
     * {@code L4_SRC_PORT}/{@code L4_DST_PORT} or their {@code _RANGE}, {@code ICMP_TYPE 0} for an
     * echo reply) and {@code DEFAULT_RULE} (priority 1, DROP of all IPv4), with
     * {@code sonic-db-cli CONFIG_DB hset}. A table with other rules is rewritten behind a
     * {@value #HOLD} rule that drops all IPv4 first: its ports fail closed, never open, while the
     * rules change. A port bound to another table leaves it once the new one is bound.
     */
    @Override
    public List<String> bindAcl(String port, Acl acl, Current current) {
        check(port);
        String text = current.text();
        Map<String, SonicAclOutput.Table> tables = SonicAclOutput.tables(text);
        SonicAclOutput.Table t = tables.get(acl.name());
        List<String> out = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        if (t != null && (!t.type().equals("L3") || !t.stage().equalsIgnoreCase("ingress"))) {
            out.addAll(removeTable(acl.name(), text));
            t = null;
        }
        if (t == null) {
            ports.add(port);
            out.add(addTable(acl.name(), ports));
            out.addAll(writeRules(acl));
        } else {
            ports.addAll(t.ports());
            if (!current.config().acl(acl.name()).equals(java.util.Optional.of(acl))) {
                String hold = ruleKey(acl.name(), HOLD);
                out.add(DB + "hset " + hold + " PRIORITY 9999 PACKET_ACTION DROP ETHER_TYPE 2048");
                SonicAclOutput.rules(text).getOrDefault(acl.name(), Map.of()).keySet().forEach(r -> {
                    if (!r.equals(HOLD)) {
                        out.add(DB + "del " + ruleKey(acl.name(), r));
                    }
                });
                out.addAll(writeRules(acl));
                out.add(DB + "del " + hold);
            }
            if (!ports.contains(port)) {
                ports.add(port);
                out.add(addTable(acl.name(), ports));
            }
        }
        tables.forEach((name, other) -> {
            if (!name.equals(acl.name()) && other.stage().equalsIgnoreCase("ingress") && other.ports().contains(port)) {
                List<String> rest = new ArrayList<>(other.ports());
                rest.remove(port);
                out.addAll(rest.isEmpty() ? removeTable(name, text) : List.of(addTable(name, rest, other.type())));
            }
        });
        return out;
    }

    /** Takes the port off the table; a table left with no port is removed, with its rules. */
    @Override
    public List<String> unbindAcl(String port, String aclName, Current current) {
        check(port);
        String text = current.text();
        SonicAclOutput.Table t = SonicAclOutput.tables(text).get(aclName);
        if (t == null) {
            return List.of();
        }
        List<String> rest = new ArrayList<>(t.ports());
        rest.remove(port);
        if (rest.isEmpty()) {
            return removeTable(aclName, text);
        }
        return rest.size() == t.ports().size() ? List.of() : List.of(addTable(aclName, rest, t.type()));
    }

    private static String addTable(String name, List<String> ports) {
        return addTable(name, ports, "L3");
    }

    private static String addTable(String name, List<String> ports, String type) {
        return "config acl add table " + name + " " + type + " -p " + String.join(",", ports) + " -s ingress";
    }

    /** The table first (its ports are then unfiltered by it, as asked), then its rules. */
    private static List<String> removeTable(String name, String text) {
        List<String> out = new ArrayList<>();
        out.add("config acl remove table " + name);
        SonicAclOutput.rules(text).getOrDefault(name, Map.of()).keySet().forEach(r -> out.add(DB + "del " + ruleKey(name, r)));
        return out;
    }

    private static List<String> writeRules(Acl acl) {
        List<String> out = new ArrayList<>();
        int i = 1;
        for (AclRule r : acl.rules()) {
            AclMatch m = AclMatch.of(r);
            StringBuilder b = new StringBuilder(DB + "hset " + ruleKey(acl.name(), "RULE_" + i) + " PRIORITY " + (9000 - i)
                    + " PACKET_ACTION FORWARD");
            if (m.protocol() != null) {
                b.append(" IP_PROTOCOL ").append(switch (m.protocol()) {
                    case "tcp" -> 6;
                    case "udp" -> 17;
                    default -> 1;
                });
            }
            b.append(" DST_IP ").append(m.destination());
            if (m.sourcePorts() != null) {
                b.append(m.sourcePorts().contains("-") ? " L4_SRC_PORT_RANGE " : " L4_SRC_PORT ").append(m.sourcePorts());
            }
            if (m.destinationPorts() != null) {
                b.append(m.destinationPorts().contains("-") ? " L4_DST_PORT_RANGE " : " L4_DST_PORT ").append(m.destinationPorts());
            }
            if (m.echoReply()) {
                b.append(" ICMP_TYPE 0");
            }
            out.add(b.toString());
            i++;
        }
        out.add(DB + "hset " + ruleKey(acl.name(), "DEFAULT_RULE") + " PRIORITY 1 PACKET_ACTION DROP ETHER_TYPE 2048");
        return out;
    }

    /** The CONFIG_DB key of a rule, quoted for the shell ({@code |} would be a pipe). */
    private static String ruleKey(String table, String rule) {
        return "\"ACL_RULE|" + table + "|" + rule + "\"";
    }

    @Override
    public String noVxlanReason() {
        return null;
    }

    @Override
    public boolean mapsVnis() {
        return true;
    }

    /** The VTEP ({@code config vxlan add NAME IP}) is the operator's: its source address is not the driver's to choose. */
    @Override
    public String vxlanMissing(Current current) {
        return SonicOutput.vtep(current.text()) == null
                ? "has no VTEP: create it first (config vxlan add NAME SOURCE-IP); the driver maps VNIs on it" : null;
    }

    /** {@code config vxlan map add VTEP VLAN VNI}; pairs that point elsewhere are deleted first. */
    @Override
    public List<String> mapVni(Vni vni, VlanId vlan, Current current) {
        String vtep = SonicOutput.vtep(current.text());
        List<String> out = new ArrayList<>();
        SwitchCommands.mapsElsewhere(current.config(), vni, vlan)
                .forEach((v, l) -> out.add("config vxlan map del " + vtep + " " + l + " " + v));
        out.add("config vxlan map add " + vtep + " " + vlan + " " + vni);
        return out;
    }

    @Override
    public List<String> unmapVni(Vni vni, Current current) {
        VlanId vlan = current.config().vniToVlan().get(vni);
        return vlan == null ? List.of() : List.of("config vxlan map del " + SonicOutput.vtep(current.text()) + " " + vlan + " " + vni);
    }

    @Override
    public SwitchConfig parse(String text) {
        return SonicOutput.parse(text);
    }

    @Override
    public LinkStates.Table linkStates() {
        return LinkStates.SONIC;
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
