package org.bmsdk.network.internal;

import java.util.Locale;
import org.bmsdk.api.network.AclRule;

/**
 * A security-group rule as the match fields of a rule in a structured ACL: a Junos filter term, a
 * Cumulus NVUE ACL rule, a SONiC ACL_RULE. It says the same as {@link AclLines} does for an extended
 * IP ACL entry, with the ACL bound inbound on the node's port: an EGRESS rule matches the protocol,
 * the destination prefix and destination ports; an INGRESS rule lets the node answer, from its
 * source ports (ICMP: with an echo reply), to the prefix. The dialects write what is left to the
 * implicit deny of a Cisco ACL (ARP through, the rest of IPv4 dropped) as rules of their own, which
 * {@link #of} does not cover and which their parsers skip.
 *
 * @param protocol {@code tcp}, {@code udp}, {@code icmp}, or null for any protocol
 * @param destination the destination prefix, such as {@code 10.0.0.0/8}
 * @param sourcePorts the source ports, {@code 22} or {@code 8000-8100}, or null for any
 * @param destinationPorts the destination ports, in the same form, or null for any
 * @param echoReply whether only ICMP echo replies match
 */
record AclMatch(String protocol, String destination, String sourcePorts, String destinationPorts, boolean echoReply) {

    /**
     * The fields of a rule.
     *
     * @param rule the rule
     * @return its fields, from its canonical form
     */
    static AclMatch of(AclRule rule) {
        AclRule r = AclLines.canonical(rule);
        String proto = r.protocol() == AclRule.Protocol.ANY ? null : r.protocol().name().toLowerCase(Locale.ROOT);
        String ports = r.portMin() == 0 ? null : r.portMin() == r.portMax() ? Integer.toString(r.portMin())
                : r.portMin() + "-" + r.portMax();
        boolean ingress = r.direction() == AclRule.Direction.INGRESS;
        return new AclMatch(proto, r.cidr(), ingress ? ports : null, ingress ? null : ports,
                ingress && r.protocol() == AclRule.Protocol.ICMP);
    }

    /**
     * The rule these fields were written for.
     *
     * @return the rule in canonical form, or null when the fields are not of the form {@link #of} writes
     */
    AclRule rule() {
        AclRule.Protocol p;
        if (protocol == null) {
            p = AclRule.Protocol.ANY;
        } else {
            p = switch (protocol.toLowerCase(Locale.ROOT)) {
                case "tcp", "6" -> AclRule.Protocol.TCP;
                case "udp", "17" -> AclRule.Protocol.UDP;
                case "icmp", "1" -> AclRule.Protocol.ICMP;
                default -> null;
            };
        }
        if (p == null || (sourcePorts != null && destinationPorts != null) || (echoReply && p != AclRule.Protocol.ICMP)) {
            return null;
        }
        int[] ports = ports(sourcePorts != null ? sourcePorts : destinationPorts);
        if (ports == null) {
            return null;
        }
        boolean ingress = sourcePorts != null || echoReply;
        try {
            return AclLines.canonical(new AclRule(ingress ? AclRule.Direction.INGRESS : AclRule.Direction.EGRESS, p, ports[0],
                    ports[1], destination == null ? "0.0.0.0/0" : destination));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code {0, 0}} for none, {@code {a, b}} for {@code a} or {@code a-b} (or {@code a:b}), null when malformed. */
    private static int[] ports(String text) {
        if (text == null) {
            return new int[] {0, 0};
        }
        String[] ab = text.split("[-:]", -1);
        if (ab.length > 2 || !ab[0].matches("[0-9]{1,5}") || !ab[ab.length - 1].matches("[0-9]{1,5}")) {
            return null;
        }
        return new int[] {Integer.parseInt(ab[0]), Integer.parseInt(ab[ab.length - 1])};
    }
}
