package org.bmsdk.api.bmc;

/** The power state of a machine as its BMC reports it. */
public enum PowerState {
    /** Powered on. */
    ON,
    /** Powered off. */
    OFF,
    /** Turning on (Redfish {@code PoweringOn}). */
    POWERING_ON,
    /** Turning off (Redfish {@code PoweringOff}). */
    POWERING_OFF,
    /** The BMC did not say, or said something we do not know. */
    UNKNOWN
}
