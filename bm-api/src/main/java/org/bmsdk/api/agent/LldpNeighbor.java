package org.bmsdk.api.agent;

import java.util.Objects;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;

/**
 * What LLDP says is at the far end of one of the node's NICs.
 *
 * @param interfaceName the NIC's name in the ramdisk, such as {@code eth0}
 * @param mac the NIC's MAC address
 * @param link the switch and port it is cabled to
 */
public record LldpNeighbor(String interfaceName, MacAddress mac, LocalLinkConnection link) {

    /** Validates the components. */
    public LldpNeighbor {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(link, "link");
    }
}
