package org.bmsdk.api.storage;

import java.util.List;

/**
 * A block storage backend that exports volumes to nodes (an iSCSI target host, a storage array).
 *
 * <p>Implementations must: export a volume only to the connector it is attached for (an ACL on
 * the initiator name) with CHAP credentials; refuse to attach a volume already attached elsewhere
 * unless it was created shareable ({@link org.bmsdk.api.ConflictException}); be idempotent (an
 * attach of an already attached pair returns the same target, a detach of a detached pair does
 * nothing); and never lose data on a failed call.
 */
public interface BlockStorage extends AutoCloseable {

    /**
     * Creates a volume.
     *
     * @param spec name, size, shareable
     * @return the volume
     */
    Volume create(VolumeSpec spec);

    /**
     * Deletes a volume that is attached nowhere.
     *
     * @param volumeId the volume
     * @throws org.bmsdk.api.ConflictException when it is still attached
     */
    void delete(String volumeId);

    /**
     * Exports a volume to a node.
     *
     * @param volumeId the volume
     * @param connector the node's initiator
     * @return where the node finds it
     */
    VolumeTarget attach(String volumeId, VolumeConnector connector);

    /**
     * Stops exporting a volume to a node.
     *
     * @param volumeId the volume
     * @param connector the node's initiator
     */
    void detach(String volumeId, VolumeConnector connector);

    /**
     * Lists the volumes.
     *
     * @return every volume, by id
     */
    List<Volume> list();

    /** Ends the connection to the backend. */
    @Override
    void close();
}
