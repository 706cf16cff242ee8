package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bmsdk.testkit.network.internal.SwitchModel.Port;

/**
 * Prints a configuration as Dell OS10's {@code show running-configuration} does: VLANs as
 * {@code interface vlanN} blocks, every port with its {@code shutdown} state and access VLAN, blocks
 * separated by {@code !}; a LAG member's {@code channel-group}, a port's {@code ip access-group}, and
 * the ACLs as {@code ip access-list} blocks of {@code seq N} entries.
 */
final class Os10Printer {

    private Os10Printer() {
    }

    static String runningConfig(SwitchModel m) {
        List<String> out = new ArrayList<>(List.of("! Version 10.5.4.0", "! Last configuration change at Nov  26 09:00:00 2026",
                "!", "username admin password **** role sysadmin priv-lvl 15", "hostname " + m.hostname(), "!"));
        m.virtualNetworks.forEach((vn, vni) -> {
            out.add("virtual-network " + vn);
            if (vni != 0) {
                out.add(" vxlan-vni " + vni);
            }
            out.add("!");
        });
        for (Map.Entry<Integer, String> v : m.vlans().entrySet()) {
            out.add("interface vlan" + v.getKey());
            if (!v.getValue().equals(SwitchModel.defaultName(v.getKey())) && v.getKey() != SwitchModel.DEFAULT_VLAN) {
                out.add(" description " + v.getValue());
            }
            if (m.vlanVn.containsKey(v.getKey())) {
                out.add(" virtual-network " + m.vlanVn.get(v.getKey()));
            }
            out.add(" no shutdown");
            out.add("!");
        }
        for (Port p : m.ports().values()) {
            out.addAll(block(p));
            out.add("!");
        }
        m.acls().forEach((name, entries) -> {
            out.add("ip access-list " + name);
            entries.forEach((seq, words) -> out.add(" seq " + seq + " " + String.join(" ", words)));
            out.add("!");
        });
        return String.join("\n", out);
    }

    static String interfaceConfig(Port p) {
        return String.join("\n", block(p));
    }

    private static List<String> block(Port p) {
        List<String> b = new ArrayList<>();
        b.add("interface " + p.name);
        if (p.description != null) {
            b.add(" description " + p.description);
        }
        b.add(p.shutdown ? " shutdown" : " no shutdown");
        if (p.trunk) {
            b.add(" switchport mode trunk");
        }
        // One untagged VLAN in both modes: on a trunk, the model keeps it as the native VLAN.
        int untagged = !p.trunk ? p.accessVlan : p.nativeVlan == null ? SwitchModel.DEFAULT_VLAN : p.nativeVlan;
        b.add(" switchport access vlan " + untagged);
        if (p.trunk && p.allowed == null) {
            b.add(" switchport trunk allowed vlan 1-4094");
        } else if (p.trunk && !p.allowed.isEmpty()) {
            b.add(" switchport trunk allowed vlan " + String.join(",", VlanLists.ranges(p.allowed)));
        }
        if (p.lag != null) {
            b.add(" channel-group " + p.lag.replaceFirst("^\\D*", "") + " mode " + p.lagMode);
        }
        if (p.aclIn != null) {
            b.add(" ip access-group " + p.aclIn + " in");
        }
        if (p.aclOut != null) {
            b.add(" ip access-group " + p.aclOut + " out");
        }
        b.add(" flowcontrol receive on");
        return b;
    }
}
