package org.bmsdk.api.model;

import java.util.Objects;

/**
 * Where a node's NIC is plugged in, as Ironic records it from LLDP: the switch (its chassis id,
 * usually a MAC, or its name) and the switch port, plus an optional hint naming the switch in the
 * network configuration.
 *
 * @param switchId the switch's chassis id or name, as LLDP reports it
 * @param portId the switch port, as LLDP reports it (such as {@code Ethernet1/3} or {@code xe-0/0/3})
 * @param switchInfo the switch's name in the network configuration, or {@code ""}
 */
public record LocalLinkConnection(String switchId, String portId, String switchInfo) {

    /** Validates the components. */
    public LocalLinkConnection {
        if (switchId == null || switchId.isBlank()) {
            throw new IllegalArgumentException("switchId must not be blank");
        }
        if (portId == null || portId.isBlank()) {
            throw new IllegalArgumentException("portId must not be blank");
        }
        Objects.requireNonNull(switchInfo, "switchInfo");
    }

    /**
     * Creates a connection with no switch info.
     *
     * @param switchId the switch
     * @param portId the port
     * @return the connection
     */
    public static LocalLinkConnection of(String switchId, String portId) {
        return new LocalLinkConnection(switchId, portId, "");
    }
}
