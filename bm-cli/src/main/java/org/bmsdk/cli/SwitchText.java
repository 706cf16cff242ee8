package org.bmsdk.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.VlanId;

/** How {@code bmctl switch} reads VLAN lists and prints ports and VLANs, as switches write them. */
final class SwitchText {

    private static final Pattern TOKEN = Pattern.compile("\\d+|\\D+");

    private SwitchText() {
    }

    /** Port names in the order a switch lists them: Ethernet2 before Ethernet10. */
    static final Comparator<String> PORT_ORDER = (a, b) -> {
        Matcher x = TOKEN.matcher(a);
        Matcher y = TOKEN.matcher(b);
        while (x.find() && y.find()) {
            String p = x.group();
            String q = y.group();
            int c = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    };

    static String abbreviated(Set<String> ports) {
        List<String> list = new ArrayList<>(ports);
        list.sort(PORT_ORDER);
        return list.size() <= 4 ? list.toString() : list.subList(0, 4).toString().replace("]", ", ... (" + list.size() + " ports)]");
    }

    static Map<String, Object> portJson(String endpoint, PortState p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", endpoint);
        m.put("port", p.port());
        m.put("enabled", p.enabled());
        m.put("mode", p.mode().name().toLowerCase(Locale.ROOT));
        m.put("accessVlan", p.accessVlan() == null ? null : p.accessVlan().value());
        m.put("nativeVlan", p.nativeVlan() == null ? null : p.nativeVlan().value());
        m.put("allowedVlans", p.allowedVlans().stream().map(VlanId::value).sorted().toList());
        m.put("lag", p.lag());
        m.put("acl", p.acl());
        return m;
    }

    static String portText(PortState p) {
        StringBuilder sb = new StringBuilder(p.port()).append(": ").append(p.enabled() ? "enabled" : "shut down").append(", ");
        if (p.mode() == PortState.Mode.ACCESS) {
            sb.append("access vlan ").append(p.accessVlan() == null ? "1 (default)" : p.accessVlan());
        } else {
            sb.append("trunk native ").append(p.nativeVlan() == null ? "none" : p.nativeVlan()).append(" allowed ")
                    .append(p.allowedVlans().isEmpty() ? "none" : ranges(p.allowedVlans()));
        }
        if (p.lag() != null) {
            sb.append(", lag ").append(p.lag());
        }
        if (p.acl() != null) {
            sb.append(", acl ").append(p.acl());
        }
        return sb.append('\n').toString();
    }

    /** VLANs as switches list them: {@code 200,300-302}. */
    static String ranges(Set<VlanId> vlans) {
        List<Integer> ids = vlans.stream().map(VlanId::value).sorted().toList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            int j = i;
            while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
                j++;
            }
            sb.append(sb.length() == 0 ? "" : ",").append(ids.get(i));
            if (j > i) {
                sb.append('-').append(ids.get(j));
            }
            i = j;
        }
        return sb.toString();
    }

    /**
     * VLAN lists as switches write them: {@code 100,200,300-310}.
     *
     * @param text the list
     * @return the VLANs
     * @throws IllegalArgumentException when malformed or out of 1..4094
     */
    static Set<VlanId> vlanList(String text) {
        Set<VlanId> vlans = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-');
                if (dash > 0) {
                    int from = Integer.parseInt(p.substring(0, dash).strip());
                    int to = Integer.parseInt(p.substring(dash + 1).strip());
                    if (from > to) {
                        throw new IllegalArgumentException("VLAN range " + p + " runs backwards");
                    }
                    for (int v = from; v <= to; v++) {
                        vlans.add(VlanId.of(v));
                    }
                } else {
                    vlans.add(VlanId.of(Integer.parseInt(p)));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a VLAN list looks like 100,200,300-310, but was '" + text + "'");
            }
        }
        return vlans;
    }
}
