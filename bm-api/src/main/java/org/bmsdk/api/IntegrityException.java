package org.bmsdk.api;

/**
 * Data failed verification: a backup chunk whose hash does not match, a record that does not
 * decode, a manifest that names a missing chunk.
 */
public class IntegrityException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     * @param cause the underlying error, or null
     */
    public IntegrityException(String message, ErrorContext context, Throwable cause) {
        super(message, context, false, cause);
    }

    /**
     * Creates the error with no cause.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     */
    public IntegrityException(String message, ErrorContext context) {
        this(message, context, null);
    }

    /**
     * Creates the error, naming no device.
     *
     * @param message what went wrong, never a secret
     */
    public IntegrityException(String message) {
        this(message, ErrorContext.NONE, null);
    }
}
