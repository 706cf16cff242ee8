package org.bmsdk.api.lifecycle;

/**
 * Hears each transition a {@link NodeLifecycle} accepts, for audit logs, metrics and persisting the
 * new state. Called synchronously, in registration order, after the transition is decided and before
 * {@link NodeLifecycle#fire(LifecycleState, LifecycleEvent)} returns.
 *
 * <p>Implementations must be thread-safe: one machine serves every node. What a listener throws is
 * logged and swallowed, so one faulty listener neither hides the transition from the caller nor from
 * the listeners after it.
 */
@FunctionalInterface
public interface TransitionListener {

    /**
     * A transition was accepted.
     *
     * @param transition where the node came from, the event and where it is now
     */
    void onTransition(Transition transition);
}
