package org.bmsdk.testkit.redfish;

/**
 * How a simulated BMC treats {@code If-Match} on PATCH, as real BMCs differ, so that a driver's
 * fallbacks can be tested.
 */
public enum IfMatchPolicy {
    /** Honoured when sent (weak ETags accepted, 412 on a stale one); not needed. The default. */
    HONOURED,
    /** Required: a PATCH without {@code If-Match} gets 428 Precondition Required. */
    REQUIRED,
    /** Not supported: any {@code If-Match} gets 412 Precondition Failed, as some firmware does. */
    REJECTED
}
