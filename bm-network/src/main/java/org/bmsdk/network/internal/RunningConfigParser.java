package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * Parses the running configuration of IOS, EOS and NX-OS ({@code show running-config}) into bm-api's
 * {@link SwitchConfig}. They print only what differs from the defaults, so absent lines mean:
 * access mode, access VLAN 1, enabled, no native VLAN configured, every VLAN allowed on a trunk.
 * Layer-3, management and tunnel interfaces ({@code Vlan1}, {@code Management1}, {@code Loopback0},
 * {@code Vxlan1}, {@code nve1}) are not switch ports and are left out. Lines it does not know are
 * ignored, so a real switch's full configuration parses.
 *
 * <p>Also read: a member's {@code channel-group N mode ...} (its LAG is the port-channel interface
 * of that number, as the configuration spells it), a port's {@code ip access-group NAME in|out}
 * (NX-OS {@code ip port access-group}; the inbound one when both), the ACLs
 * ({@code ip access-list [extended] NAME}, entries with or without sequence numbers, read through
 * {@link AclLines}: an ACL with an entry of another form is left out of {@link SwitchConfig#acls()}),
 * EOS's {@code vxlan vlan V vni N} lines under {@code interface Vxlan1} (ranges too) and NX-OS's
 * {@code vn-segment N} under {@code vlan V}.
 */
public final class RunningConfigParser {

    private static final List<String> NOT_SWITCHPORTS =
            List.of("vlan", "management", "loopback", "tunnel", "vxlan", "null", "mgmt", "nve");

    /** A port's lines gathered before they become a {@link PortState}. */
    private static final class Port {
        final String name;
        boolean shutdown;
        boolean trunk;
        int access = 1;
        Integer nativeVlan;
        NavigableSet<Integer> allowed;
        Integer channelGroup;
        String aclIn;
        String aclOut;

        Port(String name) {
            this.name = name;
        }

        PortState state(String lag) {
            String acl = aclIn != null ? aclIn : aclOut;
            if (!trunk) {
                return new PortState(name, !shutdown, PortState.Mode.ACCESS, VlanId.of(access), null, Set.of(), lag, acl);
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
                    nativeVlan == null ? null : VlanId.of(nativeVlan), vlans, lag, acl);
        }
    }

    /** What the indented lines below a top-level line belong to. */
    private enum Block { NONE, PORT, VLAN, VXLAN, ACL }

    private RunningConfigParser() {
    }

    /**
     * Parses a running configuration.
     *
     * @param text the output of {@code show running-config}
     * @return VLANs (VLAN 1 always among them), switch ports, VXLAN map and ACLs
     * @throws IllegalArgumentException when a line the parser relies on is malformed
     */
    public static SwitchConfig parse(String text) {
        Set<VlanId> vlans = new TreeSet<>();
        vlans.add(VlanId.of(1));
        Map<String, Port> ports = new LinkedHashMap<>();
        Map<Vni, VlanId> vnis = new HashMap<>();
        Map<String, List<AclRule>> acls = new LinkedHashMap<>();
        Set<String> unreadableAcls = new TreeSet<>();
        Block block = Block.NONE;
        Port port = null;
        int vlan = 0;
        String acl = null;
        for (String raw : text.split("\n")) {
            String line = raw.stripTrailing();
            if (line.isEmpty()) {
                continue;
            }
            boolean top = !Character.isWhitespace(line.charAt(0));
            if (top) {
                block = Block.NONE;
                String[] w = line.split("\\s+");
                if (w.length == 2 && w[0].equals("vlan")) {
                    NavigableSet<Integer> ids = VlanRanges.parse(w[1]);
                    if (ids == null) {
                        throw new IllegalArgumentException("bad VLAN list in '" + line + "'");
                    }
                    ids.forEach(v -> vlans.add(VlanId.of(v)));
                    if (ids.size() == 1) {
                        block = Block.VLAN;
                        vlan = ids.first();
                    }
                } else if (w.length == 2 && w[0].equals("interface") && w[1].equalsIgnoreCase("Vxlan1")) {
                    block = Block.VXLAN;
                } else if (w.length == 2 && w[0].equals("interface") && isSwitchport(w[1])) {
                    block = Block.PORT;
                    port = ports.computeIfAbsent(w[1], Port::new);
                } else if (w.length >= 3 && w[0].equals("ip") && w[1].equals("access-list")
                        && (w.length == 3 || (w.length == 4 && w[2].equals("extended")))) {
                    block = Block.ACL;
                    acl = w[w.length - 1];
                    acls.put(acl, new ArrayList<>());
                }
                continue;
            }
            String l = line.strip();
            switch (block) {
                case PORT -> portLine(port, l);
                case VLAN -> {
                    if (l.startsWith("vn-segment ")) {
                        vnis.put(vni(l, l.substring("vn-segment ".length())), VlanId.of(vlan));
                    }
                }
                case VXLAN -> vxlanLine(vnis, l);
                case ACL -> aclLine(acls.get(acl), unreadableAcls, acl, l);
                default -> {
                }
            }
        }
        Map<String, String> lagNames = new HashMap<>();
        for (String name : ports.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("port-channel") && lower.length() > 12) {
                lagNames.put(lower.substring(12), name);
            }
        }
        Map<String, PortState> states = new HashMap<>();
        for (Port p : ports.values()) {
            String lag = p.channelGroup == null ? null
                    : lagNames.getOrDefault(Integer.toString(p.channelGroup), "Port-channel" + p.channelGroup);
            states.put(p.name, p.state(lag));
        }
        Map<String, Acl> readable = new HashMap<>();
        acls.forEach((name, rules) -> {
            if (!unreadableAcls.contains(name)) {
                readable.put(name, new Acl(name, rules));
            }
        });
        return new SwitchConfig(vlans, states, vnis, readable);
    }

    private static boolean isSwitchport(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
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
        } else if (line.startsWith("channel-group ")) {
            String[] w = line.split("\\s+");
            if (w.length < 2 || !w[1].matches("[0-9]{1,4}")) {
                throw new IllegalArgumentException("bad channel-group in '" + line + "'");
            }
            p.channelGroup = Integer.parseInt(w[1]);
        } else if (line.startsWith("ip access-group ") || line.startsWith("ip port access-group ")) {
            String[] w = line.split("\\s+");
            if (w.length >= 2 && w[w.length - 1].equals("out")) {
                p.aclOut = w[w.length - 2];
            } else if (w.length >= 2 && w[w.length - 1].equals("in")) {
                p.aclIn = w[w.length - 2];
            }
        }
    }

    /** EOS: {@code vxlan vlan 10 vni 10010}, or ranges of equal length {@code vxlan vlan 10-11 vni 10010-10011}. */
    private static void vxlanLine(Map<Vni, VlanId> vnis, String line) {
        String[] w = line.split("\\s+");
        if (w.length != 5 || !w[0].equals("vxlan") || !w[1].equals("vlan") || !w[3].equals("vni")) {
            return;
        }
        NavigableSet<Integer> vl = VlanRanges.parse(w[2]);
        List<Integer> ids = new ArrayList<>();
        for (String part : w[4].split(",")) {
            String[] r = part.split("-");
            if (r.length > 2 || !part.matches("[0-9]+(-[0-9]+)?")) {
                throw new IllegalArgumentException("bad VNI list in '" + line + "'");
            }
            long a = Long.parseLong(r[0]);
            long b = r.length == 2 ? Long.parseLong(r[1]) : a;
            for (long v = a; v <= b && ids.size() <= 4094; v++) {
                ids.add((int) Math.min(v, Integer.MAX_VALUE));
            }
        }
        if (vl == null || vl.size() != ids.size()) {
            throw new IllegalArgumentException("VLANs and VNIs do not pair up in '" + line + "'");
        }
        int k = 0;
        for (int v : vl) {
            vnis.put(vni(line, Integer.toString(ids.get(k++))), VlanId.of(v));
        }
    }

    private static void aclLine(List<AclRule> rules, Set<String> unreadable, String acl, String line) {
        String entry = line.replaceFirst("^[0-9]+\\s+", "");
        if (entry.startsWith("remark") || entry.startsWith("statistics")) {
            return;
        }
        AclRule r = AclLines.rule(entry);
        if (r == null) {
            unreadable.add(acl);
        } else {
            rules.add(r);
        }
    }

    private static Vni vni(String line, String number) {
        try {
            return Vni.of(Integer.parseInt(number.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad VNI in '" + line + "'", e);
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
