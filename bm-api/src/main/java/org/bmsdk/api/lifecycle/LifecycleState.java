package org.bmsdk.api.lifecycle;

import java.util.Objects;

/**
 * The value the lifecycle state machine works on: where the node is, where it is heading, and
 * whether an operator has put it in maintenance.
 *
 * <p>{@code target} plays the part of Ironic's {@code target_provision_state}. A table keyed only by
 * (state, event) cannot tell whether a finished {@link ProvisionState#CLEANING} ends in AVAILABLE
 * (automated cleaning, after PROVIDE or DELETE) or in MANAGEABLE (manual cleaning), so the row that
 * starts a step records where it leads, and the row that ends it may depend on that. A node resting
 * in a state (not {@link ProvisionState#isTransient() transient}) has no other target: its target is
 * its state.
 *
 * <p>Maintenance is kept here, and not in the provision state, because it is orthogonal to it, as in
 * Ironic: an operator can set it in any state, and firing events never changes it.
 *
 * @param state where the node is
 * @param target the resting state the step in progress leads to; equal to {@code state} when resting
 * @param maintenance whether an operator has taken the node out of service
 */
public record LifecycleState(ProvisionState state, ProvisionState target, boolean maintenance) {

    /**
     * Validates that the target is a resting state, and that a resting node targets itself.
     *
     * @param state where the node is
     * @param target the resting state the step in progress leads to; equal to {@code state} when resting
     * @param maintenance whether an operator has taken the node out of service
     */
    public LifecycleState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(target, "target");
        if (target.isTransient()) {
            throw new IllegalArgumentException("target must be a resting state, but was " + target);
        }
        if (!state.isTransient() && target != state) {
            throw new IllegalArgumentException(
                    "a node resting in " + state + " must target " + state + ", but target was " + target);
        }
    }

    /**
     * A node resting in a state, not in maintenance.
     *
     * @param resting a state that is not {@link ProvisionState#isTransient() transient}
     * @return the state
     */
    public static LifecycleState of(ProvisionState resting) {
        Objects.requireNonNull(resting, "resting");
        if (resting.isTransient()) {
            throw new IllegalArgumentException(
                    resting + " is a step in progress; name where it leads with inProgress(state, target)");
        }
        return new LifecycleState(resting, resting, false);
    }

    /**
     * A node in a step in progress that leads to {@code target}, not in maintenance.
     *
     * @param step a {@link ProvisionState#isTransient() transient} state
     * @param target the resting state the step leads to when it is done
     * @return the state
     */
    public static LifecycleState inProgress(ProvisionState step, ProvisionState target) {
        Objects.requireNonNull(step, "step");
        if (!step.isTransient()) {
            throw new IllegalArgumentException(step + " is not a step in progress; use of(state)");
        }
        return new LifecycleState(step, target, false);
    }

    /**
     * The same place in the lifecycle with maintenance set or cleared.
     *
     * @param inMaintenance whether the node is to be in maintenance
     * @return the new state
     */
    public LifecycleState withMaintenance(boolean inMaintenance) {
        return new LifecycleState(state, target, inMaintenance);
    }

    /**
     * Whether a step is in progress.
     *
     * @return true when {@link #state()} is transient
     */
    public boolean isInProgress() {
        return state.isTransient();
    }

    /** Reads as {@code CLEANING->AVAILABLE}, {@code ACTIVE} or {@code ACTIVE (maintenance)}. */
    @Override
    public String toString() {
        String s = state.isTransient() ? state + "->" + target : state.toString();
        return maintenance ? s + " (maintenance)" : s;
    }
}
