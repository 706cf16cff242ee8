package org.bmsdk.network.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * Parses the running configuration of IOS and EOS ({@code show running-config}) into bm-api's
 * {@link SwitchConfig}. Both print only what differs from the defaults, so absent lines mean:
 * access mode, access VLAN 1, enabled, no native VLAN configured, every VLAN allowed on a trunk.
 * Layer-3 and management interfaces ({@code Vlan1}, {@code Management1}, {@code Loopback0}) are not
 * switch ports and are left out. Lines it does not know are ignored, so a real switch's full
 * configuration parses.
 */
public final class RunningConfigParser {

    private static final List<String> NOT_SWITCHPORTS = List.of("vlan", "management", "loopback", "tunnel", "vxlan", "null", "mgmt");

    /** A port's lines gathered before they become a {@link PortState}. */
    private static final class Port {
        final String name;
        boolean shutdown;
        boolean trunk;
        int access = 1;
        Integer nativeVlan;
        NavigableSet<Integer> allowed;

        Port(String name) {
            this.name = name;
        }

        PortState state() {
            if (!trunk) {
                return new PortState(name, !shutdown, PortState.Mode.ACCESS, VlanId.of(access), null, Set.of(), null, null);
            }
            Set<VlanId> vlans = new TreeSet<>();
            if (allowed == null) {
                for (int v = 1; v <= 4094; v++) {
                    vlans.add(VlanId.of(v));
                }
            } else {
                allowed.forEach(v -> vlans.add(VlanId.of(v)));
            }
            return new PortState(name, !shutdown, PortState.Mode.TRUNK, null,
                    nativeVlan == null ? null : VlanId.of(nativeVlan), vlans, null, null);
        }
    }

    private RunningConfigParser() {
    }

    /**
     * Parses a running configuration.
     *
     * @param text the output of {@code show running-config}
     * @return VLANs (VLAN 1 always among them) and switch ports
     * @throws IllegalArgumentException when a line the parser relies on is malformed
     */
    public static SwitchConfig parse(String text) {
        Set<VlanId> vlans = new TreeSet<>();
        vlans.add(VlanId.of(1));
        Map<String, PortState> ports = new HashMap<>();
        Port port = null;
        for (String raw : text.split("\n")) {
            String line = raw.stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            boolean top = !Character.isWhitespace(line.charAt(0));
            if (top) {
                if (port != null) {
                    ports.put(port.name, port.state());
                    port = null;
                }
                String[] w = line.split("\\s+");
                if (w.length == 2 && w[0].equals("vlan")) {
                    NavigableSet<Integer> ids = VlanRanges.parse(w[1]);
                    if (ids == null) {
                        throw new IllegalArgumentException("bad VLAN list in '" + line + "'");
                    }
                    ids.forEach(v -> vlans.add(VlanId.of(v)));
                } else if (w.length == 2 && w[0].equals("interface") && isSwitchport(w[1])) {
                    port = new Port(w[1]);
                }
            } else if (port != null) {
                portLine(port, line.strip());
            }
        }
        if (port != null) {
            ports.put(port.name, port.state());
        }
        return new SwitchConfig(vlans, ports, Map.of());
    }

    private static boolean isSwitchport(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return NOT_SWITCHPORTS.stream().noneMatch(p -> lower.startsWith(p) && lower.length() > p.length()
                && (Character.isDigit(lower.charAt(p.length())) || lower.charAt(p.length()) == '-'));
    }

    private static void portLine(Port p, String line) {
        if (line.equals("shutdown")) {
            p.shutdown = true;
        } else if (line.equals("no shutdown")) {
            p.shutdown = false;
        } else if (line.equals("switchport mode trunk")) {
            p.trunk = true;
        } else if (line.equals("switchport mode access")) {
            p.trunk = false;
        } else if (line.startsWith("switchport access vlan ")) {
            p.access = vlan(line, "switchport access vlan ");
        } else if (line.startsWith("switchport trunk native vlan ")) {
            p.nativeVlan = vlan(line, "switchport trunk native vlan ");
        } else if (line.startsWith("switchport trunk allowed vlan ")) {
            allowed(p, line, line.substring("switchport trunk allowed vlan ".length()).strip());
        }
    }

    private static void allowed(Port p, String line, String list) {
        if (list.equals("none")) {
            p.allowed = new TreeSet<>();
        } else if (list.equals("all")) {
            p.allowed = null;
        } else if (list.startsWith("add ")) {
            // IOS goes on in "add" lines when the list is longer than its line.
            NavigableSet<Integer> more = list(line, list.substring(4));
            if (p.allowed != null) {
                p.allowed.addAll(more);
            }
        } else {
            p.allowed = list(line, list);
        }
    }

    private static NavigableSet<Integer> list(String line, String text) {
        NavigableSet<Integer> ids = VlanRanges.parse(text);
        if (ids == null) {
            throw new IllegalArgumentException("bad VLAN list in '" + line + "'");
        }
        return ids;
    }

    private static int vlan(String line, String prefix) {
        NavigableSet<Integer> ids = VlanRanges.parse(line.substring(prefix.length()));
        if (ids == null || ids.size() != 1) {
            throw new IllegalArgumentException("bad VLAN in '" + line + "'");
        }
        return ids.first();
    }
}
