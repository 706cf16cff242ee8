package org.bmsdk.api.agent;

import java.time.Duration;
import org.bmsdk.api.model.Node;

/**
 * Opens a connection to a node's ramdisk agent once the node has booted into it. Where the agent
 * listens (an address learned from DHCP, a lab's port map) is the connector's business.
 */
@FunctionalInterface
public interface RamdiskAgentConnector {

    /**
     * Connects, waiting for the ramdisk to come up.
     *
     * @param node the node, booted (or booting) into the service ramdisk
     * @param timeout how long to wait for the agent to answer
     * @return the connection
     * @throws org.bmsdk.api.OperationTimeoutException when the agent did not answer in time
     */
    RamdiskAgent connect(Node node, Duration timeout);
}
