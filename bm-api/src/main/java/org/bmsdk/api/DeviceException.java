package org.bmsdk.api;

import java.util.Objects;

/**
 * The device answered, with an error: a Redfish message id, an IPMI completion code, a switch CLI
 * error line. {@link #deviceCode()} holds that answer as the device gave it, so that callers and
 * vendor-quirk tables can match on it.
 */
public class DeviceException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    private final String deviceCode;

    /**
     * Creates the error.
     *
     * @param message what went wrong, readable, never a secret
     * @param context where it happened
     * @param deviceCode the device's own code or error line, such as {@code Base.1.8.ActionNotSupported},
     *     {@code 0xC1} or {@code % Invalid input detected}
     * @param retryable whether the device said, or is known, to be merely busy
     * @param cause the underlying error, or null
     */
    public DeviceException(String message, ErrorContext context, String deviceCode, boolean retryable, Throwable cause) {
        super(message, context, retryable, cause);
        this.deviceCode = Objects.requireNonNull(deviceCode, "deviceCode");
    }

    /**
     * Creates a non-retryable error with no cause.
     *
     * @param message what went wrong
     * @param context where it happened
     * @param deviceCode the device's own code or error line
     */
    public DeviceException(String message, ErrorContext context, String deviceCode) {
        this(message, context, deviceCode, false, null);
    }

    /**
     * The device's own code or error line.
     *
     * @return the code, as the device gave it
     */
    public String deviceCode() {
        return deviceCode;
    }
}
