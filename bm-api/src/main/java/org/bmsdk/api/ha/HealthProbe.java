package org.bmsdk.api.ha;

import org.bmsdk.api.model.Node;

/**
 * Looks at one node once: a heartbeat from its OS, its BMC's power state and health, its switch
 * ports' link. Implementations must return within their own timeout and report failures of
 * their own path as {@link ProbeResult.Status#UNKNOWN}, never throw for a sick node.
 */
@FunctionalInterface
public interface HealthProbe {

    /**
     * Probes a node.
     *
     * @param node the node
     * @return what was seen
     */
    ProbeResult probe(Node node);
}
