package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsdk.api.network.AclRule;

/**
 * The entries of an extended IP access list as the simulated switches check, keep and read them:
 * {@code permit|deny PROTOCOL SOURCE [PORTS] DESTINATION [PORTS] [ICMP-TYPE] [established] [log]}.
 * An address is {@code any}, {@code host A}, and then {@code A WILDCARD} on IOS (which has no
 * prefix notation) or {@code A/LEN} on EOS and NX-OS. Ports are {@code eq P}, {@code range A B},
 * {@code gt P} or {@code lt P}, by number or by a few well-known names.
 *
 * <p>How bm-sdk's drivers render security-group rules (see {@link #rule}) is read back from the
 * entries: the switch port ACL is bound inbound and filters what the node sends; an EGRESS rule is
 * {@code permit P any CIDR [eq PORT]}; an INGRESS rule lets the node answer from its own port,
 * {@code permit P any eq PORT CIDR} ({@code permit icmp any CIDR echo-reply} for ICMP).
 */
final class AclEntries {

    private static final Map<String, Integer> PORT_NAMES = Map.of("ftp", 21, "ssh", 22, "telnet", 23, "smtp", 25,
            "domain", 53, "www", 80, "bgp", 179, "https", 443, "ntp", 123, "snmp", 161);
    private static final List<String> ICMP_TYPES = List.of("echo", "echo-reply", "unreachable", "time-exceeded",
            "packet-too-big", "redirect");

    private AclEntries() {
    }

    /**
     * Checks an entry.
     *
     * @param w the words, starting at {@code permit} or {@code deny}
     * @param wildcard whether addresses are written with wildcard masks (IOS) rather than prefixes
     * @return -1 when valid, else the index of the first word that is not
     */
    static int check(List<String> w, boolean wildcard) {
        int i = 0;
        if (w.isEmpty() || !(w.get(0).equals("permit") || w.get(0).equals("deny"))) {
            return 0;
        }
        i++;
        if (i >= w.size()) {
            return i;
        }
        String proto = w.get(i).toLowerCase(Locale.ROOT);
        if (!List.of("ip", "tcp", "udp", "icmp").contains(proto)) {
            return i;
        }
        boolean ports = proto.equals("tcp") || proto.equals("udp");
        i++;
        for (int side = 0; side < 2; side++) {
            int next = address(w, i, wildcard);
            if (next < 0) {
                return -next - 1;
            }
            i = next;
            if (ports && i < w.size() && List.of("eq", "gt", "lt", "range").contains(w.get(i))) {
                next = ports(w, i);
                if (next < 0) {
                    return -next - 1;
                }
                i = next;
            }
        }
        if (proto.equals("icmp") && i < w.size() && ICMP_TYPES.contains(w.get(i))) {
            i++;
        }
        if (proto.equals("tcp") && i < w.size() && w.get(i).equals("established")) {
            i++;
        }
        if (i < w.size() && w.get(i).equals("log")) {
            i++;
        }
        return i < w.size() ? i : -1;
    }

    /** The index after an address at {@code i}, or {@code -(bad index) - 1}. */
    private static int address(List<String> w, int i, boolean wildcard) {
        if (i >= w.size()) {
            return -i - 1;
        }
        String a = w.get(i);
        if (a.equals("any")) {
            return i + 1;
        }
        if (a.equals("host")) {
            return i + 1 < w.size() && ipv4(w.get(i + 1)) != null ? i + 2 : -(i + 1) - 1;
        }
        if (wildcard) {
            if (ipv4(a) == null) {
                return -i - 1;
            }
            return i + 1 < w.size() && ipv4(w.get(i + 1)) != null ? i + 2 : -(i + 1) - 1;
        }
        int slash = a.indexOf('/');
        if (slash < 0 || ipv4(a.substring(0, slash)) == null || !a.substring(slash + 1).matches("[0-9]{1,2}")
                || Integer.parseInt(a.substring(slash + 1)) > 32) {
            return -i - 1;
        }
        return i + 1;
    }

    private static int ports(List<String> w, int i) {
        int n = w.get(i).equals("range") ? 2 : 1;
        for (int k = 1; k <= n; k++) {
            if (i + k >= w.size() || port(w.get(i + k)) == null) {
                return -(i + k) - 1;
            }
        }
        return i + n + 1;
    }

    private static Integer port(String s) {
        if (PORT_NAMES.containsKey(s)) {
            return PORT_NAMES.get(s);
        }
        if (!s.matches("[0-9]{1,5}")) {
            return null;
        }
        int p = Integer.parseInt(s);
        return p <= 65535 ? p : null;
    }

    /** An IPv4 address as an int, or null. */
    static Long ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return null;
            }
            v = (v << 8) | Integer.parseInt(p);
        }
        return v;
    }

    /**
     * The entry a driver writes for a security-group rule (used to print a configuration given in
     * bm-api's terms).
     *
     * @param r the rule
     * @param wildcard IOS's address form
     * @return the words of the entry
     */
    static List<String> render(AclRule r, boolean wildcard) {
        List<String> w = new ArrayList<>();
        w.add("permit");
        w.add(r.protocol() == AclRule.Protocol.ANY ? "ip" : r.protocol().name().toLowerCase(Locale.ROOT));
        w.add("any");
        boolean ingress = r.direction() == AclRule.Direction.INGRESS;
        if (ingress) {
            w.addAll(portWords(r));
        }
        w.addAll(addressWords(r.cidr(), wildcard));
        if (!ingress) {
            w.addAll(portWords(r));
        }
        if (ingress && r.protocol() == AclRule.Protocol.ICMP) {
            w.add("echo-reply");
        }
        return w;
    }

    private static List<String> portWords(AclRule r) {
        if (r.portMin() == 0) {
            return List.of();
        }
        return r.portMin() == r.portMax() ? List.of("eq", Integer.toString(r.portMin()))
                : List.of("range", Integer.toString(r.portMin()), Integer.toString(r.portMax()));
    }

    private static List<String> addressWords(String cidr, boolean wildcard) {
        int slash = cidr.indexOf('/');
        int len = Integer.parseInt(cidr.substring(slash + 1));
        long mask = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
        String net = dotted(ipv4(cidr.substring(0, slash)) & mask);
        if (len == 0) {
            return List.of("any");
        }
        if (len == 32 && wildcard) {
            return List.of("host", net);
        }
        return wildcard ? List.of(net, dotted(~mask & 0xFFFF_FFFFL)) : List.of(net + "/" + len);
    }

    private static String dotted(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    /**
     * Reads an entry back as a security-group rule, when it has the form the drivers write.
     *
     * @param w a valid entry's words, in either address form
     * @return the rule, or null for any other entry (a deny, a source other than {@code any}, ...)
     */
    static AclRule rule(List<String> w) {
        if (!w.get(0).equals("permit")) {
            return null;
        }
        String proto = w.get(1);
        AclRule.Protocol p = proto.equals("ip") ? AclRule.Protocol.ANY : AclRule.Protocol.valueOf(proto.toUpperCase(Locale.ROOT));
        if (!w.get(2).equals("any")) {
            return null;
        }
        int i = 3;
        int[] srcPorts = null;
        if (i < w.size() && (w.get(i).equals("eq") || w.get(i).equals("range"))) {
            srcPorts = portRange(w, i);
            i += w.get(i).equals("eq") ? 2 : 3;
        }
        String cidr;
        if (w.get(i).equals("any")) {
            cidr = "0.0.0.0/0";
            i++;
        } else if (w.get(i).equals("host")) {
            cidr = w.get(i + 1) + "/32";
            i += 2;
        } else if (!w.get(i).contains("/")) {
            long wc = ipv4(w.get(i + 1));
            int len = Long.bitCount(~wc & 0xFFFF_FFFFL);
            if (((~wc & 0xFFFF_FFFFL) | ((1L << (32 - len)) - 1)) != 0xFFFF_FFFFL) {
                return null; // a wildcard that is no prefix
            }
            cidr = w.get(i) + "/" + len;
            i += 2;
        } else {
            cidr = w.get(i);
            i++;
        }
        int[] dstPorts = null;
        if (i < w.size() && (w.get(i).equals("eq") || w.get(i).equals("range"))) {
            dstPorts = portRange(w, i);
            i += w.get(i).equals("eq") ? 2 : 3;
        }
        boolean echoReply = i < w.size() && w.get(i).equals("echo-reply");
        if (echoReply) {
            i++;
        }
        if (i != w.size() || (srcPorts != null && dstPorts != null)) {
            return null;
        }
        try {
            String normal = String.join("", addressWords(cidr, false));
            normal = normal.equals("any") ? "0.0.0.0/0" : normal;
            if (srcPorts != null) {
                return new AclRule(AclRule.Direction.INGRESS, p, srcPorts[0], srcPorts[1], normal);
            }
            if (echoReply && p == AclRule.Protocol.ICMP) {
                return new AclRule(AclRule.Direction.INGRESS, p, 0, 0, normal);
            }
            if (echoReply) {
                return null;
            }
            return new AclRule(AclRule.Direction.EGRESS, p, dstPorts == null ? 0 : dstPorts[0], dstPorts == null ? 0 : dstPorts[1],
                    normal);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int[] portRange(List<String> w, int i) {
        int a = port(w.get(i + 1));
        int b = w.get(i).equals("range") ? port(w.get(i + 2)) : a;
        return new int[] {a, b};
    }
}
