package org.bmsdk.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.FencingException;
import org.bmsdk.api.ha.FenceResult;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.storage.BlockStorage;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.api.storage.VolumeConnector;

/**
 * Revokes every volume export to the node's initiator and reads the backend's list back: a node
 * that somehow still runs can no longer write to the volumes its spare is about to use. Never a
 * fence on its own; a {@link FenceLadder} runs it after the node is off or cut off.
 */
public final class VolumeExportFence implements FenceLevel {

    private final BlockStorage storage;
    private final VolumeConnectors connectors;

    private VolumeExportFence(BlockStorage storage, VolumeConnectors connectors) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.connectors = Objects.requireNonNull(connectors, "connectors");
    }

    /**
     * Creates the level.
     *
     * @param storage the backend exporting the volumes
     * @param connectors each node's initiator
     * @return the level
     */
    public static VolumeExportFence create(BlockStorage storage, VolumeConnectors connectors) {
        return new VolumeExportFence(storage, connectors);
    }

    @Override
    public String name() {
        return "volume-exports-revoked";
    }

    @Override
    public FenceResult fence(Node node) {
        Optional<VolumeConnector> connector = connectors.connector(node);
        if (connector.isEmpty()) {
            return new FenceResult(FenceResult.Method.EXPORTS_REVOKED, "no initiator: nothing exported");
        }
        List<String> revoked = new ArrayList<>();
        for (Volume v : storage.list()) {
            if (v.attachedTo().contains(connector.get())) {
                storage.detach(v.id(), connector.get());
                revoked.add(v.id());
            }
        }
        List<String> still = storage.list().stream().filter(v -> v.attachedTo().contains(connector.get())).map(Volume::id).toList();
        if (!still.isEmpty()) {
            throw new FencingException("volumes " + still + " still exported to " + node.id() + " after revoking");
        }
        return new FenceResult(FenceResult.Method.EXPORTS_REVOKED, revoked.isEmpty() ? "nothing exported" : "revoked " + revoked + ", read back");
    }
}
