package org.bmsdk.testkit.redfish.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import org.bmsdk.api.ConfigurationException;

/** Parses the IPv4 loopback addresses (127.x.y.z) that simulators may bind, and nothing else. */
public final class Loopback {

    private Loopback() {
    }

    /**
     * Parses a dotted-quad literal without any name lookup.
     *
     * @param literal such as {@code 127.0.3.7}
     * @return the address
     * @throws ConfigurationException when it is not an IPv4 loopback address
     */
    public static InetAddress parse(String literal) {
        Objects.requireNonNull(literal, "address");
        String[] parts = literal.split("\\.", -1);
        byte[] octets = new byte[4];
        boolean ok = parts.length == 4 && parts[0].equals("127");
        for (int i = 0; ok && i < 4; i++) {
            ok = parts[i].matches("\\d{1,3}") && Integer.parseInt(parts[i]) <= 255;
            octets[i] = ok ? (byte) Integer.parseInt(parts[i]) : 0;
        }
        if (!ok) {
            throw new ConfigurationException("address must be an IPv4 loopback address 127.x.y.z, but was '"
                    + literal + "'");
        }
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are an IPv4 address", e);
        }
    }
}
