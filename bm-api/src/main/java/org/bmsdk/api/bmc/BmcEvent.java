package org.bmsdk.api.bmc;

import java.time.Instant;
import java.util.Objects;

/**
 * One event a BMC pushed: a sensor crossing a threshold, a component failing, a power change.
 *
 * @param id the BMC's id for the event, or {@code ""}
 * @param timestamp when it happened by the BMC's clock, or when it arrived when the BMC did not say
 * @param severity how bad it is
 * @param messageId the message id, such as {@code ResourceEvent.1.0.ResourceErrorsDetected}, or {@code ""}
 * @param message what happened, readable, or {@code ""}
 * @param origin the resource it concerns, such as {@code /redfish/v1/Chassis/1/Power}, or {@code ""}
 * @param context the subscription's context: which machine spoke
 */
public record BmcEvent(String id, Instant timestamp, HealthStatus severity, String messageId, String message, String origin,
        String context) {

    /** Validates the components. */
    public BmcEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(context, "context");
    }
}
