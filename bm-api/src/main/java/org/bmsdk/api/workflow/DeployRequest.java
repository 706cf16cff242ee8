package org.bmsdk.api.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.storage.VolumeConnector;

/**
 * What provisioning does for the node's owner: which tenant networks each port carries, which
 * volumes are exported to the node's initiator, and where it boots. Kept in the store with the
 * workflow's progress, so that a resumed or a later release knows what to undo.
 */
public final class DeployRequest {

    private final List<PortBinding> bindings;
    private final List<String> volumes;
    private final VolumeConnector connector;
    private final BootSource boot;

    private DeployRequest(Builder b) {
        this.bindings = List.copyOf(b.bindings);
        this.volumes = List.copyOf(b.volumes);
        this.connector = b.connector;
        this.boot = Objects.requireNonNull(b.boot, "boot");
        if (!volumes.isEmpty() && connector == null) {
            throw new IllegalArgumentException("volumes " + volumes + " need the node's initiator: set connector(...)");
        }
        if (boot.kind() == BootSource.Kind.VOLUME && volumes.isEmpty()) {
            throw new IllegalArgumentException("boot from volume needs at least one volume");
        }
    }

    /** @return a builder, booting by PXE unless told otherwise */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the ports' tenant networks; empty leaves the node's ports idle */
    public List<PortBinding> bindings() {
        return bindings;
    }

    /** @return the ids of the volumes to export to the node, the boot volume first */
    public List<String> volumes() {
        return volumes;
    }

    /** @return the node's initiator, empty when no volume is attached */
    public Optional<VolumeConnector> connector() {
        return Optional.ofNullable(connector);
    }

    /** @return where the node boots */
    public BootSource boot() {
        return boot;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeployRequest r && bindings.equals(r.bindings) && volumes.equals(r.volumes)
                && Objects.equals(connector, r.connector) && boot.equals(r.boot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindings, volumes, connector, boot);
    }

    @Override
    public String toString() {
        return "DeployRequest[bindings=" + bindings + ", volumes=" + volumes + ", connector=" + connector + ", boot=" + boot + "]";
    }

    /** Builds a {@link DeployRequest}. */
    public static final class Builder {
        private final List<PortBinding> bindings = new ArrayList<>();
        private final List<String> volumes = new ArrayList<>();
        private VolumeConnector connector;
        private BootSource boot = BootSource.pxe();

        private Builder() {
        }

        /**
         * Puts one port on tenant networks.
         *
         * @param binding the port and its networks
         * @return this builder
         */
        public Builder binding(PortBinding binding) {
            bindings.add(Objects.requireNonNull(binding, "binding"));
            return this;
        }

        /**
         * Exports a volume to the node; the first one added is the boot volume.
         *
         * @param volumeId the volume
         * @return this builder
         */
        public Builder volume(String volumeId) {
            volumes.add(Objects.requireNonNull(volumeId, "volumeId"));
            return this;
        }

        /**
         * Sets the node's initiator, needed with volumes.
         *
         * @param initiator the node's IQN or WWPN
         * @return this builder
         */
        public Builder connector(VolumeConnector initiator) {
            this.connector = initiator;
            return this;
        }

        /**
         * Sets where the node boots; PXE unless set.
         *
         * @param source the boot source
         * @return this builder
         */
        public Builder boot(BootSource source) {
            this.boot = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException when volumes lack a connector, or volume boot lacks a volume
         */
        public DeployRequest build() {
            return new DeployRequest(this);
        }
    }
}
