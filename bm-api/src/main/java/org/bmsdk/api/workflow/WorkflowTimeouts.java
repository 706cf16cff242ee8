package org.bmsdk.api.workflow;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the workflows wait on devices.
 *
 * @param power a power action reaching its state
 * @param agent the service ramdisk's agent answering after a boot
 * @param erase erasing (and reading back) every disk
 * @param gracefulShutdown the tenant's system shutting down before release forces it off
 */
public record WorkflowTimeouts(Duration power, Duration agent, Duration erase, Duration gracefulShutdown) {

    /** Validates that every timeout is positive. */
    public WorkflowTimeouts {
        positive(power, "power");
        positive(agent, "agent");
        positive(erase, "erase");
        positive(gracefulShutdown, "gracefulShutdown");
    }

    /** @return 5 min for power, 10 min for the agent, 6 h for erasing, 2 min for a graceful shutdown */
    public static WorkflowTimeouts defaults() {
        return new WorkflowTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofMinutes(2));
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive, but was " + d);
        }
    }
}
