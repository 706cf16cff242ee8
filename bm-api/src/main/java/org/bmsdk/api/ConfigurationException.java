package org.bmsdk.api;

/**
 * Bad input or settings given by the caller: a malformed endpoint, an unknown driver, an invalid
 * value. Trying again with the same input fails again.
 */
public class ConfigurationException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     * @param cause the underlying error, or null
     */
    public ConfigurationException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    /**
     * Creates the error with no cause.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     */
    public ConfigurationException(String message, ErrorContext context) {
        this(message, context, null);
    }

    /**
     * Creates the error, naming no device.
     *
     * @param message what went wrong, never a secret
     */
    public ConfigurationException(String message) {
        this(message, ErrorContext.NONE, null);
    }
}
