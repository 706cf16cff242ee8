package org.bmsdk.api.ha;

import org.bmsdk.api.FencingException;
import org.bmsdk.api.model.Node;

/**
 * Makes sure a failed node can no longer write to its disks or networks before its spare takes
 * over. Implementations return only once the fence is verified (power off read back, ports read
 * back shut) and throw {@link FencingException} when they cannot verify it: then there is no
 * failover, only an alarm.
 */
@FunctionalInterface
public interface Fencer {

    /**
     * Fences a node.
     *
     * @param node the node
     * @return how it was fenced
     * @throws FencingException when no fence could be verified
     */
    FenceResult fence(Node node);
}
