package org.bmsdk.api;

/**
 * The device accepted a change but reading it back shows it did not take effect (a boot override
 * answered with 200 OK that changed nothing is the classic case).
 */
public class NotAppliedException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     * @param cause the underlying error, or null
     */
    public NotAppliedException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    /**
     * Creates the error with no cause.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     */
    public NotAppliedException(String message, ErrorContext context) {
        this(message, context, null);
    }

    /**
     * Creates the error, naming no device.
     *
     * @param message what went wrong, never a secret
     */
    public NotAppliedException(String message) {
        this(message, ErrorContext.NONE, null);
    }
}
