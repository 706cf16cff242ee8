package org.bmsdk.api;

import java.util.Objects;

/**
 * The root of every error that bm-sdk throws. Unchecked, like the errors of JDBI and the AWS SDK,
 * because a caller can rarely do more at each call site than let it travel up to where a node's
 * workflow decides what to do.
 *
 * <p>Each error names where it happened ({@link #context()}) and says whether trying again may help
 * ({@link #isRetryable()}). Messages name the device, the operation and the state, never a secret.
 * Exceptions of the transport libraries (HttpClient, SSHJ, JDBC) are always wrapped in one of the
 * subclasses, so callers never depend on those libraries.
 */
public class BareMetalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorContext context;
    private final boolean retryable;

    /**
     * Creates an error.
     *
     * @param message what went wrong, naming the state; never a secret
     * @param context where it happened
     * @param retryable whether trying again may succeed
     * @param cause the underlying error, or null
     */
    public BareMetalException(String message, ErrorContext context, boolean retryable, Throwable cause) {
        super(message, cause);
        this.context = Objects.requireNonNull(context, "context");
        this.retryable = retryable;
    }

    /**
     * Creates an error that names no device and is not retryable.
     *
     * @param message what went wrong
     */
    public BareMetalException(String message) {
        this(message, ErrorContext.NONE, false, null);
    }

    /**
     * Where the error happened.
     *
     * @return the context, {@link ErrorContext#NONE} when none applies
     */
    public ErrorContext context() {
        return context;
    }

    /**
     * Whether the same call may succeed if tried again (a busy device, a lost connection), as
     * opposed to an error that will repeat (bad credentials, an unsupported feature).
     *
     * @return true when a retry may help
     */
    public boolean isRetryable() {
        return retryable;
    }

    /** The message prefixed by the context, for example {@code [ipmi 10.0.0.5:623 power.on] ...}. */
    @Override
    public String getMessage() {
        String message = super.getMessage();
        if (context == null || context.isEmpty()) {
            return message;
        }
        return "[" + context + "] " + message;
    }
}
