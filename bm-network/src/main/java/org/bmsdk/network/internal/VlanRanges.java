package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/** VLAN lists as switch CLIs write them: {@code 10,20,30-40}. */
final class VlanRanges {

    private VlanRanges() {
    }

    /** Ranges of consecutive VLANs, ascending, such as {@code [10, 20, 30-40]}. */
    static List<String> ranges(Iterable<Integer> sortedVlans) {
        List<String> out = new ArrayList<>();
        int start = -1;
        int prev = -1;
        for (int v : sortedVlans) {
            if (start >= 0 && v == prev + 1) {
                prev = v;
                continue;
            }
            if (start >= 0) {
                out.add(start == prev ? Integer.toString(start) : start + "-" + prev);
            }
            start = v;
            prev = v;
        }
        if (start >= 0) {
            out.add(start == prev ? Integer.toString(start) : start + "-" + prev);
        }
        return out;
    }

    /**
     * Parses a list.
     *
     * @return the VLANs, or null when the text is no list of VLANs in 1..4094
     */
    static NavigableSet<Integer> parse(String text) {
        NavigableSet<Integer> out = new TreeSet<>();
        for (String part : text.strip().split(",")) {
            String[] ends = part.split("-", -1);
            if (ends.length > 2) {
                return null;
            }
            try {
                int from = Integer.parseInt(ends[0].strip());
                int to = ends.length == 2 ? Integer.parseInt(ends[1].strip()) : from;
                if (from < 1 || to > 4094 || from > to) {
                    return null;
                }
                for (int v = from; v <= to; v++) {
                    out.add(v);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }
}
