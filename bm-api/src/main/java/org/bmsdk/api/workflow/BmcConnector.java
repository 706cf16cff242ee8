package org.bmsdk.api.workflow;

import java.util.Objects;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.model.Node;

/** Opens a connection to a node's BMC; the workflows open one per step and close it after. */
@FunctionalInterface
public interface BmcConnector {

    /**
     * Connects to a node's BMC.
     *
     * @param node the node
     * @return the client, which the caller closes
     * @throws ConfigurationException when the node has no BMC endpoint
     */
    BmcClient connect(Node node);

    /**
     * Connects through a registry to the node's first BMC endpoint, and to the next ones in turn
     * while an endpoint cannot be reached (a Redfish endpoint with IPMI as fallback).
     *
     * @param registry chooses the driver of each endpoint
     * @param context clock, listener and credential resolver for the drivers
     * @return the connector
     */
    static BmcConnector of(BmcDriverRegistry registry, DriverContext context) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(context, "context");
        return node -> {
            if (node.bmcEndpoints().isEmpty()) {
                throw new ConfigurationException("node " + node.id() + " has no BMC endpoint");
            }
            TransportException last = null;
            for (BmcEndpoint endpoint : node.bmcEndpoints()) {
                try {
                    return registry.connect(endpoint, context);
                } catch (TransportException e) {
                    last = e;
                }
            }
            throw last;
        };
    }
}
