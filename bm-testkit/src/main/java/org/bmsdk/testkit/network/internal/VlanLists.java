package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/** VLAN lists as switch CLIs write them: {@code 10,20,30-40}. */
public final class VlanLists {

    private VlanLists() {
    }

    /**
     * Parses a list.
     *
     * @param text such as {@code 10,20,30-40}
     * @return the VLANs, or null when the text is not a valid list of VLANs in 1..4094
     */
    public static NavigableSet<Integer> parse(String text) {
        NavigableSet<Integer> out = new TreeSet<>();
        if (text.isEmpty() || text.startsWith(",") || text.endsWith(",")) {
            return null;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            Integer from = vlan(dash < 0 ? part : part.substring(0, dash));
            Integer to = dash < 0 ? from : vlan(part.substring(dash + 1));
            if (from == null || to == null || from > to) {
                return null;
            }
            for (int v = from; v <= to; v++) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Parses one VLAN id.
     *
     * @param text digits
     * @return the id, or null when not a number in 1..4094
     */
    public static Integer vlan(String text) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int v = Integer.parseInt(text);
        return v >= 1 && v <= 4094 ? v : null;
    }

    /**
     * Formats VLANs as ranges.
     *
     * @param vlans the VLANs
     * @return the ranges, such as {@code [10, 20, 30-40]}
     */
    public static List<String> ranges(Iterable<Integer> vlans) {
        List<String> out = new ArrayList<>();
        int start = -1;
        int prev = -1;
        for (int v : vlans) {
            if (start >= 0 && v == prev + 1) {
                prev = v;
                continue;
            }
            if (start >= 0) {
                out.add(range(start, prev));
            }
            start = v;
            prev = v;
        }
        if (start >= 0) {
            out.add(range(start, prev));
        }
        return out;
    }

    /**
     * Formats VLANs as one comma-separated list of ranges.
     *
     * @param vlans the VLANs
     * @return such as {@code 10,20,30-40}
     */
    public static String format(Iterable<Integer> vlans) {
        return String.join(",", ranges(vlans));
    }

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
