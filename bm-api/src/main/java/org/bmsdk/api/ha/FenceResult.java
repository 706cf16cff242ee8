package org.bmsdk.api.ha;

import java.util.Objects;

/**
 * How a node was fenced.
 *
 * @param method what was done
 * @param detail what was verified, readable
 */
public record FenceResult(Method method, String detail) {

    /** Ways of fencing. */
    public enum Method {
        /** Powered off through its BMC, and the off state read back. */
        POWER_OFF,
        /** Its switch ports shut down, and the shut state read back. */
        PORTS_SHUT,
        /**
         * Its volume exports revoked, and the backend's list read back without it. Never enough on
         * its own (the node may still reach the tenant's networks): done after one of the others.
         */
        EXPORTS_REVOKED
    }

    /** Validates the components. */
    public FenceResult {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(detail, "detail");
    }
}
