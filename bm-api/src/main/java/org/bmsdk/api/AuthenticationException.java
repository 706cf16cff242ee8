package org.bmsdk.api;

/**
 * The device refused our credentials or we refused its identity (an untrusted certificate, an
 * unknown or changed SSH host key). Not retryable: the same credentials fail again.
 */
public class AuthenticationException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     * @param cause the underlying error, or null
     */
    public AuthenticationException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    /**
     * Creates the error with no cause.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     */
    public AuthenticationException(String message, ErrorContext context) {
        this(message, context, null);
    }

    /**
     * Creates the error, naming no device.
     *
     * @param message what went wrong, never a secret
     */
    public AuthenticationException(String message) {
        this(message, ErrorContext.NONE, null);
    }
}
