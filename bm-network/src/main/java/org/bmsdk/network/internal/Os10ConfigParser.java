package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * Parses Dell OS10's {@code show running-configuration}: {@code interface vlanN} blocks are the
 * VLANs; {@code interface ethernetX} blocks are switch ports, where the access VLAN (1 when absent)
 * is the untagged VLAN, which on a trunk is its native VLAN (none when it is 1), and a trunk carries
 * only the VLANs its {@code switchport trunk allowed vlan} lines list; {@code channel-group N} makes
 * a port a member of {@code port-channelN} and {@code ip access-group NAME in} binds an ACL.
 * {@code ip access-list NAME} blocks are ACLs ({@code seq N} entries, read by {@link AclLines}).
 * Lines it does not know are ignored.
 */
public final class Os10ConfigParser {

    private Os10ConfigParser() {
    }

    /**
     * Parses a running configuration.
     *
     * @param text the output of {@code show running-configuration}
     * @return VLANs and switch ports
     * @throws IllegalArgumentException when a line the parser relies on is malformed
     */
    public static SwitchConfig parse(String text) {
        Set<VlanId> vlans = new TreeSet<>();
        vlans.add(VlanId.of(1));
        Map<String, PortState> ports = new HashMap<>();
        String port = null;
        boolean shutdown = false;
        boolean trunk = false;
        int access = 1;
        NavigableSet<Integer> allowed = new TreeSet<>();
        String lag = null;
        String aclIn = null;
        String acl = null;
        Map<String, List<AclRule>> acls = new LinkedHashMap<>();
        Set<String> unreadableAcls = new TreeSet<>();
        for (String raw : (text + "\n!").split("\n")) {
            String line = raw.stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            boolean top = !Character.isWhitespace(line.charAt(0));
            if (top && port != null) {
                ports.put(port, state(port, shutdown, trunk, access, allowed, lag, aclIn));
                port = null;
            }
            if (top) {
                acl = null;
                String[] w = line.split("\\s+");
                if (w.length == 2 && w[0].equals("interface") && w[1].startsWith("vlan")) {
                    vlans.add(VlanId.of(number(line, w[1].substring(4))));
                } else if (w.length == 2 && w[0].equals("interface")
                        && (w[1].startsWith("ethernet") || w[1].startsWith("port-channel"))) {
                    port = w[1];
                    shutdown = false;
                    trunk = false;
                    access = 1;
                    allowed = new TreeSet<>();
                    lag = null;
                    aclIn = null;
                } else if (w.length == 3 && w[0].equals("ip") && w[1].equals("access-list")) {
                    acl = w[2];
                    acls.put(acl, new ArrayList<>());
                }
                continue;
            }
            if (acl != null) {
                aclLine(acls.get(acl), unreadableAcls, acl, line.strip());
                continue;
            }
            if (port == null) {
                continue;
            }
            String l = line.strip();
            if (l.equals("shutdown")) {
                shutdown = true;
            } else if (l.equals("no shutdown")) {
                shutdown = false;
            } else if (l.equals("switchport mode trunk")) {
                trunk = true;
            } else if (l.equals("switchport mode access")) {
                trunk = false;
            } else if (l.startsWith("switchport access vlan ")) {
                access = number(l, l.substring("switchport access vlan ".length()));
            } else if (l.startsWith("switchport trunk allowed vlan ")) {
                NavigableSet<Integer> ids = VlanRanges.parse(l.substring("switchport trunk allowed vlan ".length()).strip());
                if (ids == null) {
                    throw new IllegalArgumentException("bad VLAN list in '" + l + "'");
                }
                allowed.addAll(ids);
            } else if (l.startsWith("channel-group ")) {
                String[] w = l.split("\\s+");
                if (!w[1].matches("[0-9]{1,4}")) {
                    throw new IllegalArgumentException("bad channel-group in '" + l + "'");
                }
                lag = "port-channel" + Integer.parseInt(w[1]);
            } else if (l.startsWith("ip access-group ") && l.endsWith(" in")) {
                aclIn = l.split("\\s+")[2];
            }
        }
        Map<org.bmsdk.api.network.Vni, VlanId> vnis = new HashMap<>();
        Map<Integer, Integer> vniOf = vnis(text);
        virtualNetworks(text).forEach((vlan, vn) -> {
            Integer vni = vniOf.get(vn);
            if (vni != null) {
                try {
                    vnis.put(org.bmsdk.api.network.Vni.of(vni), VlanId.of(vlan));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad vxlan-vni " + vni + " of virtual-network " + vn, e);
                }
            }
        });
        Map<String, Acl> readable = new HashMap<>();
        acls.forEach((name, rules) -> {
            if (!unreadableAcls.contains(name)) {
                readable.put(name, new Acl(name, rules));
            }
        });
        return new SwitchConfig(vlans, ports, vnis, readable);
    }

    /**
     * The virtual network of each VLAN that has one ({@code virtual-network N} in
     * {@code interface vlanV}).
     *
     * @param text the running configuration
     * @return the network's id by VLAN
     */
    static Map<Integer, Integer> virtualNetworks(String text) {
        Map<Integer, Integer> out = new HashMap<>();
        Integer vlan = null;
        for (String raw : text.split("\n")) {
            String line = raw.stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.strip().split("\\s+");
            if (!Character.isWhitespace(line.charAt(0))) {
                vlan = w.length == 2 && w[0].equals("interface") && w[1].matches("vlan[0-9]{1,4}") ? Integer.valueOf(w[1].substring(4))
                        : null;
            } else if (vlan != null && w.length == 2 && w[0].equals("virtual-network")) {
                out.put(vlan, number(line, w[1], 65535));
            }
        }
        return out;
    }

    /** The VNI of each virtual network that has one ({@code virtual-network N}, {@code vxlan-vni V}). */
    private static Map<Integer, Integer> vnis(String text) {
        Map<Integer, Integer> out = new HashMap<>();
        Integer vn = null;
        for (String raw : text.split("\n")) {
            String line = raw.stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.strip().split("\\s+");
            if (!Character.isWhitespace(line.charAt(0))) {
                vn = w.length == 2 && w[0].equals("virtual-network") ? number(line, w[1], 65535) : null;
            } else if (vn != null && w.length == 2 && w[0].equals("vxlan-vni")) {
                out.put(vn, number(line, w[1], 16_777_215));
            }
        }
        return out;
    }

    private static int number(String line, String word, int max) {
        if (!word.matches("[0-9]{1,8}") || Integer.parseInt(word) < 1 || Integer.parseInt(word) > max) {
            throw new IllegalArgumentException("bad number in '" + line.strip() + "'");
        }
        return Integer.parseInt(word);
    }

    /** An entry, {@code seq 10 permit tcp any 10.0.0.0/8 eq 22}; an ACL with an entry of another form is left out. */
    private static void aclLine(List<AclRule> rules, Set<String> unreadable, String acl, String line) {
        String entry = line.replaceFirst("^seq\\s+[0-9]+\\s+", "");
        if (entry.startsWith("remark") || entry.startsWith("description")) {
            return;
        }
        AclRule r = AclLines.rule(entry);
        if (r == null) {
            unreadable.add(acl);
        } else {
            rules.add(r);
        }
    }

    private static PortState state(String port, boolean shutdown, boolean trunk, int access, NavigableSet<Integer> allowed,
            String lag, String acl) {
        if (!trunk) {
            return new PortState(port, !shutdown, PortState.Mode.ACCESS, VlanId.of(access), null, Set.of(), lag, acl);
        }
        Set<VlanId> tagged = new TreeSet<>();
        allowed.forEach(v -> tagged.add(VlanId.of(v)));
        return new PortState(port, !shutdown, PortState.Mode.TRUNK, null, access == 1 ? null : VlanId.of(access), tagged,
                lag, acl);
    }

    private static int number(String line, String text) {
        NavigableSet<Integer> ids = VlanRanges.parse(text.strip());
        if (ids == null || ids.size() != 1) {
            throw new IllegalArgumentException("bad VLAN in '" + line.strip() + "'");
        }
        return ids.first();
    }
}
