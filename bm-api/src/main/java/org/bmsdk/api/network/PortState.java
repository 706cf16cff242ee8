package org.bmsdk.api.network;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration of one switch port (or LAG), as intended or as read back from the switch.
 * Drivers render an intended state to commands and parse the running configuration back into
 * this form, so drift is a plain {@code equals}.
 *
 * @param port the port or LAG name as the switch spells it
 * @param enabled false when shut down
 * @param mode access or trunk
 * @param accessVlan the access VLAN (access mode), or null
 * @param nativeVlan the untagged VLAN (trunk mode), or null
 * @param allowedVlans the tagged VLANs (trunk mode), empty in access mode
 * @param lag the LAG this port is a member of, or null
 * @param acl the name of the ACL bound to it, or null
 */
public record PortState(String port, boolean enabled, Mode mode, VlanId accessVlan, VlanId nativeVlan, Set<VlanId> allowedVlans,
        String lag, String acl) {

    /** How the port carries VLANs. */
    public enum Mode {
        /** One untagged VLAN. */
        ACCESS,
        /** Tagged VLANs, and optionally a native one. */
        TRUNK
    }

    /** Validates the components and copies the VLAN set, sorted. */
    public PortState {
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("port must not be blank");
        }
        Objects.requireNonNull(mode, "mode");
        allowedVlans = Set.copyOf(new TreeSet<>(allowedVlans));
        if (mode == Mode.ACCESS && (!allowedVlans.isEmpty() || nativeVlan != null)) {
            throw new IllegalArgumentException("an access port has no trunk VLANs, but " + port + " had native " + nativeVlan
                    + " and allowed " + allowedVlans);
        }
    }

    /**
     * An enabled access port.
     *
     * @param port the port
     * @param vlan its VLAN
     * @return the state
     */
    public static PortState access(String port, VlanId vlan) {
        return new PortState(port, true, Mode.ACCESS, vlan, null, Set.of(), null, null);
    }

    /**
     * The access VLAN.
     *
     * @return the VLAN, empty when none
     */
    public Optional<VlanId> accessVlanIfSet() {
        return Optional.ofNullable(accessVlan);
    }
}
