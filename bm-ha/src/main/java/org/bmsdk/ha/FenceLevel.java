package org.bmsdk.ha;

import org.bmsdk.api.ha.FenceResult;
import org.bmsdk.api.model.Node;

/**
 * One way of fencing a node, confirmed by reading the device back. A {@link FenceLadder} tries
 * levels in order. A level returns only when its fence is verified and throws otherwise (a
 * {@link org.bmsdk.api.FencingException} or any {@link org.bmsdk.api.BareMetalException}); it must
 * be idempotent, since a resumed failover fences again.
 */
public interface FenceLevel {

    /** @return a short name for events and alarms, such as {@code bmc-power-off} */
    String name();

    /**
     * Fences a node and verifies it.
     *
     * @param node the node
     * @return what was done and verified
     */
    FenceResult fence(Node node);

    /** @return true when this level needs the node's BMC, so it goes last when the BMC is known to be silent */
    default boolean usesBmc() {
        return false;
    }
}
