package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
    private static final Pattern PORT = Pattern.compile("[a-z]{2,3}-\\d+/\\d+/\\d+(?::\\d+)?");
    private static final String ESW = " unit 0 family ethernet-switching";

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
