package org.bmsdk.api.model;

import java.util.Objects;

/**
 * One network interface.
 *
 * @param name the device's name for it (such as {@code NIC.Slot.1-1} or {@code eth0})
 * @param mac its hardware address
 * @param speedMbps link speed in Mb/s (25000 for 25G), 0 when unknown
 * @param linkType Ethernet or InfiniBand
 * @param rdmaCapable whether it does RDMA over Converged Ethernet (RoCE); always true for InfiniBand
 */
public record Nic(String name, MacAddress mac, long speedMbps, LinkType linkType, boolean rdmaCapable) {

    /** Validates the components. */
    public Nic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(linkType, "linkType");
        if (speedMbps < 0) {
            throw new IllegalArgumentException("speedMbps must not be negative, but was " + speedMbps);
        }
    }

    /**
     * Whether this Ethernet NIC supports RoCE.
     *
     * @return true for an RDMA-capable Ethernet NIC
     */
    public boolean roceCapable() {
        return rdmaCapable && linkType == LinkType.ETHERNET;
    }
}
