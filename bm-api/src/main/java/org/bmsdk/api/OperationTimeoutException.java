package org.bmsdk.api;

/**
 * An operation did not finish in the time allowed: a power state not reached, a task still
 * running, a command with no answer. The device may still finish it later.
 */
public class OperationTimeoutException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     * @param cause the underlying error, or null
     */
    public OperationTimeoutException(String message, ErrorContext context, Throwable cause) {
        super(message, context, true, cause);
    }

    /**
     * Creates the error with no cause.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     */
    public OperationTimeoutException(String message, ErrorContext context) {
        this(message, context, null);
    }

    /**
     * Creates the error, naming no device.
     *
     * @param message what went wrong, never a secret
     */
    public OperationTimeoutException(String message) {
        this(message, ErrorContext.NONE, null);
    }
}
