package org.bmsdk.api.bmc;

/** Health as the BMC sees it: sensors, chassis faults and critical log events. */
public interface Health extends BmcCapability {

    /**
     * Reads the machine's health.
     *
     * @return the report
     */
    HealthReport health();
}
