package org.bmsdk.api.lifecycle;

import java.util.Objects;
import java.util.Optional;

/**
 * One row of a {@link TransitionTable}: in state {@code from}, {@code event} moves the node to
 * {@code to}, heading for {@code target}. A row may apply only when the node's current target is a
 * given state ({@link #onlyWhenTarget}); that is how a finished CLEANING goes to AVAILABLE or to
 * MANAGEABLE depending on what started it.
 *
 * <p>Immutable. A final class rather than a record because the optional condition is not a plain
 * component, and rows may grow (wait states, for instance).
 */
public final class TransitionRule {

    private final ProvisionState from;
    private final ProvisionState whenTarget;
    private final LifecycleEvent event;
    private final ProvisionState to;
    private final ProvisionState target;

    private TransitionRule(ProvisionState from, ProvisionState whenTarget, LifecycleEvent event, ProvisionState to,
            ProvisionState target) {
        this.from = Objects.requireNonNull(from, "from");
        this.whenTarget = whenTarget;
        this.event = Objects.requireNonNull(event, "event");
        this.to = Objects.requireNonNull(to, "to");
        this.target = Objects.requireNonNull(target, "target");
        // The same rules as LifecycleState's, checked here so that a bad row fails when written,
        // not when a node first takes it.
        if (target.isTransient()) {
            throw new IllegalArgumentException("target must be a resting state, but was " + target + " in " + this);
        }
        if (!to.isTransient() && target != to) {
            throw new IllegalArgumentException("a row into resting " + to + " must target " + to + ", but was " + this);
        }
        if (whenTarget != null && (!from.isTransient() || whenTarget.isTransient())) {
            throw new IllegalArgumentException(
                    "only a row from a step in progress can depend on a resting target, but was " + this);
        }
    }

    /**
     * A row into a resting state.
     *
     * @param from the state the row applies in
     * @param event the event
     * @param to a resting state
     * @return the row
     */
    public static TransitionRule of(ProvisionState from, LifecycleEvent event, ProvisionState to) {
        return new TransitionRule(from, null, event, to, to);
    }

    /**
     * A row into a step in progress that leads to {@code target}.
     *
     * @param from the state the row applies in
     * @param event the event
     * @param to the state the node moves to
     * @param target the resting state that step leads to (equal to {@code to} if {@code to} is resting)
     * @return the row
     */
    public static TransitionRule of(ProvisionState from, LifecycleEvent event, ProvisionState to,
            ProvisionState target) {
        return new TransitionRule(from, null, event, to, target);
    }

    /**
     * The same row, applying only while the node's target is {@code required}.
     *
     * @param required the target the node must be heading for
     * @return the new row
     */
    public TransitionRule onlyWhenTarget(ProvisionState required) {
        return new TransitionRule(from, Objects.requireNonNull(required, "required"), event, to, target);
    }

    /** @return the state the row applies in */
    public ProvisionState from() {
        return from;
    }

    /** @return the target the node must have for the row to apply, or empty when any will do */
    public Optional<ProvisionState> whenTarget() {
        return Optional.ofNullable(whenTarget);
    }

    /** @return the event */
    public LifecycleEvent event() {
        return event;
    }

    /** @return the state the node moves to */
    public ProvisionState to() {
        return to;
    }

    /** @return the resting state the node then heads for; {@link #to()} when that is resting */
    public ProvisionState target() {
        return target;
    }

    /**
     * Whether this row applies to a node, maintenance aside.
     *
     * @param current the node's state
     * @param e the event fired
     * @return true when state, target and event match
     */
    public boolean appliesTo(LifecycleState current, LifecycleEvent e) {
        return current.state() == from && e == event && (whenTarget == null || whenTarget == current.target());
    }

    /**
     * Whether taking this row starts work on the hardware: it leaves a resting state for a step in
     * progress. A node in maintenance refuses such rows.
     *
     * @return true for a move from a resting state into a transient one
     */
    public boolean startsWork() {
        return !from.isTransient() && to.isTransient();
    }

    /**
     * Where this row takes a node. Maintenance is carried over unchanged.
     *
     * @param current the node's state, to which the row applies
     * @return the next state
     */
    public LifecycleState next(LifecycleState current) {
        return new LifecycleState(to, target, current.maintenance());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TransitionRule)) {
            return false;
        }
        TransitionRule r = (TransitionRule) o;
        return from == r.from && whenTarget == r.whenTarget && event == r.event && to == r.to && target == r.target;
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, whenTarget, event, to, target);
    }

    /** Reads as {@code CLEANING[->AVAILABLE] --DONE--> AVAILABLE} or {@code ACTIVE --DELETE--> DELETING->AVAILABLE}. */
    @Override
    public String toString() {
        String f = whenTarget == null ? from.toString() : from + "[->" + whenTarget + "]";
        String t = to.isTransient() ? to + "->" + target : to.toString();
        return f + " --" + event + "--> " + t;
    }
}
