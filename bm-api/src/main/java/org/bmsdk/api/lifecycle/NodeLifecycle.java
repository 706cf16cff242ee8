package org.bmsdk.api.lifecycle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.lifecycle.IllegalTransitionException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node lifecycle state machine: given a node's {@link LifecycleState} and an event, it says
 * where the node goes, or refuses with an {@link IllegalTransitionException}. It holds no node state
 * of its own (callers keep the state, typically in a store, and pass it in), so one immutable machine
 * serves every node from any thread.
 *
 * <p>{@link #fire} decides in this order: the {@link TransitionTable} row for the state, its target
 * and the event; then maintenance; then the guards. Then it tells the listeners and returns.
 *
 * <p><b>Maintenance.</b> A node in maintenance refuses every row that {@link TransitionRule#startsWork()
 * starts work}, that is, leaves a resting state for a step in progress (MANAGE from ENROLL, INSPECT,
 * PROVIDE, CLEAN, DEPLOY, DELETE, RESCUE, UNRESCUE), because maintenance means "hands off the
 * hardware". It still accepts DONE, FAIL and ABORT, because work already under way has to end
 * somewhere, including DELETING's DONE into automated cleaning, which keeps a released node from
 * waiting uncleaned. It also accepts MANAGE from a failure state or AVAILABLE into MANAGEABLE, which
 * moves only the record: as in Ironic, an operator settles a failed node while it is in maintenance.
 * Unlike Ironic, DELETE is refused too, because releasing powers the node off and moves its ports.
 *
 * <p><b>Safety.</b> {@link Builder#build()} rejects a table with any row into AVAILABLE other than
 * CLEANING's DONE while heading for AVAILABLE, so no table this machine runs can offer a node that
 * was not just cleaned, whatever it came from.
 */
public final class NodeLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycle.class);

    private static final NodeLifecycle STANDARD = builder().build();

    private final TransitionTable table;
    private final List<Guard> guards;
    private final List<TransitionListener> listeners;
    private final boolean safetyChecked;

    private NodeLifecycle(Builder b) {
        this.table = b.table;
        this.guards = List.copyOf(b.guards);
        this.listeners = List.copyOf(b.listeners);
        this.safetyChecked = b.safetyChecked;
        if (safetyChecked) {
            requireCleaningBeforeAvailable(table);
        }
    }

    /**
     * A machine over {@link TransitionTable#standard()}, with no guards and no listeners.
     *
     * @return the machine
     */
    public static NodeLifecycle create() {
        return STANDARD;
    }

    /**
     * A builder starting from the standard table, with no guards and no listeners.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this machine's table, guards and listeners, to add to them.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.table = table;
        b.guards.addAll(guards);
        b.listeners.addAll(listeners);
        b.safetyChecked = safetyChecked;
        return b;
    }

    /** @return the table this machine runs */
    public TransitionTable table() {
        return table;
    }

    /**
     * Moves a node by one event.
     *
     * @param current the node's state
     * @param event what happened
     * @return the node's next state; {@code current} is unchanged, being a value
     * @throws IllegalTransitionException if the state does not accept the event, naming the events it does
     */
    public LifecycleState fire(LifecycleState current, LifecycleEvent event) {
        return fire(current, event, null);
    }

    /**
     * Moves a node by one event, with one more guard for this call only, for checks on the node's
     * own data such as "has a BMC endpoint"; it runs after the machine's guards.
     *
     * @param current the node's state
     * @param event what happened
     * @param callGuard a guard for this call, or null for none
     * @return the node's next state
     * @throws IllegalTransitionException if the state does not accept the event, or a guard refuses
     */
    public LifecycleState fire(LifecycleState current, LifecycleEvent event, Guard callGuard) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(event, "event");
        Optional<TransitionRule> rule = table.find(current, event);
        if (rule.isEmpty()) {
            throw refuse(current, event, Reason.NO_TRANSITION, "no such transition");
        }
        if (current.maintenance() && rule.get().startsWork()) {
            throw refuse(current, event, Reason.IN_MAINTENANCE,
                    "the node is in maintenance and " + event + " would start work");
        }
        Transition proposed = new Transition(current, event, rule.get().next(current));
        for (Guard guard : guards) {
            check(guard, proposed);
        }
        if (callGuard != null) {
            check(callGuard, proposed);
        }
        notifyListeners(proposed);
        return proposed.to();
    }

    /**
     * The events a state accepts: those with a row, less those that maintenance blocks. Guards are
     * not consulted, since their answer may depend on the call.
     *
     * @param current the node's state
     * @return the events, in declaration order, unmodifiable
     */
    public Set<LifecycleEvent> allowedEvents(LifecycleState current) {
        Objects.requireNonNull(current, "current");
        Set<LifecycleEvent> allowed = EnumSet.noneOf(LifecycleEvent.class);
        for (LifecycleEvent event : table.events(current)) {
            TransitionRule rule = table.find(current, event).orElseThrow();
            if (!(current.maintenance() && rule.startsWork())) {
                allowed.add(event);
            }
        }
        return Collections.unmodifiableSet(allowed);
    }

    private void check(Guard guard, Transition proposed) {
        Optional<String> refusal = guard.check(proposed);
        if (refusal.isPresent()) {
            throw refuse(proposed.from(), proposed.event(), Reason.REFUSED_BY_GUARD, refusal.get());
        }
    }

    private IllegalTransitionException refuse(LifecycleState current, LifecycleEvent event, Reason reason,
            String detail) {
        return new IllegalTransitionException(current, event, reason, detail, allowedEvents(current));
    }

    private void notifyListeners(Transition transition) {
        for (TransitionListener listener : listeners) {
            try {
                listener.onTransition(transition);
            } catch (RuntimeException e) {
                // The transition is decided and the caller must learn it, or it would redo the
                // work; so a faulty listener is logged, and the others still hear of it.
                LOG.warn("transition listener {} failed on {}; carrying on", listener, transition, e);
            }
        }
    }

    private static void requireCleaningBeforeAvailable(TransitionTable table) {
        for (TransitionRule rule : table.rules()) {
            boolean intoAvailable = rule.to() == ProvisionState.AVAILABLE;
            boolean finishesCleaningForAvailable = rule.from() == ProvisionState.CLEANING
                    && rule.event() == LifecycleEvent.DONE
                    && rule.whenTarget().equals(Optional.of(ProvisionState.AVAILABLE));
            if (intoAvailable && !finishesCleaningForAvailable) {
                throw new ConfigurationException("transition table lets a node reach AVAILABLE without cleaning: "
                        + rule + "; the only row into AVAILABLE must be CLEANING[->AVAILABLE] --DONE--> AVAILABLE");
            }
        }
    }

    /** Configures a {@link NodeLifecycle}. */
    public static final class Builder {

        private TransitionTable table = TransitionTable.standard();
        private final List<Guard> guards = new ArrayList<>();
        private final List<TransitionListener> listeners = new ArrayList<>();
        private boolean safetyChecked = true;

        private Builder() {
        }

        /**
         * Sets the table to run; the standard one unless set.
         *
         * @param transitions the table
         * @return this builder
         */
        public Builder table(TransitionTable transitions) {
            this.table = Objects.requireNonNull(transitions, "transitions");
            return this;
        }

        /**
         * Adds a guard that every transition must pass, after those added before.
         *
         * @param guard the guard
         * @return this builder
         */
        public Builder guard(Guard guard) {
            guards.add(Objects.requireNonNull(guard, "guard"));
            return this;
        }

        /**
         * Adds a listener, called after those added before.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(TransitionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Lets tests build a machine over an unsafe table, to show that the lifecycle properties
         * catch what the build-time check would; package-private so that no user can.
         */
        Builder skipSafetyCheckForTests() {
            this.safetyChecked = false;
            return this;
        }

        /**
         * Builds the machine.
         *
         * @return the machine
         * @throws ConfigurationException if the table has a row into AVAILABLE other than CLEANING's
         *     DONE while heading for AVAILABLE
         */
        public NodeLifecycle build() {
            return new NodeLifecycle(this);
        }
    }
}
