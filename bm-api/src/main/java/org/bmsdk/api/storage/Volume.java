package org.bmsdk.api.storage;

import java.util.Objects;
import java.util.Set;

/**
 * A volume as the storage backend has it.
 *
 * @param id the backend's id
 * @param spec what it was created as
 * @param attachedTo the connectors it is exported to now
 */
public record Volume(String id, VolumeSpec spec, Set<VolumeConnector> attachedTo) {

    /** Validates and copies the components. */
    public Volume {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        attachedTo = Set.copyOf(attachedTo);
    }
}
