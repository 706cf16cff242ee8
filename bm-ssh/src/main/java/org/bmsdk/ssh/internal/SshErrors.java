package org.bmsdk.ssh.internal;

import java.time.Duration;
import java.util.Objects;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.ssh.SshOptions;

/** The pieces every bm-ssh error is made of: its context and readable causes and durations. */
final class SshErrors {

    /** The driver id errors of this module carry. */
    static final String DRIVER_ID = "ssh";

    private SshErrors() {
    }

    static ErrorContext context(SshOptions options, String operation) {
        return ErrorContext.of(options.endpoint(), DRIVER_ID, operation);
    }

    /** The first cause of the given type in the chain, or null. */
    static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /**
     * The innermost cause as "Type: message". SSHJ wraps socket errors several times, and the
     * innermost one says what happened ("Connection reset"). Its messages carry no secrets.
     */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String type = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    /** A duration as people write it in messages: {@code 500 ms}, {@code 10 s}. */
    static String human(Duration d) {
        Objects.requireNonNull(d, "d");
        long ms = d.toMillis();
        if (ms < 1000 || ms % 1000 != 0) {
            return ms + " ms";
        }
        return (ms / 1000) + " s";
    }

    /** Whole milliseconds, at least 1, capped to what socket APIs take. */
    static int millis(Duration d) {
        long ms = Math.max(1, d.toMillis());
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
