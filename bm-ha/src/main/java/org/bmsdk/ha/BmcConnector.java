package org.bmsdk.ha;

import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.model.Node;

/**
 * Opens a client to a node's BMC, usually {@code registry.connect(node.bmcEndpoints().get(0), context)}
 * with the caller's {@link org.bmsdk.api.bmc.BmcDriverRegistry}. bm-ha keeps one client per node
 * and closes it when a call through it fails, so a connector is called again only to reconnect.
 */
@FunctionalInterface
public interface BmcConnector {

    /**
     * Connects to a node's BMC.
     *
     * @param node the node
     * @return a client; the caller closes it
     * @throws org.bmsdk.api.BareMetalException when the BMC cannot be reached
     */
    BmcClient connect(Node node);
}
