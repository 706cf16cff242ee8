package org.bmsdk.api;

import java.time.Clock;
import java.util.Objects;
import org.bmsdk.api.credentials.CredentialResolver;
import org.bmsdk.api.event.EventListener;

/**
 * What the library hands every driver it creates: the clock (injected so that tests of timeouts
 * never sleep), where events go, and how credential references are resolved.
 */
public final class DriverContext {

    private final Clock clock;
    private final EventListener listener;
    private final CredentialResolver credentials;

    private DriverContext(Builder b) {
        this.clock = b.clock;
        this.listener = b.listener;
        this.credentials = b.credentials;
    }

    /**
     * The defaults: the system clock, no listener, the standard credential resolver.
     *
     * @return the context
     */
    public static DriverContext defaults() {
        return builder().build();
    }

    /**
     * Starts a context from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the clock drivers read time from */
    public Clock clock() {
        return clock;
    }

    /** @return where drivers report what they do */
    public EventListener listener() {
        return listener;
    }

    /** @return how drivers resolve credential references */
    public CredentialResolver credentials() {
        return credentials;
    }

    /** Builds a {@link DriverContext}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private EventListener listener = EventListener.NONE;
        private CredentialResolver credentials = CredentialResolver.standard();

        private Builder() {
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the event listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(EventListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets the credential resolver.
         *
         * @param resolver the resolver
         * @return this builder
         */
        public Builder credentials(CredentialResolver resolver) {
            this.credentials = Objects.requireNonNull(resolver, "credentials");
            return this;
        }

        /**
         * Builds the context.
         *
         * @return the context
         */
        public DriverContext build() {
            return new DriverContext(this);
        }
    }
}
