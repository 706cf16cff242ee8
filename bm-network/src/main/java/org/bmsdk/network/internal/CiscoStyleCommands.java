package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bmsdk.api.network.VlanId;

/**
 * Renders bm-api's switch operations to the configuration lines IOS and EOS share. Every rendering
 * is idempotent: sending it again leaves the switch as it is.
 */
final class CiscoStyleCommands {

    private static final Pattern VLAN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Pattern PORT = Pattern.compile("[A-Za-z][A-Za-z0-9/:.-]*");

    private final CliDialect dialect;

    CiscoStyleCommands(CliDialect dialect) {
        this.dialect = dialect;
    }

    List<String> createVlan(VlanId vlan, String name) {
        if (name == null || !VLAN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("VLAN name must match " + VLAN_NAME + ", but was '" + name + "'");
        }
        return List.of("vlan " + vlan, "name " + name, "exit");
    }

    List<String> deleteVlan(VlanId vlan) {
        return List.of("no vlan " + vlan);
    }

    List<String> access(String port, VlanId vlan) {
        return List.of(iface(port), "switchport mode access", "switchport access vlan " + vlan);
    }

    List<String> trunk(String port, VlanId nativeVlan, Set<VlanId> allowed) {
        List<String> out = new ArrayList<>();
        out.add(iface(port));
        out.add("switchport mode trunk");
        out.add(nativeVlan == null ? "no switchport trunk native vlan" : "switchport trunk native vlan " + nativeVlan);
        out.addAll(allowed(allowed));
        return out;
    }

    List<String> addTrunkVlan(String port, VlanId vlan) {
        return List.of(iface(port), "switchport trunk allowed vlan add " + vlan);
    }

    List<String> removeTrunkVlan(String port, VlanId vlan) {
        return List.of(iface(port), "switchport trunk allowed vlan remove " + vlan);
    }

    List<String> enabled(String port, boolean enabled) {
        return List.of(iface(port), enabled ? "no shutdown" : "shutdown");
    }

    /** Shut first, so that the port carries nothing while it moves; then no trunk can be left open. */
    List<String> idle(String port, VlanId idleVlan) {
        return List.of(iface(port), "shutdown", "switchport mode access", "switchport access vlan " + idleVlan,
                "no switchport trunk native vlan", "switchport trunk allowed vlan none");
    }

    private List<String> allowed(Set<VlanId> vlans) {
        if (vlans.isEmpty()) {
            return List.of("switchport trunk allowed vlan none");
        }
        TreeSet<Integer> ids = new TreeSet<>();
        vlans.forEach(v -> ids.add(v.value()));
        List<String> lines = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (String range : VlanRanges.ranges(ids)) {
            if (list.length() > 0 && list.length() + 1 + range.length() > dialect.allowedLineLimit()) {
                lines.add((lines.isEmpty() ? "switchport trunk allowed vlan " : "switchport trunk allowed vlan add ") + list);
                list.setLength(0);
            }
            list.append(list.length() == 0 ? "" : ",").append(range);
        }
        lines.add((lines.isEmpty() ? "switchport trunk allowed vlan " : "switchport trunk allowed vlan add ") + list);
        return lines;
    }

    static String iface(String port) {
        if (port == null || !PORT.matcher(port).matches()) {
            throw new IllegalArgumentException("port must be an interface name such as Ethernet1 or GigabitEthernet1/0/1, but was '"
                    + port + "'");
        }
        return "interface " + port;
    }
}
