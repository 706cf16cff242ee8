package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * Reads SONiC's {@code show vlan config} (VLAN, id, member, tagging mode) and {@code show interfaces
 * status} (the admin state in the ninth column) into bm-api's {@link SwitchConfig}. A port with a
 * tagged VLAN is a trunk whose native VLAN is its untagged one; any other is an access port on its
 * untagged VLAN (VLAN 1 when it has none). {@code show interfaces portchannel}, when given too,
 * names each PortChannel's members. Lines that are not table rows are ignored.
 */
public final class SonicOutput {

    private SonicOutput() {
    }

    /** One port's memberships: the untagged VLAN or null, and the tagged ones. */
    record Membership(VlanId untagged, Set<VlanId> tagged) {
    }

    /**
     * Parses both tables.
     *
     * @param text the two outputs, one after the other
     * @return VLANs and ports
     * @throws IllegalArgumentException when a row is malformed
     */
    public static SwitchConfig parse(String text) {
        Set<VlanId> vlans = new TreeSet<>();
        vlans.add(VlanId.of(1));
        for (String[] row : vlanRows(text)) {
            vlans.add(VlanId.of(Integer.parseInt(row[1])));
        }
        Map<String, String> lagOf = lagMembers(text);
        Map<String, String> aclOf = SonicAclOutput.bindings(text);
        Map<String, PortState> ports = new HashMap<>();
        for (Map.Entry<String, Boolean> p : adminUp(text).entrySet()) {
            Membership m = membership(text, p.getKey());
            boolean up = p.getValue();
            String lag = lagOf.get(p.getKey());
            ports.put(p.getKey(), m.tagged().isEmpty()
                    ? new PortState(p.getKey(), up, PortState.Mode.ACCESS, m.untagged() == null ? VlanId.of(1) : m.untagged(),
                            null, Set.of(), lag, aclOf.get(p.getKey()))
                    : new PortState(p.getKey(), up, PortState.Mode.TRUNK, null, m.untagged(), m.tagged(), lag, aclOf.get(p.getKey())));
        }
        return new SwitchConfig(vlans, ports, vnis(text), SonicAclOutput.acls(text));
    }

    private static final java.util.regex.Pattern VTEP = java.util.regex.Pattern.compile("VTEP Name\\s*:\\s*([A-Za-z0-9_.-]+)");
    private static final java.util.regex.Pattern MAP_ROW =
            java.util.regex.Pattern.compile("\\|\\s*Vlan(\\d{1,4})\\s*\\|\\s*(\\d{1,8})\\s*\\|");

    /**
     * The VTEP's name in {@code show vxlan interface} ({@code VTEP Name : vtep1, SIP : 10.0.0.1}).
     *
     * @param text the outputs of the {@code show} commands
     * @return the name, or null when the switch has no VTEP
     */
    static String vtep(String text) {
        java.util.regex.Matcher m = VTEP.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** The rows of {@code show vxlan vlanvnimap} ({@code | Vlan100 |  10010 |}). */
    private static Map<org.bmsdk.api.network.Vni, VlanId> vnis(String text) {
        Map<org.bmsdk.api.network.Vni, VlanId> out = new HashMap<>();
        for (String raw : text.split("\n")) {
            java.util.regex.Matcher m = MAP_ROW.matcher(raw.strip());
            if (m.matches()) {
                try {
                    out.put(org.bmsdk.api.network.Vni.of(Integer.parseInt(m.group(2))), VlanId.of(Integer.parseInt(m.group(1))));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad show vxlan vlanvnimap row '" + raw.strip() + "'", e);
                }
            }
        }
        return out;
    }

    /** The rows of {@code show vlan config}: name, id, and member and mode when it has members. */
    static List<String[]> vlanRows(String text) {
        List<String[]> rows = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String[] w = raw.strip().split("\\s+");
            if (w.length >= 2 && w[0].matches("Vlan\\d+") && w[1].matches("\\d+")) {
                if (w.length == 3 || w.length > 4) {
                    throw new IllegalArgumentException("bad show vlan config row '" + raw.strip() + "'");
                }
                int id = Integer.parseInt(w[1]);
                if (id < 1 || id > 4094) {
                    throw new IllegalArgumentException("bad VLAN in '" + raw.strip() + "'");
                }
                rows.add(w);
            }
        }
        return rows;
    }

    static Membership membership(String text, String port) {
        VlanId untagged = null;
        Set<VlanId> tagged = new TreeSet<>();
        for (String[] row : vlanRows(text)) {
            if (row.length == 4 && row[2].equals(port)) {
                VlanId v = VlanId.of(Integer.parseInt(row[1]));
                if (row[3].equals("untagged")) {
                    untagged = v;
                } else {
                    tagged.add(v);
                }
            }
        }
        return new Membership(untagged, tagged);
    }

    /**
     * The rows of {@code show interfaces portchannel} ({@code 0010  PortChannel10  LACP(A)(Up)
     * Ethernet0(S) Ethernet4(D)}): each member and its PortChannel.
     */
    private static Map<String, String> lagMembers(String text) {
        Map<String, String> out = new HashMap<>();
        for (String raw : text.split("\n")) {
            String[] w = raw.strip().split("\\s+");
            if (w.length >= 4 && w[0].matches("\\d{1,4}") && w[1].matches("PortChannel\\d+")) {
                for (int i = 3; i < w.length; i++) {
                    if (w[i].equals("N/A")) {
                        continue;
                    }
                    String member = w[i].replaceFirst("\\(.*$", "");
                    if (!member.matches("Ethernet\\d+")) {
                        throw new IllegalArgumentException("bad member '" + w[i] + "' in '" + raw.strip() + "'");
                    }
                    out.put(member, w[1]);
                }
            }
        }
        return out;
    }

    private static Map<String, Boolean> adminUp(String text) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String[] w = raw.strip().split("\\s+");
            if (w.length >= 9 && w[0].matches("Ethernet\\d+|PortChannel\\d+")) {
                out.put(w[0], w[8].equals("up"));
            }
        }
        return out;
    }
}
