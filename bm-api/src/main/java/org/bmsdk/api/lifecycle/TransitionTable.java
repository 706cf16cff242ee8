package org.bmsdk.api.lifecycle;

import static org.bmsdk.api.lifecycle.LifecycleEvent.ABORT;
import static org.bmsdk.api.lifecycle.LifecycleEvent.CLEAN;
import static org.bmsdk.api.lifecycle.LifecycleEvent.DELETE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.DEPLOY;
import static org.bmsdk.api.lifecycle.LifecycleEvent.DONE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.FAIL;
import static org.bmsdk.api.lifecycle.LifecycleEvent.INSPECT;
import static org.bmsdk.api.lifecycle.LifecycleEvent.MANAGE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.PROVIDE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.RESCUE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.UNRESCUE;
import static org.bmsdk.api.lifecycle.ProvisionState.ACTIVE;
import static org.bmsdk.api.lifecycle.ProvisionState.AVAILABLE;
import static org.bmsdk.api.lifecycle.ProvisionState.CLEANING;
import static org.bmsdk.api.lifecycle.ProvisionState.CLEAN_FAILED;
import static org.bmsdk.api.lifecycle.ProvisionState.DELETING;
import static org.bmsdk.api.lifecycle.ProvisionState.DEPLOYING;
import static org.bmsdk.api.lifecycle.ProvisionState.DEPLOY_FAILED;
import static org.bmsdk.api.lifecycle.ProvisionState.ENROLL;
import static org.bmsdk.api.lifecycle.ProvisionState.ERROR;
import static org.bmsdk.api.lifecycle.ProvisionState.INSPECTING;
import static org.bmsdk.api.lifecycle.ProvisionState.INSPECT_FAILED;
import static org.bmsdk.api.lifecycle.ProvisionState.MANAGEABLE;
import static org.bmsdk.api.lifecycle.ProvisionState.RESCUE_FAILED;
import static org.bmsdk.api.lifecycle.ProvisionState.RESCUING;
import static org.bmsdk.api.lifecycle.ProvisionState.UNRESCUING;
import static org.bmsdk.api.lifecycle.ProvisionState.VERIFYING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.ConfigurationException;

/**
 * The lifecycle's transitions as data: a list of {@link TransitionRule rows}, so that the table can
 * be printed, checked and, in tests, altered, and a {@link NodeLifecycle} built over the result.
 * Immutable and thread-safe. {@link #standard()} is the table bm-sdk uses.
 */
public final class TransitionTable {

    private static final TransitionTable STANDARD = buildStandard();

    private final List<TransitionRule> rules;

    private TransitionTable(List<TransitionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The standard table, a compact subset of OpenStack Ironic's provision state machine. A row
     * marked {@code [->X]} applies only while the node's target is X; {@code S->X} in the last column
     * is a step in progress S leading to X.
     *
     * <table class="striped">
     * <caption>Standard transitions</caption>
     * <thead><tr><th scope="col">from</th><th scope="col">event</th><th scope="col">to</th></tr></thead>
     * <tbody>
     * <tr><td>ENROLL</td><td>MANAGE</td><td>VERIFYING-&gt;MANAGEABLE</td></tr>
     * <tr><td>VERIFYING</td><td>DONE</td><td>MANAGEABLE</td></tr>
     * <tr><td>VERIFYING</td><td>FAIL</td><td>ENROLL</td></tr>
     * <tr><td>MANAGEABLE</td><td>INSPECT</td><td>INSPECTING-&gt;MANAGEABLE</td></tr>
     * <tr><td>MANAGEABLE</td><td>PROVIDE</td><td>CLEANING-&gt;AVAILABLE (automated cleaning)</td></tr>
     * <tr><td>MANAGEABLE</td><td>CLEAN</td><td>CLEANING-&gt;MANAGEABLE (manual cleaning)</td></tr>
     * <tr><td>INSPECTING</td><td>DONE</td><td>MANAGEABLE</td></tr>
     * <tr><td>INSPECTING</td><td>FAIL, ABORT</td><td>INSPECT_FAILED</td></tr>
     * <tr><td>INSPECT_FAILED</td><td>INSPECT</td><td>INSPECTING-&gt;MANAGEABLE</td></tr>
     * <tr><td>INSPECT_FAILED</td><td>MANAGE</td><td>MANAGEABLE</td></tr>
     * <tr><td>CLEANING[-&gt;AVAILABLE]</td><td>DONE</td><td>AVAILABLE (the only way in)</td></tr>
     * <tr><td>CLEANING[-&gt;MANAGEABLE]</td><td>DONE</td><td>MANAGEABLE</td></tr>
     * <tr><td>CLEANING</td><td>FAIL, ABORT</td><td>CLEAN_FAILED</td></tr>
     * <tr><td>CLEAN_FAILED</td><td>MANAGE</td><td>MANAGEABLE</td></tr>
     * <tr><td>AVAILABLE</td><td>DEPLOY</td><td>DEPLOYING-&gt;ACTIVE</td></tr>
     * <tr><td>AVAILABLE</td><td>MANAGE</td><td>MANAGEABLE</td></tr>
     * <tr><td>DEPLOYING</td><td>DONE</td><td>ACTIVE</td></tr>
     * <tr><td>DEPLOYING</td><td>FAIL, ABORT</td><td>DEPLOY_FAILED</td></tr>
     * <tr><td>DEPLOY_FAILED</td><td>DEPLOY</td><td>DEPLOYING-&gt;ACTIVE</td></tr>
     * <tr><td>DEPLOY_FAILED</td><td>DELETE</td><td>DELETING-&gt;AVAILABLE</td></tr>
     * <tr><td>ACTIVE</td><td>DELETE</td><td>DELETING-&gt;AVAILABLE</td></tr>
     * <tr><td>ACTIVE</td><td>RESCUE</td><td>RESCUING-&gt;RESCUE</td></tr>
     * <tr><td>DELETING</td><td>DONE</td><td>CLEANING-&gt;AVAILABLE (always: a released node is cleaned)</td></tr>
     * <tr><td>DELETING</td><td>FAIL</td><td>ERROR</td></tr>
     * <tr><td>ERROR</td><td>DELETE</td><td>DELETING-&gt;AVAILABLE</td></tr>
     * <tr><td>RESCUING</td><td>DONE</td><td>RESCUE</td></tr>
     * <tr><td>RESCUING</td><td>FAIL, ABORT</td><td>RESCUE_FAILED</td></tr>
     * <tr><td>RESCUE, RESCUE_FAILED</td><td>RESCUE</td><td>RESCUING-&gt;RESCUE</td></tr>
     * <tr><td>RESCUE, RESCUE_FAILED</td><td>UNRESCUE</td><td>UNRESCUING-&gt;ACTIVE</td></tr>
     * <tr><td>RESCUE, RESCUE_FAILED</td><td>DELETE</td><td>DELETING-&gt;AVAILABLE</td></tr>
     * <tr><td>UNRESCUING</td><td>DONE</td><td>ACTIVE</td></tr>
     * <tr><td>UNRESCUING</td><td>FAIL</td><td>RESCUE_FAILED</td></tr>
     * </tbody>
     * </table>
     *
     * <p>Departures from Ironic, to stay compact: no wait states (a step in progress stands for its
     * wait too, so ABORT applies to the step); no adopt, rebuild or service verbs; a failed unrescue
     * lands in RESCUE_FAILED, whose ways out are those of Ironic's "unrescue failed"; and DELETING
     * targets AVAILABLE, as Ironic's does, because its DONE always leads to automated cleaning.
     *
     * @return the standard table
     */
    public static TransitionTable standard() {
        return STANDARD;
    }

    // The state RESCUE is spelled ProvisionState.RESCUE: its name clashes with the event RESCUE.
    private static TransitionTable buildStandard() {
        Builder b = builder()
                .add(ENROLL, MANAGE, VERIFYING, MANAGEABLE)
                .add(VERIFYING, DONE, MANAGEABLE)
                .add(VERIFYING, FAIL, ENROLL)
                .add(MANAGEABLE, INSPECT, INSPECTING, MANAGEABLE)
                .add(MANAGEABLE, PROVIDE, CLEANING, AVAILABLE)
                .add(MANAGEABLE, CLEAN, CLEANING, MANAGEABLE)
                .add(INSPECTING, DONE, MANAGEABLE)
                .add(INSPECTING, FAIL, INSPECT_FAILED)
                .add(INSPECTING, ABORT, INSPECT_FAILED)
                .add(INSPECT_FAILED, INSPECT, INSPECTING, MANAGEABLE)
                .add(INSPECT_FAILED, MANAGE, MANAGEABLE)
                .add(TransitionRule.of(CLEANING, DONE, AVAILABLE).onlyWhenTarget(AVAILABLE))
                .add(TransitionRule.of(CLEANING, DONE, MANAGEABLE).onlyWhenTarget(MANAGEABLE))
                .add(CLEANING, FAIL, CLEAN_FAILED)
                .add(CLEANING, ABORT, CLEAN_FAILED)
                .add(CLEAN_FAILED, MANAGE, MANAGEABLE)
                .add(AVAILABLE, DEPLOY, DEPLOYING, ACTIVE)
                .add(AVAILABLE, MANAGE, MANAGEABLE)
                .add(DEPLOYING, DONE, ACTIVE)
                .add(DEPLOYING, FAIL, DEPLOY_FAILED)
                .add(DEPLOYING, ABORT, DEPLOY_FAILED)
                .add(DEPLOY_FAILED, DEPLOY, DEPLOYING, ACTIVE)
                .add(DEPLOY_FAILED, DELETE, DELETING, AVAILABLE)
                .add(ACTIVE, DELETE, DELETING, AVAILABLE)
                .add(ACTIVE, RESCUE, RESCUING, ProvisionState.RESCUE)
                .add(DELETING, DONE, CLEANING, AVAILABLE)
                .add(DELETING, FAIL, ERROR)
                .add(ERROR, DELETE, DELETING, AVAILABLE)
                .add(RESCUING, DONE, ProvisionState.RESCUE)
                .add(RESCUING, FAIL, RESCUE_FAILED)
                .add(RESCUING, ABORT, RESCUE_FAILED)
                .add(UNRESCUING, DONE, ACTIVE)
                .add(UNRESCUING, FAIL, RESCUE_FAILED);
        for (ProvisionState rescued : List.of(ProvisionState.RESCUE, RESCUE_FAILED)) {
            b.add(rescued, RESCUE, RESCUING, ProvisionState.RESCUE)
                    .add(rescued, UNRESCUE, UNRESCUING, ACTIVE)
                    .add(rescued, DELETE, DELETING, AVAILABLE);
        }
        return b.build();
    }

    /**
     * An empty table to fill.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder(List.of());
    }

    /**
     * A builder holding this table's rows, to derive a changed table.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(rules);
    }

    /**
     * Every row, in the order they were added.
     *
     * @return the rows, unmodifiable
     */
    public List<TransitionRule> rules() {
        return rules;
    }

    /**
     * The row an event takes from a state, maintenance aside.
     *
     * @param current the node's state
     * @param event the event
     * @return the row, or empty when there is none
     */
    public Optional<TransitionRule> find(LifecycleState current, LifecycleEvent event) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(event, "event");
        // A linear scan: the table has a few dozen rows, and this keeps rows the only data.
        for (TransitionRule r : rules) {
            if (r.appliesTo(current, event)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The events that have a row from a state, maintenance aside.
     *
     * @param current the node's state
     * @return the events, in declaration order, unmodifiable
     */
    public Set<LifecycleEvent> events(LifecycleState current) {
        Set<LifecycleEvent> events = EnumSet.noneOf(LifecycleEvent.class);
        for (TransitionRule r : rules) {
            if (r.appliesTo(current, r.event())) {
                events.add(r.event());
            }
        }
        return Collections.unmodifiableSet(events);
    }

    /** Lists the rows, one a line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (TransitionRule r : rules) {
            sb.append(r).append('\n');
        }
        return sb.toString();
    }

    /** Collects rows; {@link #build()} rejects two rows that could apply to the same node and event. */
    public static final class Builder {

        private final List<TransitionRule> rules;

        private Builder(List<TransitionRule> initial) {
            this.rules = new ArrayList<>(initial);
        }

        /**
         * Adds a row.
         *
         * @param rule the row
         * @return this builder
         */
        public Builder add(TransitionRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Adds a row into a resting state.
         *
         * @param from the state the row applies in
         * @param event the event
         * @param to a resting state
         * @return this builder
         */
        public Builder add(ProvisionState from, LifecycleEvent event, ProvisionState to) {
            return add(TransitionRule.of(from, event, to));
        }

        /**
         * Adds a row into a step in progress.
         *
         * @param from the state the row applies in
         * @param event the event
         * @param to the state the node moves to
         * @param target the resting state that step leads to
         * @return this builder
         */
        public Builder add(ProvisionState from, LifecycleEvent event, ProvisionState to, ProvisionState target) {
            return add(TransitionRule.of(from, event, to, target));
        }

        /**
         * Removes every row for an event in a state, whatever its target condition.
         *
         * @param from the state
         * @param event the event
         * @return this builder
         */
        public Builder remove(ProvisionState from, LifecycleEvent event) {
            rules.removeIf(r -> r.from() == from && r.event() == event);
            return this;
        }

        /**
         * Builds the table.
         *
         * @return the table
         * @throws ConfigurationException if two rows could apply to the same node and event, since
         *     the machine must be deterministic
         */
        public TransitionTable build() {
            for (int i = 0; i < rules.size(); i++) {
                for (int j = i + 1; j < rules.size(); j++) {
                    if (overlap(rules.get(i), rules.get(j))) {
                        throw new ConfigurationException("transition table has two rows for the same state and event: "
                                + rules.get(i) + " and " + rules.get(j));
                    }
                }
            }
            return new TransitionTable(rules);
        }

        private static boolean overlap(TransitionRule a, TransitionRule b) {
            if (a.from() != b.from() || a.event() != b.event()) {
                return false;
            }
            return a.whenTarget().isEmpty() || b.whenTarget().isEmpty() || a.whenTarget().equals(b.whenTarget());
        }
    }
}
