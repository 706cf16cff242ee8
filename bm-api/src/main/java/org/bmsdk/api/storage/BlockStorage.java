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
     * Creates a volume, its id being the spec's name. Creating it again with the same spec returns
     * it (a retry after a lost answer is safe).
     *
     * @param spec name, size, shareable
     * @return the volume
     * @throws org.bmsdk.api.ConflictException when a volume of that name exists with another spec
     */
    Volume create(VolumeSpec spec);

    /**
     * Deletes a volume that is attached nowhere, and its data. Deleting a volume that does not
     * exist does nothing.
     *
     * @param volumeId the volume
     * @throws org.bmsdk.api.ConflictException when it is still attached
     */
    void delete(String volumeId);

    /**
     * Exports a volume to a node. Attaching it again to the same node changes nothing and returns
     * the same target.
     *
     * @param volumeId the volume
     * @param connector the node's initiator
     * @return where the node finds it, with the credentials it logs in with
     * @throws org.bmsdk.api.ConflictException when it is attached to another node and not shareable
     * @throws org.bmsdk.api.ConfigurationException when there is no such volume
     * @throws org.bmsdk.api.UnsupportedCapabilityException when the backend does not serve the
     *     connector's transport
     */
    VolumeTarget attach(String volumeId, VolumeConnector connector);

    /**
     * Stops exporting a volume to a node; nothing to do when it is not exported to it. A node still
     * logged in loses the volume.
     *
     * @param volumeId the volume
     * @param connector the node's initiator
     */
    void detach(String volumeId, VolumeConnector connector);

    /**
     * Lists the volumes.
     *
     * @return every volume, sorted by id, with the nodes it is exported to now
     */
    List<Volume> list();

    /** Ends the connection to the backend. */
    @Override
    void close();
}
