package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.network.AclRule;

/**
 * The ACLs that Junos, Cumulus NVUE and SONiC write as rules of match fields, in one form for the
 * simulator: each dialect's interpreter turns its own spelling into these keys and back.
 * <ul>
 *   <li>{@link #ACTION}: {@code permit} or {@code deny};
 *   <li>{@link #PROTOCOL}: {@code tcp}, {@code udp}, {@code icmp} (absent: any);
 *   <li>{@link #SOURCE}, {@link #DESTINATION}: IPv4 prefixes;
 *   <li>{@link #SOURCE_PORTS}, {@link #DESTINATION_PORTS}: {@code P} or {@code A-B};
 *   <li>{@link #ICMP_TYPE}: such as {@code echo-reply};
 *   <li>{@link #ETHER_TYPE}: {@code arp} or {@code ipv4}.
 * </ul>
 * Read as security-group rules the way bm-sdk's drivers write them ({@link AclEntries} says how for
 * the Cisco-like entries): the ACL is bound inbound, an EGRESS rule permits the protocol to the
 * destination prefix and ports, an INGRESS rule lets the node answer from its source ports (an
 * ICMP echo reply) to the prefix. A rule permitting ARP and a rule denying everything (or all IPv4)
 * are how these dialects spell a Cisco ACL's implicit end, and are skipped.
 */
final class RuleAcls {

    static final String ACTION = "action";
    static final String PROTOCOL = "protocol";
    static final String SOURCE = "source";
    static final String DESTINATION = "destination";
    static final String SOURCE_PORTS = "source-ports";
    static final String DESTINATION_PORTS = "destination-ports";
    static final String ICMP_TYPE = "icmp-type";
    static final String ETHER_TYPE = "ether-type";
    /** SONiC's rule priority: kept with the rule, not a match field. */
    static final String PRIORITY = "priority";
    private static final java.util.Set<String> KEYS = java.util.Set.of(ACTION, PROTOCOL, SOURCE, DESTINATION, SOURCE_PORTS,
            DESTINATION_PORTS, ICMP_TYPE, ETHER_TYPE);

    private RuleAcls() {
    }

    /**
     * The security-group rules of an ACL.
     *
     * @param rules its rules' fields, in order
     * @return the rules, or null when one of them is not of the form the drivers write
     */
    static List<AclRule> rules(Collection<? extends Map<String, String>> rules) {
        List<AclRule> out = new ArrayList<>();
        for (Map<String, String> rule : rules) {
            Map<String, String> f = new java.util.TreeMap<>(rule);
            f.remove(PRIORITY);
            if (!KEYS.containsAll(f.keySet())) {
                return null;
            }
            String action = f.get(ACTION);
            if ("permit".equals(action) && f.size() == 2 && "arp".equals(f.get(ETHER_TYPE))) {
                continue;
            }
            if ("deny".equals(action) && (f.size() == 1 || f.size() == 2 && "ipv4".equals(f.get(ETHER_TYPE)))) {
                continue;
            }
            AclRule r = rule(f);
            if (r == null) {
                return null;
            }
            out.add(r);
        }
        return out;
    }

    /**
     * The fields of a security-group rule, as bm-sdk's drivers write it.
     *
     * @param r the rule
     * @return its fields
     */
    static java.util.TreeMap<String, String> fields(AclRule r) {
        java.util.TreeMap<String, String> f = new java.util.TreeMap<>();
        f.put(ACTION, "permit");
        if (r.protocol() != AclRule.Protocol.ANY) {
            f.put(PROTOCOL, r.protocol().name().toLowerCase(java.util.Locale.ROOT));
        }
        int slash = r.cidr().indexOf('/');
        int len = Integer.parseInt(r.cidr().substring(slash + 1));
        long mask = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
        long net = AclEntries.ipv4(r.cidr().substring(0, slash)) & mask;
        f.put(DESTINATION, ((net >> 24) & 255) + "." + ((net >> 16) & 255) + "." + ((net >> 8) & 255) + "." + (net & 255) + "/" + len);
        String ports = r.portMin() == 0 ? null : r.portMin() == r.portMax() ? Integer.toString(r.portMin())
                : r.portMin() + "-" + r.portMax();
        boolean ingress = r.direction() == AclRule.Direction.INGRESS;
        if (ports != null) {
            f.put(ingress ? SOURCE_PORTS : DESTINATION_PORTS, ports);
        }
        if (ingress && r.protocol() == AclRule.Protocol.ICMP) {
            f.put(ICMP_TYPE, "echo-reply");
        }
        return f;
    }

    private static AclRule rule(Map<String, String> f) {
        if (!"permit".equals(f.get(ACTION)) || f.containsKey(SOURCE) || f.containsKey(ETHER_TYPE) && !"ipv4".equals(f.get(ETHER_TYPE))) {
            return null;
        }
        String proto = f.get(PROTOCOL);
        AclRule.Protocol p = proto == null ? AclRule.Protocol.ANY : switch (proto) {
            case "tcp" -> AclRule.Protocol.TCP;
            case "udp" -> AclRule.Protocol.UDP;
            case "icmp" -> AclRule.Protocol.ICMP;
            default -> null;
        };
        String icmp = f.get(ICMP_TYPE);
        if (p == null || icmp != null && !(icmp.equals("echo-reply") && p == AclRule.Protocol.ICMP)
                || f.containsKey(SOURCE_PORTS) && f.containsKey(DESTINATION_PORTS)) {
            return null;
        }
        String dst = f.getOrDefault(DESTINATION, "0.0.0.0/0");
        try {
            if (f.containsKey(SOURCE_PORTS) || icmp != null) {
                int[] ports = ports(f.get(SOURCE_PORTS));
                return new AclRule(AclRule.Direction.INGRESS, p, ports[0], ports[1], dst);
            }
            int[] ports = ports(f.get(DESTINATION_PORTS));
            return new AclRule(AclRule.Direction.EGRESS, p, ports[0], ports[1], dst);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int[] ports(String text) {
        if (text == null) {
            return new int[] {0, 0};
        }
        String[] ab = text.split("-");
        return new int[] {Integer.parseInt(ab[0]), Integer.parseInt(ab[ab.length - 1])};
    }

    /**
     * Whether a word is a port ({@code 22}) or a range ({@code 8000-8100}, or with {@code sep}).
     *
     * @param word the word
     * @param sep the range's separator
     * @return the port or range in {@code A-B} form, or null when malformed
     */
    static String ports(String word, String sep) {
        String[] ab = word.split(java.util.regex.Pattern.quote(sep), -1);
        if (ab.length > 2) {
            return null;
        }
        for (String p : ab) {
            if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
                return null;
            }
        }
        if (ab.length == 2 && Integer.parseInt(ab[0]) > Integer.parseInt(ab[1])) {
            return null;
        }
        return String.join("-", ab);
    }

    /**
     * Whether a word is an IPv4 prefix.
     *
     * @param word the word
     * @return whether it is {@code A.B.C.D/LEN}
     */
    static boolean prefix(String word) {
        int slash = word.indexOf('/');
        return slash > 0 && AclEntries.ipv4(word.substring(0, slash)) != null && word.substring(slash + 1).matches("[0-9]{1,2}")
                && Integer.parseInt(word.substring(slash + 1)) <= 32;
    }
}
