package org.bmsdk.api.lifecycle;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;

/**
 * An event that the node's present state does not accept: there is no such transition, the node is
 * in maintenance, or a {@link Guard} refused. The message names the state, the event, the reason
 * and the events the state does accept.
 *
 * <p>A {@link ConflictException} rather than a {@code ConfigurationException}: the request is well
 * formed and merely clashes with the node's present state, which the caller most often read before
 * another controller or the node's own workflow moved it on. Re-reading the state and deciding again
 * may help, which is ConflictException's contract; a ConfigurationException would say the same call
 * fails for ever, which stops being true once the node moves on or leaves maintenance.
 */
public class IllegalTransitionException extends ConflictException {

    private static final long serialVersionUID = 1L;

    /** Why an event was refused. */
    public enum Reason {
        /** The table has no row for the event in this state. */
        NO_TRANSITION,
        /** The row would start work, and the node is in maintenance. */
        IN_MAINTENANCE,
        /** A guard refused the transition. */
        REFUSED_BY_GUARD
    }

    private final transient LifecycleState state;
    private final LifecycleEvent event;
    private final Reason reason;
    private final transient Set<LifecycleEvent> allowedEvents;

    /**
     * Creates the error.
     *
     * @param state the node's state, which is unchanged
     * @param event the refused event
     * @param reason why it was refused
     * @param detail what refused it, in words (a guard's reason); never a secret
     * @param allowedEvents the events the state accepts
     */
    public IllegalTransitionException(LifecycleState state, LifecycleEvent event, Reason reason, String detail,
            Set<LifecycleEvent> allowedEvents) {
        super(message(state, event, detail, allowedEvents),
                ErrorContext.of("", "", "lifecycle." + event.name().toLowerCase(Locale.ROOT)));
        this.state = state;
        this.event = event;
        this.reason = Objects.requireNonNull(reason, "reason");
        this.allowedEvents = allowedEvents.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(allowedEvents));
    }

    private static String message(LifecycleState state, LifecycleEvent event, String detail,
            Set<LifecycleEvent> allowed) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(allowed, "allowedEvents");
        return "cannot " + event + " a node in " + state + ": " + detail + "; allowed in " + state + ": "
                + (allowed.isEmpty() ? "none" : allowed.toString());
    }

    /** @return the node's state, which the refusal left unchanged */
    public LifecycleState state() {
        return state;
    }

    /** @return the refused event */
    public LifecycleEvent event() {
        return event;
    }

    /** @return why it was refused */
    public Reason reason() {
        return reason;
    }

    /** @return the events the state accepts (guards aside), in declaration order */
    public Set<LifecycleEvent> allowedEvents() {
        return allowedEvents;
    }
}
