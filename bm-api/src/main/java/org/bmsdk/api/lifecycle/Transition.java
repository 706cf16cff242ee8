package org.bmsdk.api.lifecycle;

import java.util.Objects;

/**
 * One move of a node through its lifecycle, as proposed to a {@link Guard} and reported to a
 * {@link TransitionListener}.
 *
 * @param from the state before
 * @param event what moved it
 * @param to the state after
 */
public record Transition(LifecycleState from, LifecycleEvent event, LifecycleState to) {

    /**
     * Validates that no component is null.
     *
     * @param from the state before
     * @param event what moved it
     * @param to the state after
     */
    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(to, "to");
    }

    /** Reads as {@code MANAGEABLE --PROVIDE--> CLEANING->AVAILABLE}. */
    @Override
    public String toString() {
        return from + " --" + event + "--> " + to;
    }
}
