package org.bmsdk.ha;

import java.util.Objects;
import org.bmsdk.api.capability.Requirements;

/**
 * How one node is protected: its failover policy, what a spare must offer, and where the spare
 * boots from.
 *
 * @param policy automatic, ask first or none
 * @param spareRequirements what a spare must match (the failed node's requirements)
 * @param bootSource the same volume, or the latest disk snapshot
 */
public record Protection(FailoverPolicy policy, Requirements spareRequirements, BootSource bootSource) {

    /** Validates the components. */
    public Protection {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(spareRequirements, "spareRequirements");
        Objects.requireNonNull(bootSource, "bootSource");
    }

    /**
     * Automatic failover booting from volume.
     *
     * @param spareRequirements what a spare must match
     * @return the protection
     */
    public static Protection automatic(Requirements spareRequirements) {
        return new Protection(FailoverPolicy.AUTOMATIC, spareRequirements, BootSource.VOLUME);
    }

    /** @return no failover, alarms only */
    public static Protection none() {
        return new Protection(FailoverPolicy.NONE, Requirements.none(), BootSource.VOLUME);
    }
}
