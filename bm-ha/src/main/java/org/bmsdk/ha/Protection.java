package org.bmsdk.ha;

import java.util.Objects;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.workflow.BootSource;

/**
 * How one node is protected: its failover policy, what a spare must offer, and where the spare
 * boots from.
 *
 * @param policy automatic, ask first or none
 * @param spareRequirements what a spare must match (the failed node's requirements)
 * @param bootSource {@link BootSource#volume()}: the spare boots the same volume; {@link BootSource#disk()}:
 *     the failed node's latest disk snapshot is restored onto the spare's disk, which it boots
 */
public record Protection(FailoverPolicy policy, Requirements spareRequirements, BootSource bootSource) {

    /** Validates the components. */
    public Protection {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(spareRequirements, "spareRequirements");
        Objects.requireNonNull(bootSource, "bootSource");
        if (bootSource.kind() != BootSource.Kind.VOLUME && bootSource.kind() != BootSource.Kind.DISK) {
            throw new IllegalArgumentException("a spare boots from the same volume or from a restored disk snapshot, but bootSource was "
                    + bootSource);
        }
    }

    /**
     * Automatic failover booting from volume.
     *
     * @param spareRequirements what a spare must match
     * @return the protection
     */
    public static Protection automatic(Requirements spareRequirements) {
        return new Protection(FailoverPolicy.AUTOMATIC, spareRequirements, BootSource.volume());
    }

    /** @return no failover, alarms only */
    public static Protection none() {
        return new Protection(FailoverPolicy.NONE, Requirements.none(), BootSource.volume());
    }
}
