package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * One configuration of a simulated switch (the running one, or the saved one): its VLANs and its
 * ports. Mutable and not thread-safe: the switch guards it with its own lock.
 */
public final class SwitchModel {

    /** The VLAN every switch has and none may delete. */
    public static final int DEFAULT_VLAN = 1;

    private String hostname;
    private final TreeMap<Integer, String> vlans = new TreeMap<>();
    private final LinkedHashMap<String, Port> ports = new LinkedHashMap<>();
    /** ACLs by name: their entries by sequence number. */
    private final TreeMap<String, TreeMap<Integer, List<String>>> acls = new TreeMap<>();
    /**
     * The ACLs of the dialects that write them as rules of match fields rather than as entries
     * (Junos filter terms, NVUE ACL rules, SONiC ACL_RULEs): by name, their rules in the order they
     * apply, by the rule's name in the dialect; each rule's fields are {@link RuleAcls}' keys.
     */
    private final TreeMap<String, LinkedHashMap<String, TreeMap<String, String>>> ruleAcls = new TreeMap<>();
    /** The VXLAN map, VLAN to VNI (EOS's {@code vxlan vlan V vni N}, NX-OS's {@code vn-segment}). */
    private final TreeMap<Integer, Integer> vlanVni = new TreeMap<>();
    /** Dell OS10: the virtual networks by id, and the VNI of each that has one (0: none yet). */
    final TreeMap<Integer, Integer> virtualNetworks = new TreeMap<>();
    /** Dell OS10: the virtual network of each VLAN that has one. */
    final TreeMap<Integer, Integer> vlanVn = new TreeMap<>();
    /** SONiC: the VTEP's name and source address ({@code config vxlan add NAME IP}), or null. */
    String vtepName;
    String vtepIp;
    /** Whether the VXLAN interface ({@code Vxlan1}, {@code nve1}) exists. */
    boolean vxlanInterface;
    /** NX-OS: the VNIs of {@code interface nve1}'s {@code member vni} lines. */
    final TreeSet<Integer> nveMembers = new TreeSet<>();
    /** NX-OS: the features turned on ({@code feature nv overlay}). */
    final TreeSet<String> features = new TreeSet<>();

    /** One ACL entry: its words, such as {@code permit tcp any 10.0.0.0/8 eq 22}. */
    static List<String> entry(List<String> words) {
        return List.copyOf(words);
    }

    /** One port's settings, as a switch keeps them: trunk settings survive in access mode and back. */
    public static final class Port {
        final String name;
        boolean shutdown;
        String description;
        boolean trunk;
        int accessVlan = DEFAULT_VLAN;
        /** Null: not configured (the platform default, VLAN 1). */
        Integer nativeVlan;
        /** Null: all VLANs (the default). */
        NavigableSet<Integer> allowed;
        /** Whether this is a LAG interface (port-channel), which can be removed. */
        boolean lagInterface;
        /** The LAG this port is a member of, by its interface name, or null. */
        String lag;
        /** The channel-group mode ({@code active}, {@code passive}, {@code on}). */
        String lagMode;
        /** The ACLs bound in and out, or null. */
        String aclIn;
        String aclOut;
        /** SONiC: an access port that is no VLAN's untagged member (it reads as VLAN 1). */
        boolean noUntagged;
        /** Junos: whether the port has a {@code unit 0 family ethernet-switching} of its own. */
        boolean eswUnit;

        Port(String name) {
            this.name = name;
        }

        Port copy() {
            Port p = new Port(name);
            p.shutdown = shutdown;
            p.description = description;
            p.trunk = trunk;
            p.accessVlan = accessVlan;
            p.nativeVlan = nativeVlan;
            p.allowed = allowed == null ? null : new TreeSet<>(allowed);
            p.lagInterface = lagInterface;
            p.lag = lag;
            p.lagMode = lagMode;
            p.aclIn = aclIn;
            p.aclOut = aclOut;
            p.noUntagged = noUntagged;
            p.eswUnit = eswUnit;
            return p;
        }
    }

    /**
     * A factory-default switch: VLAN 1 and the given ports, enabled, in access mode on VLAN 1.
     *
     * @param hostname the host name
     * @param portNames the ports
     */
    public SwitchModel(String hostname, List<String> portNames) {
        this.hostname = hostname;
        vlans.put(DEFAULT_VLAN, "default");
        for (String p : portNames) {
            ports.put(p, new Port(p));
        }
    }

    private SwitchModel(SwitchModel other) {
        this.hostname = other.hostname;
        this.vlans.putAll(other.vlans);
        other.ports.forEach((k, v) -> ports.put(k, v.copy()));
        other.acls.forEach((k, v) -> acls.put(k, new TreeMap<>(v)));
        other.ruleAcls.forEach((k, v) -> {
            LinkedHashMap<String, TreeMap<String, String>> rules = new LinkedHashMap<>();
            v.forEach((rule, fields) -> rules.put(rule, new TreeMap<>(fields)));
            ruleAcls.put(k, rules);
        });
        this.vlanVni.putAll(other.vlanVni);
        this.virtualNetworks.putAll(other.virtualNetworks);
        this.vlanVn.putAll(other.vlanVn);
        this.vtepName = other.vtepName;
        this.vtepIp = other.vtepIp;
        this.vxlanInterface = other.vxlanInterface;
        this.nveMembers.addAll(other.nveMembers);
        this.features.addAll(other.features);
    }

    /** @return a deep copy */
    public SwitchModel copy() {
        return new SwitchModel(this);
    }

    String hostname() {
        return hostname;
    }

    void hostname(String name) {
        this.hostname = name;
    }

    TreeMap<Integer, String> vlans() {
        return vlans;
    }

    Map<String, Port> ports() {
        return ports;
    }

    Port port(String name) {
        return ports.get(name);
    }

    TreeMap<String, TreeMap<Integer, List<String>>> acls() {
        return acls;
    }

    TreeMap<String, LinkedHashMap<String, TreeMap<String, String>>> ruleAcls() {
        return ruleAcls;
    }

    TreeMap<Integer, Integer> vlanVni() {
        return vlanVni;
    }

    /**
     * Dell OS10: the VXLAN map from the virtual networks, a VLAN's VNI being its virtual network's
     * (VLANs that are gone, and networks with no VNI, map nothing).
     */
    void syncVirtualNetworks() {
        vlanVn.keySet().retainAll(vlans.keySet());
        vlanVni.clear();
        vlanVn.forEach((vlan, vn) -> {
            Integer vni = virtualNetworks.get(vn);
            if (vni != null && vni != 0) {
                vlanVni.put(vlan, vni);
            }
        });
    }

    /**
     * Sets this model to a given configuration (for a switch's initial state). Ports not named keep
     * their factory defaults; VLAN names are {@code VLANnnnn}. ACLs are written as bm-sdk's drivers
     * write security-group rules, with prefixes (IOS prints them with wildcard masks); a VNI map
     * also creates the VXLAN interface, its members and, for NX-OS, the features it needs.
     *
     * @param config the configuration
     */
    public void apply(SwitchConfig config) {
        apply(config, false);
    }

    /**
     * Sets this model to a given configuration, as {@link #apply(SwitchConfig)} does, with the ACLs
     * kept as the dialect keeps them.
     *
     * @param config the configuration
     * @param aclsAsRules whether the dialect keeps ACLs as rules of match fields (Junos, NVUE, SONiC:
     *     {@link Dialects#aclsAsRules}) rather than as entries
     */
    public void apply(SwitchConfig config, boolean aclsAsRules) {
        for (VlanId v : config.vlans()) {
            vlans.putIfAbsent(v.value(), defaultName(v.value()));
        }
        for (PortState s : config.ports().values()) {
            Port p = ports.computeIfAbsent(s.port(), Port::new);
            p.shutdown = !s.enabled();
            p.trunk = s.mode() == PortState.Mode.TRUNK;
            p.accessVlan = s.accessVlan() == null ? DEFAULT_VLAN : s.accessVlan().value();
            p.nativeVlan = s.nativeVlan() == null ? null : s.nativeVlan().value();
            if (p.trunk) {
                TreeSet<Integer> allowed = new TreeSet<>();
                s.allowedVlans().forEach(v -> allowed.add(v.value()));
                p.allowed = allowed.size() == 4094 ? null : allowed;
            }
            p.lag = s.lag();
            p.lagMode = s.lag() == null ? null : "active";
            p.aclIn = s.acl();
        }
        // A LAG named by a member is a LAG interface, whether or not the configuration lists it.
        for (PortState s : config.ports().values()) {
            if (s.lag() != null) {
                ports.computeIfAbsent(s.lag(), Port::new).lagInterface = true;
            }
        }
        for (Acl acl : config.acls().values()) {
            TreeMap<Integer, List<String>> entries = new TreeMap<>();
            int seq = 10;
            for (AclRule r : acl.rules()) {
                entries.put(seq, entry(AclEntries.render(r, false)));
                seq += 10;
            }
            if (!aclsAsRules) {
                acls.put(acl.name(), entries);
                continue;
            }
            LinkedHashMap<String, TreeMap<String, String>> rules = new LinkedHashMap<>();
            int n = 10;
            for (AclRule r : acl.rules()) {
                TreeMap<String, String> f = RuleAcls.fields(r);
                f.put(RuleAcls.PRIORITY, Integer.toString(9000 - n / 10));
                rules.put(Integer.toString(n), f);
                n += 10;
            }
            ruleAcls.put(acl.name(), rules);
        }
        config.vniToVlan().forEach((vni, vlan) -> {
            vlanVni.put(vlan.value(), vni.value());
            virtualNetworks.put(vlan.value(), vni.value()); // OS10: a virtual network numbered as its VLAN
            vlanVn.put(vlan.value(), vlan.value());
            nveMembers.add(vni.value());
            vxlanInterface = true;
        });
        if (!vlanVni.isEmpty() && vtepName == null) {
            vtepName = "vtep1"; // SONiC's VTEP, the operator's
            vtepIp = "10.255.0.1";
        }
        if (!vlanVni.isEmpty()) {
            features.add("nv overlay");
            features.add("vn-segment-vlan-based");
        }
    }


    /**
     * This configuration in bm-api's terms, as a driver should read it back.
     *
     * @return VLANs and ports
     */
    public SwitchConfig view() {
        Set<VlanId> vlanIds = new TreeSet<>();
        vlans.keySet().forEach(v -> vlanIds.add(VlanId.of(v)));
        Map<String, PortState> states = new HashMap<>();
        for (Port p : ports.values()) {
            states.put(p.name, state(p));
        }
        Map<Vni, VlanId> vnis = new HashMap<>();
        vlanVni.forEach((vlan, vni) -> vnis.put(Vni.of(vni), VlanId.of(vlan)));
        Map<String, Acl> aclView = new HashMap<>();
        acls.forEach((name, entries) -> {
            List<AclRule> rules = new ArrayList<>();
            for (List<String> e : entries.values()) {
                AclRule r = AclEntries.rule(e);
                if (r == null) {
                    return; // not of the security-group form: left out, as a driver leaves it out
                }
                rules.add(r);
            }
            aclView.put(name, new Acl(name, rules));
        });
        ruleAcls.forEach((name, rules) -> {
            List<AclRule> read = RuleAcls.rules(rules.values());
            if (read != null) {
                aclView.put(name, new Acl(name, read));
            }
        });
        return new SwitchConfig(vlanIds, states, vnis, aclView);
    }

    /** @return the description of each port that has one */
    public Map<String, String> descriptions() {
        Map<String, String> out = new TreeMap<>();
        ports.values().forEach(p -> {
            if (p.description != null) {
                out.put(p.name, p.description);
            }
        });
        return out;
    }

    /** @return each VLAN's name, by id */
    public Map<Integer, String> vlanNames() {
        return new TreeMap<>(vlans);
    }

    static PortState state(Port p) {
        String acl = p.aclIn != null ? p.aclIn : p.aclOut;
        if (!p.trunk) {
            return new PortState(p.name, !p.shutdown, PortState.Mode.ACCESS, VlanId.of(p.accessVlan), null, Set.of(), p.lag, acl);
        }
        Set<VlanId> allowed = new TreeSet<>();
        if (p.allowed == null) {
            for (int v = 1; v <= 4094; v++) {
                allowed.add(VlanId.of(v));
            }
        } else {
            p.allowed.forEach(v -> allowed.add(VlanId.of(v)));
        }
        return new PortState(p.name, !p.shutdown, PortState.Mode.TRUNK, null,
                p.nativeVlan == null ? null : VlanId.of(p.nativeVlan), allowed, p.lag, acl);
    }

    static String defaultName(int vlan) {
        return String.format("VLAN%04d", vlan);
    }
}
