package org.bmsdk.api;

/**
 * Two writers raced and this one lost (a stale version in a compare-and-set), or the target is
 * held by someone else (a volume attached elsewhere, an id already allocated). Re-read and retry may help.
 */
public class ConflictException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     * @param cause the underlying error, or null
     */
    public ConflictException(String message, ErrorContext context, Throwable cause) {
        super(message, context, true, cause);
    }

    /**
     * Creates the error with no cause.
     *
     * @param message what went wrong, never a secret
     * @param context where it happened
     */
    public ConflictException(String message, ErrorContext context) {
        this(message, context, null);
    }

    /**
     * Creates the error, naming no device.
     *
     * @param message what went wrong, never a secret
     */
    public ConflictException(String message) {
        this(message, ErrorContext.NONE, null);
    }
}
