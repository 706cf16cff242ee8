package org.bmsdk.api.bmc;

/** The overall health a BMC reports. */
public enum HealthStatus {
    /** Nothing wrong. */
    OK,
    /** Something degraded (a failed fan, a redundant PSU lost). */
    WARNING,
    /** The machine cannot be trusted to run (a CPU or memory fault). */
    CRITICAL,
    /** The BMC did not say. */
    UNKNOWN
}
