package org.bmsdk.api;

/**
 * A failed node could not be fenced: neither a verified power-off nor shutting its switch ports
 * succeeded. Failover must not proceed; raise an alarm instead.
 */
public class FencingException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     * @param cause the underlying error, or null
     */
    public FencingException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    /**
     * Creates the error with no cause.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     */
    public FencingException(String message, ErrorContext context) {
        this(message, context, null);
    }

    /**
     * Creates the error, naming no device.
     *
     * @param message what went wrong, never a secret
     */
    public FencingException(String message) {
        this(message, ErrorContext.NONE, null);
    }
}
