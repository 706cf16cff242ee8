package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * Dell OS10 lines. VLANs are {@code interface vlan N}, named by their {@code description}; the
 * access VLAN is the untagged one on a trunk too, so a native VLAN is {@code switchport access vlan};
 * {@code switchport trunk allowed vlan L} adds to a trunk's list and {@code no ...} removes, so a
 * trunk is set by adding and removing the difference from what the port has now.
 */
final class Os10Commands implements SwitchCommands {

    private static final Pattern VLAN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Pattern PORT = Pattern.compile("(?:ethernet|port-channel)[0-9/:]+");

    private final CliDialect dialect;

    Os10Commands(CliDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public List<String> createVlan(VlanId vlan, String name, Current current) {
        if (name == null || !VLAN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("VLAN name must match " + VLAN_NAME + ", but was '" + name + "'");
        }
        return List.of("interface vlan " + vlan, "description " + name, "exit");
    }

    @Override
    public List<String> deleteVlan(VlanId vlan, Current current) {
        if (!current.config().vlans().contains(vlan)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        current.config().vniToVlan().forEach((v, l) -> {
            if (l.equals(vlan)) { // its virtual network goes with it, so that its VNI is free again
                out.addAll(unmapVni(v, current));
            }
        });
        out.add("no interface vlan " + vlan);
        return out;
    }

    @Override
    public List<String> access(String port, VlanId vlan, Current current) {
        return List.of(iface(port), "switchport mode access", "switchport access vlan " + vlan);
    }

    @Override
    public List<String> trunk(String port, VlanId nativeVlan, Set<VlanId> allowed, Current current) {
        String i = iface(port);
        PortState now = current.config().port(port).orElse(null);
        Set<VlanId> had = now == null || now.mode() != PortState.Mode.TRUNK ? Set.of() : now.allowedVlans();
        List<String> out = new ArrayList<>();
        out.add(i);
        out.add("switchport mode trunk");
        out.add(nativeVlan == null ? "no switchport access vlan" : "switchport access vlan " + nativeVlan);
        Set<VlanId> remove = new TreeSet<>(had);
        remove.removeAll(allowed);
        Set<VlanId> add = new TreeSet<>(allowed);
        add.removeAll(had);
        out.addAll(lists("no switchport trunk allowed vlan ", remove));
        out.addAll(lists("switchport trunk allowed vlan ", add));
        return out;
    }

    @Override
    public List<String> addTrunkVlan(String port, VlanId vlan, Current current) {
        return List.of(iface(port), "switchport trunk allowed vlan " + vlan);
    }

    @Override
    public List<String> removeTrunkVlan(String port, VlanId vlan, Current current) {
        return List.of(iface(port), "no switchport trunk allowed vlan " + vlan);
    }

    @Override
    public List<String> enabled(String port, boolean enabled, Current current) {
        return List.of(iface(port), enabled ? "no shutdown" : "shutdown");
    }

    /** Access mode drops the tagged VLANs on OS10; shut first. */
    @Override
    public List<String> idle(String port, VlanId idleVlan, Current current) {
        return List.of(iface(port), "shutdown", "switchport mode access", "switchport access vlan " + idleVlan);
    }

    @Override
    public List<String> showConfig() {
        return List.of("show running-configuration");
    }

    @Override
    public SwitchConfig parse(String text) {
        return Os10ConfigParser.parse(text);
    }

    /** LAGs ({@code port-channel}) and ACLs ({@code ip access-list}) as the Cisco-like dialects spell them. */
    @Override
    public CliExtras extras() {
        return CliExtras.of(dialect);
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
     * OS10 binds a VLAN to a VNI through a virtual network: {@code virtual-network N} with
     * {@code vxlan-vni V}, then {@code virtual-network N} in {@code interface vlanV}. The driver
     * numbers the virtual network as its VLAN (1..4094 fits OS10's 1..65535, and a VLAN has one), so
     * that no second id space needs allocating. Pairs that point elsewhere are unmapped first; the
     * VTEP ({@code nve}, its source interface) is the operator's.
     */
    @Override
    public List<String> mapVni(Vni vni, VlanId vlan, Current current) {
        List<String> out = new ArrayList<>();
        SwitchCommands.mapsElsewhere(current.config(), vni, vlan).forEach((v, l) -> out.addAll(unmapVni(v, current)));
        Integer had = Os10ConfigParser.virtualNetworks(current.text()).get(vlan.value());
        if (had != null && had != vlan.value() && !current.config().vniToVlan().containsValue(vlan)) {
            out.addAll(List.of("interface vlan " + vlan, "no virtual-network " + had, "exit")); // the VLAN's VNI-less network
        }
        out.addAll(List.of("virtual-network " + vlan, "vxlan-vni " + vni, "exit", "interface vlan " + vlan,
                "virtual-network " + vlan, "exit"));
        return out;
    }

    /** The VLAN leaves its virtual network, which is then removed. */
    @Override
    public List<String> unmapVni(Vni vni, Current current) {
        VlanId vlan = current.config().vniToVlan().get(vni);
        if (vlan == null) {
            return List.of();
        }
        Integer vn = Os10ConfigParser.virtualNetworks(current.text()).get(vlan.value());
        return List.of("interface vlan " + vlan, "no virtual-network " + vn, "exit", "no virtual-network " + vn);
    }

    @Override
    public LinkStates.Table linkStates() {
        return LinkStates.OS10;
    }

    @Override
    public String save() {
        return dialect.save();
    }

    private List<String> lists(String prefix, Set<VlanId> vlans) {
        if (vlans.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> ids = new TreeSet<>();
        vlans.forEach(v -> ids.add(v.value()));
        List<String> lines = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (String range : VlanRanges.ranges(ids)) {
            if (list.length() > 0 && list.length() + 1 + range.length() > dialect.allowedLineLimit()) {
                lines.add(prefix + list);
                list.setLength(0);
            }
            list.append(list.length() == 0 ? "" : ",").append(range);
        }
        lines.add(prefix + list);
        return lines;
    }

    private static String iface(String port) {
        if (port == null || !PORT.matcher(port).matches()) {
            throw new IllegalArgumentException("port must be an OS10 interface name such as ethernet1/1/1, but was '" + port + "'");
        }
        return "interface " + port;
    }
}
