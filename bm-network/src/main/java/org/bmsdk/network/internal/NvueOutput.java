package org.bmsdk.network.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * Parses {@code nv config show -o commands} into bm-api's {@link SwitchConfig}: the VLANs of
 * {@code br_default}, and each port of it. A port with a {@code vlan} list is a trunk whose native
 * VLAN is its {@code untagged} one (the bridge's, 1, when not set; none for {@code none}); any other
 * is an access port ({@code access}, 1 when not set). {@code link state down} is a shut port. A
 * {@code bond member} is a port whose LAG is the bond (listed even though it is not a bridge port);
 * {@code vlan V vni N} on the bridge is the VXLAN map. Lines it does not know are ignored.
 */
public final class NvueOutput {

    private static final String BRIDGE = "bridge domain br_default";
    private static final java.util.regex.Pattern VNI =
            java.util.regex.Pattern.compile("nv set bridge domain br_default vlan (\\S+) vni (\\d{1,9})");

    private NvueOutput() {
    }

    private static final class Port {
        boolean down;
        Integer access;
        NavigableSet<Integer> vlans;
        Integer untagged = 1;
    }

    /**
     * Parses the commands.
     *
     * @param text the output of {@code nv config show -o commands}
     * @return VLANs and ports
     * @throws IllegalArgumentException when a line it relies on is malformed
     */
    public static SwitchConfig parse(String text) {
        Set<VlanId> vlans = new TreeSet<>();
        vlans.add(VlanId.of(1));
        Map<String, Port> ports = new LinkedHashMap<>();
        Set<String> bridged = new TreeSet<>();
        Map<String, String> bondOf = new HashMap<>();
        Map<Vni, VlanId> vnis = new HashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            java.util.regex.Matcher vni = VNI.matcher(line);
            if (vni.matches()) {
                try {
                    vnis.put(Vni.of(Integer.parseInt(vni.group(2))), VlanId.of(one(line, vni.group(1))));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad VNI in '" + line + "'", e);
                }
                continue;
            }
            if (line.startsWith("nv set " + BRIDGE + " vlan ")) {
                list(line, line.substring(("nv set " + BRIDGE + " vlan ").length())).forEach(v -> vlans.add(VlanId.of(v)));
                continue;
            }
            if (!line.startsWith("nv set interface ")) {
                continue;
            }
            String[] w = line.split("\\s+");
            if (w.length < 4) {
                continue;
            }
            Port p = ports.computeIfAbsent(w[3], n -> new Port());
            String rest = String.join(" ", java.util.Arrays.asList(w).subList(4, w.length));
            if (rest.startsWith("bond member ") && w.length == 7) {
                bondOf.put(w[6], w[3]);
            } else if (rest.equals("link state down")) {
                p.down = true;
            } else if (rest.equals("link state up")) {
                p.down = false;
            } else if (rest.equals(BRIDGE) || rest.startsWith(BRIDGE + " ")) {
                bridged.add(w[3]);
                String b = rest.substring(BRIDGE.length()).strip();
                if (b.startsWith("access ")) {
                    p.access = one(line, b.substring(7));
                } else if (b.startsWith("vlan ")) {
                    p.vlans = p.vlans == null ? new TreeSet<>() : p.vlans;
                    p.vlans.addAll(b.substring(5).equals("all") ? all() : list(line, b.substring(5)));
                } else if (b.equals("untagged none")) {
                    p.untagged = null;
                } else if (b.startsWith("untagged ")) {
                    p.untagged = one(line, b.substring(9));
                }
            }
        }
        Map<String, PortState> states = new HashMap<>();
        bondOf.keySet().forEach(m -> ports.computeIfAbsent(m, n -> new Port()));
        ports.forEach((name, p) -> {
            String lag = bondOf.get(name);
            if (!bridged.contains(name) && lag == null) {
                return;
            }
            if (p.vlans == null) {
                states.put(name, new PortState(name, !p.down, PortState.Mode.ACCESS, VlanId.of(p.access == null ? 1 : p.access),
                        null, Set.of(), lag, null));
            } else {
                Set<VlanId> allowed = new TreeSet<>();
                p.vlans.forEach(v -> allowed.add(VlanId.of(v)));
                states.put(name, new PortState(name, !p.down, PortState.Mode.TRUNK, null,
                        p.untagged == null ? null : VlanId.of(p.untagged), allowed, lag, null));
            }
        });
        return new SwitchConfig(vlans, states, vnis);
    }

    private static NavigableSet<Integer> all() {
        NavigableSet<Integer> out = new TreeSet<>();
        for (int v = 1; v <= 4094; v++) {
            out.add(v);
        }
        return out;
    }

    private static NavigableSet<Integer> list(String line, String text) {
        NavigableSet<Integer> ids = VlanRanges.parse(text.strip());
        if (ids == null) {
            throw new IllegalArgumentException("bad VLAN list in '" + line + "'");
        }
        return ids;
    }

    private static int one(String line, String text) {
        NavigableSet<Integer> ids = list(line, text);
        if (ids.size() != 1) {
            throw new IllegalArgumentException("bad VLAN in '" + line + "'");
        }
        return ids.first();
    }
}
