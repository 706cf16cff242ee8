package org.bmsdk.api;

/**
 * The device could not be reached or the connection broke: refused, reset, timed out while
 * connecting, TLS handshake failed for a reason other than trust. May succeed if tried again.
 */
public class TransportException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     * @param cause the underlying error, or null
     */
    public TransportException(String message, ErrorContext context, Throwable cause) {
        super(message, context, true, cause);
    }

    /**
     * Creates the error with no cause.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     */
    public TransportException(String message, ErrorContext context) {
        this(message, context, null);
    }

    /**
     * Creates the error, naming no device.
     *
     * @param message what went wrong, never a secret
     */
    public TransportException(String message) {
        this(message, ErrorContext.NONE, null);
    }
}
