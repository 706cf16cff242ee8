package org.bmsdk.api.fleet;

import java.util.Objects;
import org.bmsdk.api.BareMetalException;

/**
 * What one node's part of a fleet operation came to: a value or an error.
 *
 * @param <T> the value type
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

    /** @return true for a {@link Success} */
    boolean succeeded();

    /**
     * The operation returned.
     *
     * @param <T> the value type
     * @param value what it returned, may be null for operations that return nothing
     */
    record Success<T>(T value) implements Outcome<T> {
        @Override
        public boolean succeeded() {
            return true;
        }
    }

    /**
     * The operation threw.
     *
     * @param <T> the value type
     * @param error the error, wrapped in a {@link BareMetalException} if it was not one
     */
    record Failure<T>(BareMetalException error) implements Outcome<T> {
        /** Validates the error. */
        public Failure {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public boolean succeeded() {
            return false;
        }
    }
}
