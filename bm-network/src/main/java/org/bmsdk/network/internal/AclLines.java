package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;

/**
 * Security-group rules as extended IP ACL entries, and back. The ACL is bound inbound on the
 * node's port, so it filters what the node sends (port ACLs are inbound only on NX-OS and on many
 * Catalyst platforms, and inbound is where a stateless filter can let replies through):
 * <ul>
 *   <li>EGRESS (the node may reach CIDR on PORTS): {@code permit P any CIDR [eq|range PORTS]}.
 *   <li>INGRESS (CIDR may reach the node on PORTS): the node may answer from those ports,
 *       {@code permit P any eq|range PORTS CIDR}; for ICMP, {@code permit icmp any CIDR echo-reply}.
 *       What reaches the node is not filtered by the inbound ACL; a peer outside CIDR gets no answer.
 * </ul>
 * An INGRESS rule without ports (protocol any, or TCP/UDP on every port) permits the same entry as
 * the EGRESS one, and reads back as EGRESS: {@link #canonical} says which rules are equal. Every
 * vendor ends an ACL with an implicit {@code deny ip any any}, which is the security group's
 * "drop what no rule permits"; no explicit deny is written. ARP is not IP and passes.
 */
final class AclLines {

    private static final Map<String, Integer> PORT_NAMES = Map.of("ftp", 21, "ssh", 22, "telnet", 23, "smtp", 25,
            "domain", 53, "www", 80, "ntp", 123, "snmp", 161, "bgp", 179, "https", 443);

    private AclLines() {
    }

    /**
     * The entry for a rule.
     *
     * @param r the rule
     * @param wildcard whether the dialect writes addresses with wildcard masks (IOS) rather than prefixes
     * @return the entry, such as {@code permit tcp any 10.0.0.0 0.255.255.255 eq 22}
     */
    static String entry(AclRule r, boolean wildcard) {
        StringBuilder b = new StringBuilder("permit ");
        b.append(r.protocol() == AclRule.Protocol.ANY ? "ip" : r.protocol().name().toLowerCase(Locale.ROOT)).append(" any");
        String ports = r.portMin() == 0 ? "" : r.portMin() == r.portMax() ? " eq " + r.portMin()
                : " range " + r.portMin() + " " + r.portMax();
        boolean ingress = r.direction() == AclRule.Direction.INGRESS;
        if (ingress) {
            b.append(ports);
        }
        b.append(' ').append(address(r.cidr(), wildcard));
        if (!ingress) {
            b.append(ports);
        }
        if (ingress && r.protocol() == AclRule.Protocol.ICMP) {
            b.append(" echo-reply");
        }
        return b.toString();
    }

    /**
     * The rule an entry was written for.
     *
     * @param text the entry without its sequence number
     * @return the rule, or null when the entry is not of the form {@link #entry} writes
     */
    static AclRule rule(String text) {
        String[] w = text.strip().split("\\s+");
        if (w.length < 4 || !w[0].equals("permit") || !w[2].equals("any")) {
            return null;
        }
        AclRule.Protocol proto = switch (w[1]) {
            case "ip" -> AclRule.Protocol.ANY;
            case "tcp" -> AclRule.Protocol.TCP;
            case "udp" -> AclRule.Protocol.UDP;
            case "icmp" -> AclRule.Protocol.ICMP;
            default -> null;
        };
        if (proto == null) {
            return null;
        }
        int i = 3;
        int[] src = null;
        if (w[i].equals("eq") || w[i].equals("range")) {
            src = ports(w, i);
            i += w[i].equals("eq") ? 2 : 3;
        }
        if (i >= w.length) {
            return null;
        }
        String cidr;
        if (w[i].equals("any")) {
            cidr = "0.0.0.0/0";
            i++;
        } else if (w[i].equals("host") && i + 1 < w.length) {
            cidr = w[i + 1] + "/32";
            i += 2;
        } else if (w[i].contains("/")) {
            cidr = w[i];
            i++;
        } else if (i + 1 < w.length) {
            Integer len = wildcardLength(w[i + 1]);
            if (len == null) {
                return null;
            }
            cidr = w[i] + "/" + len;
            i += 2;
        } else {
            return null;
        }
        int[] dst = null;
        if (i < w.length && (w[i].equals("eq") || w[i].equals("range"))) {
            dst = ports(w, i);
            i += w[i].equals("eq") ? 2 : 3;
        }
        boolean echoReply = i < w.length && w[i].equals("echo-reply");
        if (echoReply) {
            i++;
        }
        if (i != w.length || (src != null && dst != null) || (echoReply && proto != AclRule.Protocol.ICMP)
                || (src != null && src[0] < 0) || (dst != null && dst[0] < 0)) {
            return null;
        }
        try {
            if (src != null || echoReply) {
                return canonical(new AclRule(AclRule.Direction.INGRESS, proto, src == null ? 0 : src[0], src == null ? 0 : src[1], cidr));
            }
            return canonical(new AclRule(AclRule.Direction.EGRESS, proto, dst == null ? 0 : dst[0], dst == null ? 0 : dst[1], cidr));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The rule as it reads back: its prefix's host bits cleared, and an INGRESS rule that permits
     * the same entry as an EGRESS one made EGRESS.
     *
     * @param r a rule
     * @return its canonical form
     */
    static AclRule canonical(AclRule r) {
        int slash = r.cidr().indexOf('/');
        int len = Integer.parseInt(r.cidr().substring(slash + 1));
        String cidr = dotted(ipv4(r.cidr().substring(0, slash)) & mask(len)) + "/" + len;
        AclRule.Direction dir = r.direction();
        if (dir == AclRule.Direction.INGRESS && r.portMin() == 0 && r.protocol() != AclRule.Protocol.ICMP) {
            dir = AclRule.Direction.EGRESS;
        }
        return new AclRule(dir, r.protocol(), r.portMin(), r.portMax(), cidr);
    }

    /**
     * An ACL with its rules in canonical form.
     *
     * @param acl the ACL
     * @return it as it reads back
     */
    static Acl canonical(Acl acl) {
        List<AclRule> rules = new ArrayList<>();
        acl.rules().forEach(r -> rules.add(canonical(r)));
        return new Acl(acl.name(), rules);
    }

    private static String address(String cidr, boolean wildcard) {
        int slash = cidr.indexOf('/');
        int len = Integer.parseInt(cidr.substring(slash + 1));
        String net = dotted(ipv4(cidr.substring(0, slash)) & mask(len));
        if (len == 0) {
            return "any";
        }
        if (!wildcard) {
            return net + "/" + len;
        }
        return len == 32 ? "host " + net : net + " " + dotted(~mask(len) & 0xFFFF_FFFFL);
    }

    private static int[] ports(String[] w, int i) {
        int n = w[i].equals("range") ? 2 : 1;
        if (i + n >= w.length) {
            return new int[] {-1, -1};
        }
        int a = port(w[i + 1]);
        int b = n == 2 ? port(w[i + 2]) : a;
        return new int[] {a, b};
    }

    private static int port(String s) {
        if (PORT_NAMES.containsKey(s)) {
            return PORT_NAMES.get(s);
        }
        return s.matches("[0-9]{1,5}") ? Integer.parseInt(s) : -1;
    }

    /** The prefix length a wildcard mask stands for, or null when its ones are not all at the end. */
    private static Integer wildcardLength(String wildcard) {
        if (!wildcard.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            return null;
        }
        long wc = ipv4(wildcard);
        int hostBits = Long.numberOfTrailingZeros(~wc);
        return wc == (1L << hostBits) - 1 ? 32 - hostBits : null;
    }

    private static long mask(int len) {
        return len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
    }

    private static long ipv4(String s) {
        long v = 0;
        for (String p : s.split("\\.")) {
            v = (v << 8) | Integer.parseInt(p);
        }
        return v;
    }

    private static String dotted(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
