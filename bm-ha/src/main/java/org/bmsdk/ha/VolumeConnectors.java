package org.bmsdk.ha;

import java.util.Optional;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.storage.VolumeConnector;

/** Where a node's storage initiator name is kept (its iSCSI IQN or FC WWPN): the caller's inventory. */
@FunctionalInterface
public interface VolumeConnectors {

    /**
     * The initiator a node logs in to block storage with.
     *
     * @param node the node
     * @return its connector, empty for a node that uses no external volumes
     */
    Optional<VolumeConnector> connector(Node node);
}
