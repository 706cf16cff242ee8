package org.bmsdk.api.bmc;

import java.util.List;
import java.util.Objects;

/**
 * The machine's health and the faults behind it.
 *
 * @param status the overall status
 * @param faults what the BMC reports as wrong, readable, empty when OK
 */
public record HealthReport(HealthStatus status, List<String> faults) {

    /** Validates and copies the components. */
    public HealthReport {
        Objects.requireNonNull(status, "status");
        faults = List.copyOf(faults);
    }
}
