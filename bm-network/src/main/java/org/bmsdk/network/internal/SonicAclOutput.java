package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;

/**
 * Reads SONiC's {@code show acl table} (name, type, binding, description, stage, status; one bound
 * port per line) and {@code show acl rule} (table, rule, priority, action, match, status; one match
 * field {@code KEY: VALUE} per line). Both are tables whose columns the dashes under the header
 * mark, with a continuation line's first columns blank. A section runs from its header to the
 * next header or the end of the text, so the two outputs can follow the other {@code show}s.
 */
final class SonicAclOutput {

    /** A table: its type, stage and bound ports. */
    record Table(String type, String stage, List<String> ports) {
    }

    private SonicAclOutput() {
    }

    /**
     * The ACL tables.
     *
     * @param text the outputs of the {@code show} commands
     * @return each table by name
     */
    static Map<String, Table> tables(String text) {
        Map<String, Table> out = new LinkedHashMap<>();
        String name = null;
        for (List<String> row : rows(text, "Binding")) {
            if (!row.get(0).isEmpty()) {
                if (row.size() < 2) {
                    throw new IllegalArgumentException("bad show acl table row " + row);
                }
                name = row.get(0);
                out.put(name, new Table(row.get(1), row.size() > 4 ? row.get(4) : "", new ArrayList<>()));
            }
            if (name != null && row.size() > 2 && !row.get(2).isEmpty()) {
                out.get(name).ports().add(row.get(2));
            }
        }
        return out;
    }

    /**
     * The rules of every table, each rule's fields with {@code PRIORITY} and {@code PACKET_ACTION}.
     *
     * @param text the outputs of the {@code show} commands
     * @return the rules by table, then by rule name in priority order (highest first)
     * @throws IllegalArgumentException when a match line is not {@code KEY: VALUE}
     */
    static Map<String, Map<String, Map<String, String>>> rules(String text) {
        Map<String, Map<String, Map<String, String>>> out = new LinkedHashMap<>();
        Map<String, String> rule = null;
        for (List<String> row : rows(text, "Priority")) {
            if (!row.get(0).isEmpty()) {
                if (row.size() < 4) {
                    throw new IllegalArgumentException("bad show acl rule row " + row);
                }
                rule = new HashMap<>();
                rule.put("PRIORITY", row.get(2));
                rule.put("PACKET_ACTION", row.get(3));
                out.computeIfAbsent(row.get(0), t -> new LinkedHashMap<>()).put(row.get(1), rule);
            }
            String match = row.size() > 4 ? row.get(4) : "";
            if (rule != null && !match.isEmpty()) {
                int colon = match.indexOf(": ");
                if (colon < 0) {
                    throw new IllegalArgumentException("bad show acl rule match '" + match + "'");
                }
                rule.put(match.substring(0, colon), match.substring(colon + 2).strip());
            }
        }
        for (Map.Entry<String, Map<String, Map<String, String>>> t : out.entrySet()) {
            List<Map.Entry<String, Map<String, String>>> sorted = new ArrayList<>(t.getValue().entrySet());
            sorted.sort(Comparator.comparingLong((Map.Entry<String, Map<String, String>> e) -> -priority(e.getValue())));
            Map<String, Map<String, String>> byPriority = new LinkedHashMap<>();
            sorted.forEach(e -> byPriority.put(e.getKey(), e.getValue()));
            t.setValue(byPriority);
        }
        return out;
    }

    /**
     * The ACLs whose rules are security-group rules as {@link SonicCommands#bindAcl} writes them: a
     * FORWARD rule per security-group rule and {@code DEFAULT_RULE}, a DROP of all IPv4
     * ({@code ETHER_TYPE: 2048}), which is skipped. A table with any other rule is left out; so is one that is not an ingress L3 table.
     *
     * @param text the outputs of the {@code show} commands
     * @return the ACLs by name
     */
    static Map<String, Acl> acls(String text) {
        Map<String, Map<String, Map<String, String>>> rules = rules(text);
        Map<String, Acl> out = new TreeMap<>();
        tables(text).forEach((name, table) -> {
            if (!table.type().equals("L3") || !table.stage().equalsIgnoreCase("ingress")) {
                return;
            }
            List<AclRule> read = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> e : rules.getOrDefault(name, Map.of()).entrySet()) {
                Map<String, String> f = new HashMap<>(e.getValue());
                f.remove("PRIORITY");
                String action = f.remove("PACKET_ACTION");
                // Only the table's end: a BM_HOLD left by a rewrite that did not finish makes the ACL
                // unreadable, so that the next bindAcl writes it again (and removes the hold).
                if (e.getKey().equals("DEFAULT_RULE") && "DROP".equals(action) && f.equals(Map.of("ETHER_TYPE", "2048"))) {
                    continue;
                }
                AclRule rule = "FORWARD".equals(action) ? rule(f) : null;
                if (rule == null) {
                    return;
                }
                read.add(rule);
            }
            try {
                out.put(name, new Acl(name, read));
            } catch (IllegalArgumentException e) {
                // a name bm-api's Acl does not allow is not one of ours
            }
        });
        return out;
    }

    /** Which ACL table binds each port (ingress). */
    static Map<String, String> bindings(String text) {
        Map<String, String> out = new HashMap<>();
        tables(text).forEach((name, t) -> {
            if (t.stage().equalsIgnoreCase("ingress")) {
                t.ports().forEach(p -> out.putIfAbsent(p, name));
            }
        });
        return out;
    }

    /** A FORWARD rule's match fields as the security-group rule they were written for, or null. */
    private static AclRule rule(Map<String, String> f) {
        String proto = f.remove("IP_PROTOCOL");
        String dst = f.remove("DST_IP");
        String sport = f.remove("L4_SRC_PORT");
        String sportRange = f.remove("L4_SRC_PORT_RANGE");
        String dport = f.remove("L4_DST_PORT");
        String dportRange = f.remove("L4_DST_PORT_RANGE");
        String icmp = f.remove("ICMP_TYPE");
        f.remove("ETHER_TYPE", "2048");
        if (!f.isEmpty() || sport != null && sportRange != null || dport != null && dportRange != null
                || icmp != null && !icmp.equals("0")) {
            return null;
        }
        return new AclMatch(proto, dst, sport != null ? sport : sportRange, dport != null ? dport : dportRange, icmp != null).rule();
    }

    private static long priority(Map<String, String> rule) {
        String p = rule.getOrDefault("PRIORITY", "0");
        return p.matches("[0-9]{1,9}") ? Long.parseLong(p) : 0;
    }

    /**
     * The rows of the section whose header has {@code headerWord}, cut at the columns the dash line
     * under the header marks; the last column runs to the end of the line.
     */
    private static List<List<String>> rows(String text, String headerWord) {
        List<List<String>> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (!isHeader(lines[i]) || !List.of(lines[i].strip().split("\\s+")).contains(headerWord)
                    || !lines[i + 1].strip().matches("-+(\\s+-+)*")) {
                continue;
            }
            List<int[]> cols = columns(lines[i + 1]);
            for (int j = i + 2; j < lines.length && !isHeader(lines[j]) && inTable(lines[j], cols); j++) {
                if (lines[j].isBlank()) {
                    continue;
                }
                List<String> row = new ArrayList<>();
                for (int c = 0; c < cols.size(); c++) {
                    int a = Math.min(cols.get(c)[0], lines[j].length());
                    int b = c == cols.size() - 1 ? lines[j].length() : Math.min(cols.get(c + 1)[0], lines[j].length());
                    row.add(lines[j].substring(a, b).strip());
                }
                out.add(row);
            }
        }
        return out;
    }

    /**
     * Whether a line can be a row of the table: blank where the dash line is (the gaps between
     * columns), and not the start of another command's output ({@code VTEP Information:}, a grid
     * table's {@code +---}, {@code Flags:}).
     */
    private static boolean inTable(String line, List<int[]> cols) {
        String l = line.strip();
        if (l.startsWith("+") || l.startsWith("|") || l.endsWith(":") || l.startsWith("Flags:") || l.startsWith("Total")
                || l.startsWith("VTEP") || l.startsWith("Source interface")) {
            return false;
        }
        for (int c = 0; c + 1 < cols.size(); c++) {
            for (int k = cols.get(c)[1]; k < cols.get(c + 1)[0] && k < line.length(); k++) {
                if (line.charAt(k) != ' ') {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a line is one of the SONiC tables' headers (the line above a dash line). */
    private static boolean isHeader(String line) {
        String l = line.strip();
        return l.startsWith("Name ") || l.startsWith("Table ") || l.startsWith("Interface ") || l.startsWith("No. ");
    }

    private static List<int[]> columns(String dashes) {
        List<int[]> cols = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-+").matcher(dashes);
        while (m.find()) {
            cols.add(new int[] {m.start(), m.end()});
        }
        return cols;
    }
}
