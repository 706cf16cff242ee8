package org.bmsdk.api;

import java.util.Objects;

/**
 * Where an error happened: the device it concerns, the driver that talked to it and the operation
 * that failed. Every {@link BareMetalException} carries one, so that a log line or an alarm names
 * the machine and the step without parsing the message.
 *
 * <p>{@code endpoint} is a display form of the device address (for example {@code
 * redfish://10.0.0.5:443} or {@code ssh://tor-1:22}); it never contains credentials.
 *
 * @param endpoint the device address, or {@code ""} when none applies
 * @param driverId the driver id (such as {@code redfish}, {@code ipmi}, {@code cisco_ios}), or {@code ""}
 * @param operation what was being done (such as {@code power.on}), or {@code ""}
 */
public record ErrorContext(String endpoint, String driverId, String operation) {

    /** A context that names nothing, for errors raised before any device is involved. */
    public static final ErrorContext NONE = new ErrorContext("", "", "");

    /** Validates that no component is null. */
    public ErrorContext {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(driverId, "driverId");
        Objects.requireNonNull(operation, "operation");
    }

    /**
     * Creates a context.
     *
     * @param endpoint the device address, without credentials
     * @param driverId the driver id
     * @param operation the operation
     * @return the context
     */
    public static ErrorContext of(String endpoint, String driverId, String operation) {
        return new ErrorContext(endpoint, driverId, operation);
    }

    /**
     * Returns a copy naming another operation on the same device.
     *
     * @param newOperation the operation
     * @return the new context
     */
    public ErrorContext withOperation(String newOperation) {
        return new ErrorContext(endpoint, driverId, newOperation);
    }

    /** True when no component is set. */
    boolean isEmpty() {
        return endpoint.isEmpty() && driverId.isEmpty() && operation.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        append(sb, driverId);
        append(sb, endpoint);
        append(sb, operation);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (!part.isEmpty()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(part);
        }
    }
}
