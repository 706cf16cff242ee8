package org.bmsdk.api.network;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One security-group rule, rendered to a switch port ACL entry. Security groups are allow-lists:
 * each rule permits traffic, and what no rule permits is dropped.
 *
 * @param direction traffic into the node ({@code INGRESS}) or out of it ({@code EGRESS})
 * @param protocol the IP protocol
 * @param portMin the first port, 0 for any (TCP/UDP only)
 * @param portMax the last port, 0 for any (TCP/UDP only)
 * @param cidr the remote prefix, such as {@code 10.0.0.0/8} or {@code 0.0.0.0/0}
 */
public record AclRule(Direction direction, Protocol protocol, int portMin, int portMax, String cidr) {

    private static final Pattern IPV4_CIDR =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)");

    /** Which way traffic flows, seen from the node. */
    public enum Direction {
        /** Towards the node. */
        INGRESS,
        /** From the node. */
        EGRESS
    }

    /** The IP protocol a rule matches. */
    public enum Protocol {
        /** Any protocol. */
        ANY,
        /** TCP. */
        TCP,
        /** UDP. */
        UDP,
        /** ICMP. */
        ICMP
    }

    /** Validates the components. */
    public AclRule {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(protocol, "protocol");
        if (cidr == null || !IPV4_CIDR.matcher(cidr).matches()) {
            throw new IllegalArgumentException("cidr must be an IPv4 prefix such as 10.0.0.0/8, but was '" + cidr + "'");
        }
        boolean ports = protocol == Protocol.TCP || protocol == Protocol.UDP;
        if (!ports && (portMin != 0 || portMax != 0)) {
            throw new IllegalArgumentException("ports apply to TCP and UDP only, but " + protocol + " had " + portMin + ".." + portMax);
        }
        if (portMin < 0 || portMax > 65535 || portMin > portMax) {
            throw new IllegalArgumentException("ports must be 0 (any) or a range within 1..65535, but were " + portMin + ".." + portMax);
        }
    }

    /**
     * A TCP rule for one port.
     *
     * @param direction the direction
     * @param port the port
     * @param cidr the remote prefix
     * @return the rule
     */
    public static AclRule tcp(Direction direction, int port, String cidr) {
        return new AclRule(direction, Protocol.TCP, port, port, cidr);
    }
}
