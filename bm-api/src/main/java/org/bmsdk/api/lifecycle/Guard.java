package org.bmsdk.api.lifecycle;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A condition a transition must meet beyond the table, such as "the node has a BMC endpoint" before
 * {@link LifecycleEvent#MANAGE}. Guards are consulted after the table and the maintenance rule allow
 * a transition, in the order they were added; the first refusal wins and the node does not move.
 *
 * <p>Policy that holds for every node is registered once with {@link NodeLifecycle.Builder#guard};
 * a check on one node's data is passed with the call, to
 * {@link NodeLifecycle#fire(LifecycleState, LifecycleEvent, Guard)}, because the machine knows
 * lifecycle states, not nodes. A guard that throws makes {@code fire} throw the same, with nothing
 * changed.
 */
@FunctionalInterface
public interface Guard {

    /**
     * Decides whether a proposed transition may happen.
     *
     * @param proposed the transition the table allows
     * @return empty to allow it, or why it is refused (named in the error, so never a secret)
     */
    Optional<String> check(Transition proposed);

    /**
     * A guard on one event: it refuses that event with {@code reason} unless {@code allowed} holds,
     * and lets every other event through.
     *
     * @param event the event it guards
     * @param allowed the condition the transition must meet
     * @param reason why it is refused, such as {@code "node n1 has no BMC endpoint"}
     * @return the guard
     */
    static Guard forEvent(LifecycleEvent event, Predicate<Transition> allowed, String reason) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(reason, "reason");
        return proposed -> proposed.event() == event && !allowed.test(proposed)
                ? Optional.of(reason)
                : Optional.empty();
    }
}
