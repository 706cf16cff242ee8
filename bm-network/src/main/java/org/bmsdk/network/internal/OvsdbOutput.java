package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * Parses what {@link OvsCommands#read()} prints into a {@link SwitchConfig}: the JSON tables
 * {@code ovs-vsctl --format=json} writes ({@code {"data":[[...],...],"headings":[...]}}, OVSDB's
 * encoding of values: atoms, {@code ["set",[...]]}, {@code ["map",[[k,v],...]]},
 * {@code ["uuid","..."]}), then the bridge names.
 *
 * <p>How Open vSwitch's port settings read as 802.1Q switch ports:
 * <ul>
 * <li>{@code vlan_mode=access}, or no vlan_mode and a {@code tag}: access on the tag;
 * <li>{@code trunk}, or no vlan_mode and no tag: a trunk without a native VLAN;
 * <li>{@code native-untagged}: a trunk whose native VLAN is the tag;
 * <li>{@code native-tagged}: a trunk carrying the tag tagged, no native VLAN;
 * <li>{@code dot1q-tunnel}: access on the tag (the outer VLAN);
 * <li>an empty {@code trunks} on a trunk means every VLAN (1-4094); VLANs 0 and
 *     {@link OvsCommands#NO_VLAN} are left out.
 * </ul>
 * A port is enabled when its interface's {@code admin_state} is {@code up}. A bond (a port with
 * several interfaces, or one not named like its interface, when {@code interfaces} and
 * {@code _uuid} are read) is a LAG: each of its interfaces is a port whose {@link PortState#lag()}
 * is the bond and which carries the bond's VLANs; the bond is enabled when one of them is. The bridges' own
 * internal ports are left out. Open vSwitch has no VLAN database, so the VLANs are those that some
 * port uses (tag or listed trunk VLAN).
 */
public final class OvsdbOutput {

    private OvsdbOutput() {
    }

    /**
     * Parses the output.
     *
     * @param text what {@link OvsCommands#read()} printed
     * @return the configuration
     * @throws IllegalArgumentException when the text is not that
     */
    public static SwitchConfig parse(String text) {
        String[] lines = text.strip().split("\\R");
        if (lines.length < 2) {
            throw new IllegalArgumentException("expected a port and an interface table, got " + lines.length + " line(s)");
        }
        List<Map<String, Object>> ports = table(lines[0]);
        List<Map<String, Object>> interfaces = table(lines[1]);
        Set<String> bridges = new TreeSet<>();
        for (int i = 2; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                bridges.add(lines[i].strip());
            }
        }
        Map<String, String> adminState = new HashMap<>();
        Map<String, String> interfaceByUuid = new HashMap<>();
        for (Map<String, Object> row : interfaces) {
            Object state = atom(row.get("admin_state"));
            adminState.put(string(row, "name"), state == null ? null : state.toString());
            if (row.get("_uuid") instanceof List<?> uuid && uuid.size() == 2) {
                interfaceByUuid.put(String.valueOf(uuid.get(1)), string(row, "name"));
            }
        }
        Map<String, PortState> states = new TreeMap<>();
        Set<VlanId> vlans = new TreeSet<>();
        for (Map<String, Object> row : ports) {
            String name = string(row, "name");
            if (bridges.contains(name)) {
                continue;
            }
            List<String> members = new ArrayList<>();
            for (Object ref : set(row.get("interfaces"))) {
                if (ref instanceof List<?> uuid && uuid.size() == 2 && interfaceByUuid.containsKey(String.valueOf(uuid.get(1)))) {
                    members.add(interfaceByUuid.get(String.valueOf(uuid.get(1))));
                }
            }
            boolean bond = members.size() > 1 || (members.size() == 1 && !members.get(0).equals(name));
            boolean up = bond ? members.stream().anyMatch(m -> !"down".equals(adminState.get(m))) : !"down".equals(adminState.get(name));
            PortState p = port(name, row, up);
            states.put(name, p);
            if (bond) {
                for (String m : members) {
                    states.put(m, new PortState(m, !"down".equals(adminState.get(m)), p.mode(), p.accessVlan(), p.nativeVlan(),
                            p.allowedVlans(), name, null));
                }
            }
            if (p.accessVlan() != null) {
                vlans.add(p.accessVlan());
            }
            if (p.nativeVlan() != null) {
                vlans.add(p.nativeVlan());
            }
            if (p.allowedVlans().size() < 4094) {
                vlans.addAll(p.allowedVlans());
            }
        }
        return new SwitchConfig(vlans, states, Map.of());
    }

    private static PortState port(String name, Map<String, Object> row, boolean enabled) {
        Object tagAtom = atom(row.get("tag"));
        Integer tag = tagAtom == null ? null : ((Number) tagAtom).intValue();
        Object modeAtom = atom(row.get("vlan_mode"));
        String mode = modeAtom == null ? (tag != null ? "access" : "trunk") : modeAtom.toString();
        VlanId tagVlan = tag == null || tag < 1 || tag > 4094 ? null : VlanId.of(tag);
        switch (mode) {
            case "access", "dot1q-tunnel" -> {
                return new PortState(name, enabled, PortState.Mode.ACCESS, tagVlan, null, Set.of(), null, null);
            }
            case "trunk", "native-untagged", "native-tagged" -> {
                Set<VlanId> allowed = trunks(row.get("trunks"));
                VlanId nativeVlan = null;
                if (mode.equals("native-untagged")) {
                    nativeVlan = tagVlan;
                } else if (mode.equals("native-tagged") && tagVlan != null) {
                    allowed.add(tagVlan);
                }
                return new PortState(name, enabled, PortState.Mode.TRUNK, null, nativeVlan, allowed, null, null);
            }
            default -> throw new IllegalArgumentException("port " + name + " has an unknown vlan_mode '" + mode + "'");
        }
    }

    private static Set<VlanId> trunks(Object value) {
        List<Object> listed = set(value);
        Set<VlanId> vlans = new TreeSet<>();
        if (listed.isEmpty()) {
            for (int v = 1; v <= 4094; v++) {
                vlans.add(VlanId.of(v));
            }
            return vlans;
        }
        for (Object o : listed) {
            int v = ((Number) o).intValue();
            if (v >= 1 && v <= 4094) {
                vlans.add(VlanId.of(v));
            }
        }
        return vlans;
    }

    /**
     * Parses what {@link OvsCommands#readLinks()} prints: an interface has link when its
     * {@code link_state} is {@code up}. The bridges' own internal interfaces are left out, as in
     * {@link #parse}; so is an interface whose {@code link_state} is still empty (ovs-vswitchd has
     * not read it yet).
     *
     * @param text the JSON table
     * @return by interface name
     * @throws IllegalArgumentException when the text is not that table
     */
    public static Map<String, Boolean> linkStates(String text) {
        Map<String, Boolean> out = new TreeMap<>();
        for (Map<String, Object> row : table(text.strip())) {
            Object state = atom(row.get("link_state"));
            if (!"internal".equals(string(row, "type")) && state != null) {
                out.put(string(row, "name"), "up".equals(state));
            }
        }
        return out;
    }

    /** The rows of one table, each a map from heading to (OVSDB-encoded) value. */
    static List<Map<String, Object>> table(String json) {
        Object parsed = new Json(json).document();
        if (!(parsed instanceof Map<?, ?> doc) || !(doc.get("data") instanceof List<?> data)
                || !(doc.get("headings") instanceof List<?> headings)) {
            throw new IllegalArgumentException("not an ovs-vsctl JSON table: " + abbreviate(json));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object r : data) {
            if (!(r instanceof List<?> cells) || cells.size() != headings.size()) {
                throw new IllegalArgumentException("a row does not match the headings " + headings + ": " + r);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                row.put(String.valueOf(headings.get(i)), cells.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** An optional column's atom: the value, or null for an empty set. */
    private static Object atom(Object value) {
        if (value instanceof List<?> l && l.size() == 2 && "set".equals(l.get(0))) {
            List<Object> members = set(value);
            if (members.size() > 1) {
                throw new IllegalArgumentException("expected at most one value, got " + members);
            }
            return members.isEmpty() ? null : members.get(0);
        }
        return value;
    }

    /** A set column's members: {@code ["set",[a,b]]}, or a single atom for a set of one. */
    private static List<Object> set(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l && l.size() == 2 && "set".equals(l.get(0)) && l.get(1) instanceof List<?> members) {
            return new ArrayList<>(members);
        }
        return List.of(value);
    }

    private static String string(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("column " + column + " is not a string: " + v);
        }
        return s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** Just enough JSON for ovs-vsctl's output: objects, arrays, strings, numbers, literals. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            space();
            if (i != s.length()) {
                throw error("trailing text");
            }
            return v;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        space();
                        String k = string();
                        space();
                        expect(':');
                        m.put(k, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        l.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    return number();
                }
            }
        }

        private Number number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (n.isEmpty()) {
                throw error("unexpected character");
            }
            try {
                if (n.contains(".") || n.contains("e") || n.contains("E")) {
                    return Double.parseDouble(n);
                }
                return Long.parseLong(n);
            } catch (NumberFormatException e) {
                throw error("bad number '" + n + "'");
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + i + " of ovs-vsctl output: " + abbreviate(s));
        }
    }
}
