package org.bmsdk.testkit.machine;

import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;

/**
 * One NIC of a simulated machine and, if cabled, the switch port at the other end of its cable.
 *
 * @param name the device's name for it, such as {@code NIC.Slot.1-1}
 * @param mac its hardware address
 * @param speedMbps link speed in Mb/s (25000 for 25G), not negative
 * @param linkType Ethernet or InfiniBand
 * @param rdmaCapable whether it does RDMA (RoCE on Ethernet)
 * @param cabledTo the switch port it is cabled to, or empty when it is not cabled
 */
public record NicSpec(String name, MacAddress mac, long speedMbps, LinkType linkType, boolean rdmaCapable,
        Optional<LocalLinkConnection> cabledTo) {

    /** Validates the components. */
    public NicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(linkType, "linkType");
        Objects.requireNonNull(cabledTo, "cabledTo");
        if (name.isBlank()) {
            throw new IllegalArgumentException("NIC name must not be blank");
        }
        if (speedMbps < 0) {
            throw new IllegalArgumentException("speedMbps must not be negative, but was " + speedMbps);
        }
    }

    /**
     * An uncabled Ethernet NIC without RDMA.
     *
     * @param name the device's name for it
     * @param mac its hardware address
     * @param speedMbps link speed in Mb/s
     * @return the NIC
     */
    public static NicSpec of(String name, MacAddress mac, long speedMbps) {
        return new NicSpec(name, mac, speedMbps, LinkType.ETHERNET, false, Optional.empty());
    }

    /**
     * A copy of this NIC cabled to a switch port.
     *
     * @param port the switch port
     * @return the copy
     */
    public NicSpec withCable(LocalLinkConnection port) {
        return new NicSpec(name, mac, speedMbps, linkType, rdmaCapable, Optional.of(port));
    }

    /**
     * A copy of this NIC with another link type and RDMA capability.
     *
     * @param newLinkType Ethernet or InfiniBand
     * @param rdma whether it does RDMA
     * @return the copy
     */
    public NicSpec withLink(LinkType newLinkType, boolean rdma) {
        return new NicSpec(name, mac, speedMbps, newLinkType, rdma, cabledTo);
    }

    /**
     * This NIC as inspection reports it.
     *
     * @return the inventory record
     */
    public Nic toNic() {
        return new Nic(name, mac, speedMbps, linkType, rdmaCapable);
    }
}
