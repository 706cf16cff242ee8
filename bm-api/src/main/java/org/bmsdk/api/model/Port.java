package org.bmsdk.api.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A network port of a node: its MAC, where it is plugged in (once inspection or an operator has
 * said so), and whether the node boots from the network through it.
 *
 * @param mac the NIC's address
 * @param link the switch and port it is plugged into, or null while unknown
 * @param pxeEnabled whether the node network-boots through this port
 */
public record Port(MacAddress mac, LocalLinkConnection link, boolean pxeEnabled) {

    /** Validates the components. */
    public Port {
        Objects.requireNonNull(mac, "mac");
    }

    /**
     * A port with no known link.
     *
     * @param mac the address
     * @return the port
     */
    public static Port of(MacAddress mac) {
        return new Port(mac, null, true);
    }

    /**
     * A port plugged into a known switch port.
     *
     * @param mac the address
     * @param link where it is plugged in
     * @return the port
     */
    public static Port of(MacAddress mac, LocalLinkConnection link) {
        return new Port(mac, link, true);
    }

    /**
     * Where the port is plugged in.
     *
     * @return the link, empty while unknown
     */
    public Optional<LocalLinkConnection> linkIfKnown() {
        return Optional.ofNullable(link);
    }
}
