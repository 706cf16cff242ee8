package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bmsdk.testkit.network.internal.SwitchModel.Port;

/**
 * SONiC's ACLs for {@link SonicInterpreter}: {@code config acl add table NAME TYPE [-p PORTS] [-s
 * STAGE] [-d DESC]} (which sets the table, binding exactly the ports listed), {@code config acl
 * remove table NAME}, rules written to CONFIG_DB with {@code sonic-db-cli CONFIG_DB hset
 * "ACL_RULE|TABLE|RULE" FIELD VALUE ...} and removed with {@code del}, and {@code show acl table} and
 * {@code show acl rule} laid out as SONiC's tabulate tables. Only L3 tables are modelled; a rule's
 * fields are kept in {@link RuleAcls}' form. Unlike CONFIG_DB, the simulator keeps no rule without
 * its table: removing a table removes its rules (a later {@code del} answers 0), and a rule for a
 * table that does not exist is refused. Modelled on SONiC's documentation, not captured.
 */
final class SonicAcls {

    private static final String NAME = "[A-Za-z0-9_-]{1,64}";

    private SonicAcls() {
    }

    /** {@code config acl ...}. */
    static CliInterpreter.Reply config(SwitchState state, List<String> w) {
        if (w.size() >= 5 && w.get(2).equals("remove") && w.get(3).equals("table")) {
            String name = w.get(4);
            return state.running(m -> {
                if (m.ruleAcls().remove(name) == null) {
                    return SonicInterpreter.fail("Error: Table " + name + " doesn't exist");
                }
                unbind(m, name);
                return CliInterpreter.Reply.ok("");
            });
        }
        if (w.size() < 6 || !w.get(2).equals("add") || !w.get(3).equals("table")) {
            return SonicInterpreter.usage("config acl", w.size() > 2 ? w.get(2) : "");
        }
        String name = w.get(4);
        String type = w.get(5);
        String ports = null;
        String stage = "ingress";
        for (int i = 6; i < w.size(); i += 2) {
            if (i + 1 >= w.size()) {
                return SonicInterpreter.fail("Error: Option '" + w.get(i) + "' requires an argument.");
            }
            switch (w.get(i)) {
                case "-p", "--ports" -> ports = w.get(i + 1);
                case "-s", "--stage" -> stage = w.get(i + 1).toLowerCase(java.util.Locale.ROOT);
                case "-d", "--description" -> { }
                default -> {
                    return SonicInterpreter.fail("Error: No such option: " + w.get(i));
                }
            }
        }
        if (!name.matches(NAME)) {
            return SonicInterpreter.fail("Error: Invalid table name " + name);
        }
        if (!type.equals("L3")) {
            return SonicInterpreter.fail("Error: Invalid table type " + type + " (the simulator has L3 tables only)");
        }
        if (!stage.equals("ingress") && !stage.equals("egress")) {
            return SonicInterpreter.fail("Error: Invalid value for \"-s\" / \"--stage\": invalid choice: " + stage
                    + ". (choose from ingress, egress)");
        }
        List<String> portList = ports == null ? List.of() : List.of(ports.split(","));
        boolean ingress = stage.equals("ingress");
        return state.running(m -> {
            for (String p : portList) {
                if (m.port(p) == null) {
                    return SonicInterpreter.fail("Error: Cannot bind ACL to specified port " + p);
                }
            }
            m.ruleAcls().putIfAbsent(name, new LinkedHashMap<>());
            unbind(m, name);
            for (String p : portList) {
                if (ingress) {
                    m.port(p).aclIn = name;
                } else {
                    m.port(p).aclOut = name;
                }
            }
            return CliInterpreter.Reply.ok("");
        });
    }

    private static void unbind(SwitchModel m, String table) {
        for (Port p : m.ports().values()) {
            if (table.equals(p.aclIn)) {
                p.aclIn = null;
            }
            if (table.equals(p.aclOut)) {
                p.aclOut = null;
            }
        }
    }

    /** {@code sonic-db-cli CONFIG_DB hset|del "ACL_RULE|TABLE|RULE" ...}: redis's integer replies. */
    static CliInterpreter.Reply db(SwitchState state, List<String> w) {
        if (w.size() < 4 || !w.get(1).equals("CONFIG_DB")) {
            return SonicInterpreter.fail("Error: sonic-db-cli: the simulator knows CONFIG_DB hset and del of ACL_RULE keys only");
        }
        String op = w.get(2).toLowerCase(java.util.Locale.ROOT);
        String[] key = w.get(3).split("\\|", -1);
        if (key.length != 3 || !key[0].equals("ACL_RULE") || !key[2].matches(NAME) || !(op.equals("hset") || op.equals("del"))) {
            return SonicInterpreter.fail("Error: sonic-db-cli: the simulator knows CONFIG_DB hset and del of ACL_RULE keys only");
        }
        if (op.equals("del")) {
            return state.running(m -> {
                LinkedHashMap<String, TreeMap<String, String>> rules = m.ruleAcls().get(key[1]);
                return CliInterpreter.Reply.ok(rules != null && rules.remove(key[2]) != null ? "1" : "0");
            });
        }
        if (w.size() < 6 || (w.size() - 4) % 2 != 0) {
            return SonicInterpreter.fail("(error) ERR wrong number of arguments for 'hset' command");
        }
        TreeMap<String, String> fields = new TreeMap<>();
        for (int i = 4; i < w.size(); i += 2) {
            String[] f = field(w.get(i), w.get(i + 1));
            if (f == null) {
                return SonicInterpreter.fail("Error: ACL_RULE field " + w.get(i) + " " + w.get(i + 1) + " is not valid");
            }
            fields.put(f[0], f[1]);
        }
        return state.running(m -> {
            LinkedHashMap<String, TreeMap<String, String>> rules = m.ruleAcls().get(key[1]);
            if (rules == null) {
                return SonicInterpreter.fail("Error: ACL table " + key[1] + " does not exist");
            }
            boolean added = !rules.containsKey(key[2]);
            TreeMap<String, String> rule = rules.computeIfAbsent(key[2], k -> new TreeMap<>());
            int before = rule.size();
            rule.putAll(fields);
            List<Map.Entry<String, TreeMap<String, String>>> order = new ArrayList<>(rules.entrySet());
            order.sort(Comparator.comparingInt(e -> -Integer.parseInt(e.getValue().getOrDefault(RuleAcls.PRIORITY, "0"))));
            rules.clear();
            order.forEach(e -> rules.put(e.getKey(), e.getValue()));
            return CliInterpreter.Reply.ok(Integer.toString(added ? rule.size() : rule.size() - before));
        });
    }

    /** A CONFIG_DB field as a {@link RuleAcls} key and value, or null when it is not valid. */
    private static String[] field(String name, String value) {
        switch (name) {
            case "PRIORITY":
                return value.matches("[0-9]{1,6}") ? new String[] {RuleAcls.PRIORITY, value} : null;
            case "PACKET_ACTION":
                return value.equals("FORWARD") ? new String[] {RuleAcls.ACTION, "permit"}
                        : value.equals("DROP") ? new String[] {RuleAcls.ACTION, "deny"} : null;
            case "IP_PROTOCOL":
                return switch (value) {
                    case "6" -> new String[] {RuleAcls.PROTOCOL, "tcp"};
                    case "17" -> new String[] {RuleAcls.PROTOCOL, "udp"};
                    case "1" -> new String[] {RuleAcls.PROTOCOL, "icmp"};
                    default -> value.matches("[0-9]{1,3}") ? new String[] {RuleAcls.PROTOCOL, value} : null;
                };
            case "SRC_IP":
            case "DST_IP":
                return RuleAcls.prefix(value) ? new String[] {name.equals("SRC_IP") ? RuleAcls.SOURCE : RuleAcls.DESTINATION, value}
                        : null;
            case "L4_SRC_PORT":
            case "L4_DST_PORT":
            case "L4_SRC_PORT_RANGE":
            case "L4_DST_PORT_RANGE": {
                boolean range = name.endsWith("RANGE");
                String ports = RuleAcls.ports(value, "-");
                if (ports == null || range != ports.contains("-")) {
                    return null;
                }
                return new String[] {name.startsWith("L4_SRC") ? RuleAcls.SOURCE_PORTS : RuleAcls.DESTINATION_PORTS, ports};
            }
            case "ICMP_TYPE":
                return value.equals("0") ? new String[] {RuleAcls.ICMP_TYPE, "echo-reply"}
                        : value.equals("8") ? new String[] {RuleAcls.ICMP_TYPE, "echo-request"} : null;
            case "ETHER_TYPE":
                return value.equals("2048") || value.equals("0x0800") ? new String[] {RuleAcls.ETHER_TYPE, "ipv4"}
                        : value.equals("2054") || value.equals("0x0806") ? new String[] {RuleAcls.ETHER_TYPE, "arp"} : null;
            default:
                return null;
        }
    }

    /** {@code show acl table}: one bound port per line. */
    static String showTables(SwitchModel m) {
        List<String[]> rows = new ArrayList<>();
        m.ruleAcls().forEach((name, rules) -> {
            List<String> in = new ArrayList<>();
            List<String> out = new ArrayList<>();
            m.ports().values().forEach(p -> {
                if (name.equals(p.aclIn)) {
                    in.add(p.name);
                }
                if (name.equals(p.aclOut)) {
                    out.add(p.name);
                }
            });
            List<String> ports = out.isEmpty() ? in : out;
            rows.add(new String[] {name, "L3", ports.isEmpty() ? "" : ports.get(0), name, out.isEmpty() ? "ingress" : "egress", "Active"});
            for (int i = 1; i < ports.size(); i++) {
                rows.add(new String[] {"", "", ports.get(i), "", "", ""});
            }
        });
        return tabulate(new String[] {"Name", "Type", "Binding", "Description", "Stage", "Status"}, rows);
    }

    /** {@code show acl rule}: one match field per line, rules by priority. */
    static String showRules(SwitchModel m) {
        List<String[]> rows = new ArrayList<>();
        m.ruleAcls().forEach((table, rules) -> rules.forEach((rule, f) -> {
            List<String> match = new ArrayList<>();
            f.forEach((k, v) -> {
                String db = dbField(k, v);
                if (db != null) {
                    match.add(db);
                }
            });
            match.sort(null);
            String action = "permit".equals(f.get(RuleAcls.ACTION)) ? "FORWARD" : "DROP";
            rows.add(new String[] {table, rule, f.getOrDefault(RuleAcls.PRIORITY, "0"), action, match.isEmpty() ? "" : match.get(0),
                "Active"});
            for (int i = 1; i < match.size(); i++) {
                rows.add(new String[] {"", "", "", "", match.get(i), ""});
            }
        }));
        return tabulate(new String[] {"Table", "Rule", "Priority", "Action", "Match", "Status"}, rows);
    }

    private static String dbField(String key, String v) {
        return switch (key) {
            case RuleAcls.PROTOCOL -> "IP_PROTOCOL: " + switch (v) {
                case "tcp" -> "6";
                case "udp" -> "17";
                case "icmp" -> "1";
                default -> v;
            };
            case RuleAcls.SOURCE -> "SRC_IP: " + v;
            case RuleAcls.DESTINATION -> "DST_IP: " + v;
            case RuleAcls.SOURCE_PORTS -> (v.contains("-") ? "L4_SRC_PORT_RANGE: " : "L4_SRC_PORT: ") + v;
            case RuleAcls.DESTINATION_PORTS -> (v.contains("-") ? "L4_DST_PORT_RANGE: " : "L4_DST_PORT: ") + v;
            case RuleAcls.ICMP_TYPE -> "ICMP_TYPE: " + (v.equals("echo-reply") ? "0" : "8");
            case RuleAcls.ETHER_TYPE -> "ETHER_TYPE: " + (v.equals("ipv4") ? "2048" : "2054");
            default -> null;
        };
    }

    /** A table as Python's tabulate prints it ({@code simple}): columns two blanks apart, dashes under the header. */
    private static String tabulate(String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        String[] dashes = new String[header.length];
        for (int c = 0; c < header.length; c++) {
            dashes[c] = "-".repeat(width[c]);
        }
        line(sb, dashes, width);
        rows.forEach(r -> line(sb, r, width));
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            l.append(String.format("%-" + width[c] + "s", cells[c]));
            if (c < cells.length - 1) {
                l.append("  ");
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
