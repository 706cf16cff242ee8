package org.bmsdk.api.lifecycle;

import static org.bmsdk.api.lifecycle.LifecycleEvent.ABORT;
import static org.bmsdk.api.lifecycle.LifecycleEvent.DONE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.FAIL;
import static org.bmsdk.api.lifecycle.LifecycleEvent.MANAGE;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The lifecycle's properties as plain checks that throw {@link AssertionError}. They take the
 * machine (and, where it matters, the expected table) as parameters, so that the jqwik properties
 * run them on the real machine and {@code BrokenTablesTest} shows each one failing on a broken one.
 */
final class LifecycleChecks {

    /** Events that always start work on the hardware; MANAGE does too unless it only settles a record. */
    static final Set<LifecycleEvent> WORK = EnumSet.complementOf(EnumSet.of(MANAGE, DONE, FAIL, ABORT));

    private LifecycleChecks() {
    }

    /** Every valid lifecycle state: each resting state, each step with each target, in and out of maintenance. */
    static List<LifecycleState> allStates() {
        List<LifecycleState> all = new ArrayList<>();
        for (ProvisionState p : ProvisionState.values()) {
            for (ProvisionState target : ProvisionState.values()) {
                if (!target.isTransient() && (p.isTransient() || target == p)) {
                    all.add(new LifecycleState(p, target, false));
                    all.add(new LifecycleState(p, target, true));
                }
            }
        }
        return all;
    }

    /** Every event sequence of length 0 to {@code maxLength}, handed to {@code check} one by one. */
    static void forAllSequences(int maxLength, Consumer<List<LifecycleEvent>> check) {
        List<List<LifecycleEvent>> level = List.of(List.of());
        for (int n = 0; n <= maxLength; n++) {
            List<List<LifecycleEvent>> next = new ArrayList<>();
            for (List<LifecycleEvent> seq : level) {
                check.accept(seq);
                for (LifecycleEvent e : n < maxLength ? LifecycleEvent.values() : new LifecycleEvent[0]) {
                    List<LifecycleEvent> longer = new ArrayList<>(seq);
                    longer.add(e);
                    next.add(longer);
                }
            }
            level = next;
        }
    }

    /**
     * No illegal transition is accepted: {@code fire} returns exactly what the expected table's row
     * says (maintenance carried over), or throws the typed error naming the state, the event and the
     * events the expected table allows there.
     */
    static void firesOnlyAlongRows(NodeLifecycle machine, TransitionTable expected, LifecycleState s, LifecycleEvent e) {
        Optional<TransitionRule> row = expected.find(s, e);
        boolean blocked = row.isPresent() && s.maintenance() && row.get().startsWork();
        LifecycleState result;
        try {
            result = machine.fire(s, e);
        } catch (IllegalTransitionException refused) {
            if (row.isPresent() && !blocked) {
                throw new AssertionError(s + " --" + e + "--> refused, but the table has " + row.get(), refused);
            }
            if (!refused.state().equals(s) || refused.event() != e) {
                throw new AssertionError("error names " + refused.state() + "/" + refused.event() + ", not " + s + "/" + e);
            }
            Set<LifecycleEvent> allowed = EnumSet.noneOf(LifecycleEvent.class);
            for (LifecycleEvent other : expected.events(s)) {
                if (!(s.maintenance() && expected.find(s, other).orElseThrow().startsWork())) {
                    allowed.add(other);
                }
            }
            if (!refused.allowedEvents().equals(allowed)) {
                throw new AssertionError("in " + s + " the error lists " + refused.allowedEvents() + ", expected " + allowed);
            }
            if (!refused.getMessage().contains(s.toString()) || !refused.getMessage().contains(e.toString())) {
                throw new AssertionError("message does not name state and event: " + refused.getMessage());
            }
            return;
        }
        if (row.isEmpty() || blocked) {
            throw new AssertionError(s + " --" + e + "--> " + result + " accepted, but the table "
                    + (blocked ? "blocks it in maintenance" : "has no such row"));
        }
        LifecycleState want = new LifecycleState(row.get().to(), row.get().target(), s.maintenance());
        if (!result.equals(want)) {
            throw new AssertionError(s + " --" + e + "--> " + result + ", but the table says " + want);
        }
    }

    /** Fires a sequence from {@code start}, checking each step against the expected table. */
    static void walkAlongRows(NodeLifecycle machine, TransitionTable expected, LifecycleState start,
            List<LifecycleEvent> events) {
        LifecycleState s = start;
        for (LifecycleEvent e : events) {
            firesOnlyAlongRows(machine, expected, s, e);
            s = fireOrStay(machine, s, e);
        }
    }

    /**
     * From ACTIVE, whatever the events, every arrival in AVAILABLE is preceded by CLEANING since
     * the node was last ACTIVE. Refused events leave the node where it is, as they would in life.
     */
    static void neverAvailableFromActiveWithoutCleaning(NodeLifecycle machine, List<LifecycleEvent> events) {
        LifecycleState s = LifecycleState.of(ProvisionState.ACTIVE);
        boolean cleanedSinceActive = false;
        List<LifecycleState> path = new ArrayList<>(List.of(s));
        for (LifecycleEvent e : events) {
            s = fireOrStay(machine, s, e);
            path.add(s);
            if (s.state() == ProvisionState.ACTIVE) {
                cleanedSinceActive = false;
            } else if (s.state() == ProvisionState.CLEANING) {
                cleanedSinceActive = true;
            } else if (s.state() == ProvisionState.AVAILABLE && !cleanedSinceActive) {
                throw new AssertionError("reached AVAILABLE from ACTIVE without CLEANING: " + path + " by " + events);
            }
        }
    }

    /** The states reachable from {@code start} by any events, maintenance off. */
    static Set<LifecycleState> reachable(NodeLifecycle machine, LifecycleState start) {
        Set<LifecycleState> seen = new LinkedHashSet<>(List.of(start));
        Deque<LifecycleState> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            LifecycleState s = todo.removeFirst();
            for (LifecycleEvent e : LifecycleEvent.values()) {
                LifecycleState next = fireOrStay(machine, s, e);
                if (seen.add(next)) {
                    todo.addLast(next);
                }
            }
        }
        return seen;
    }

    /** From {@code s}, some events lead back to MANAGEABLE or AVAILABLE: no state is a dead end. */
    static void canRecover(NodeLifecycle machine, LifecycleState s) {
        for (LifecycleState r : reachable(machine, s)) {
            if (r.state() == ProvisionState.MANAGEABLE || r.state() == ProvisionState.AVAILABLE) {
                return;
            }
        }
        throw new AssertionError("dead end: from " + s + " only " + reachable(machine, s) + " can be reached");
    }

    /** Every state reachable from ENROLL can get back to MANAGEABLE or AVAILABLE. */
    static void everyReachableStateCanRecover(NodeLifecycle machine) {
        for (LifecycleState s : reachable(machine, LifecycleState.of(ProvisionState.ENROLL))) {
            canRecover(machine, s);
        }
    }

    /**
     * In maintenance, no event starts work: an accepted event keeps maintenance, does not leave a
     * resting state for a step in progress, is not a work verb, and a MANAGE only settles the record
     * in MANAGEABLE. DONE, FAIL and ABORT of work already under way are never blocked.
     */
    static void maintenanceBlocksWork(NodeLifecycle machine, LifecycleState state, LifecycleEvent e) {
        LifecycleState s = state.withMaintenance(true);
        LifecycleState result;
        try {
            result = machine.fire(s, e);
        } catch (IllegalTransitionException refused) {
            boolean completion = !WORK.contains(e) && e != MANAGE;
            if (completion && machine.table().find(s, e).isPresent()) {
                throw new AssertionError("maintenance blocked " + e + " of work under way in " + s, refused);
            }
            return;
        }
        if (!result.maintenance()) {
            throw new AssertionError(s + " --" + e + "--> " + result + " dropped maintenance");
        }
        if (!s.isInProgress() && result.isInProgress()) {
            throw new AssertionError(s + " --" + e + "--> " + result + " started work in maintenance");
        }
        if (WORK.contains(e) || (e == MANAGE && result.state() != ProvisionState.MANAGEABLE)) {
            throw new AssertionError(s + " --" + e + "--> " + result + " accepted a work verb in maintenance");
        }
    }

    private static LifecycleState fireOrStay(NodeLifecycle machine, LifecycleState s, LifecycleEvent e) {
        try {
            return machine.fire(s, e);
        } catch (IllegalTransitionException refused) {
            return s;
        }
    }
}
