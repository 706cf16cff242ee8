package org.bmsdk.api.lifecycle;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The lifecycle's properties on the real machine. Each runs a check from {@link LifecycleChecks};
 * {@link BrokenTablesTest} runs the same checks on broken tables to show they can fail.
 */
class LifecyclePropertiesTest {

    private static final NodeLifecycle MACHINE = NodeLifecycle.create();
    private static final TransitionTable EXPECTED = ExpectedTransitions.table();

    @Property
    void fireReturnsTheRowOrRefuses(@ForAll("states") LifecycleState s, @ForAll LifecycleEvent e) {
        LifecycleChecks.firesOnlyAlongRows(MACHINE, EXPECTED, s, e);
    }

    @Property
    void randomWalksFromEnrollMoveOnlyAlongRows(@ForAll("sequences") List<LifecycleEvent> events) {
        LifecycleChecks.walkAlongRows(MACHINE, EXPECTED, LifecycleState.of(ProvisionState.ENROLL), events);
    }

    @Property
    void randomWalksFromAnywhereMoveOnlyAlongRows(@ForAll("states") LifecycleState start,
            @ForAll("sequences") List<LifecycleEvent> events) {
        LifecycleChecks.walkAlongRows(MACHINE, EXPECTED, start, events);
    }

    @Property
    void neverAvailableFromActiveWithoutCleaning(@ForAll("sequences") List<LifecycleEvent> events) {
        // Shows that the walks do reach AVAILABLE often enough for the property to mean something.
        Statistics.collect(reachesAvailable(events) ? "reaches AVAILABLE" : "does not");
        LifecycleChecks.neverAvailableFromActiveWithoutCleaning(MACHINE, events);
    }

    @Property(tries = 200)
    void everyReachableStateCanGetBackToManageableOrAvailable(@ForAll("reachableFromEnroll") LifecycleState s) {
        LifecycleChecks.canRecover(MACHINE, s);
    }

    @Property
    void maintenanceBlocksWorkStartingEvents(@ForAll("states") LifecycleState s, @ForAll LifecycleEvent e) {
        LifecycleChecks.maintenanceBlocksWork(MACHINE, s, e);
    }

    @Provide
    Arbitrary<LifecycleState> states() {
        return Arbitraries.of(LifecycleChecks.allStates());
    }

    @Provide
    Arbitrary<LifecycleState> reachableFromEnroll() {
        return Arbitraries.of(List.copyOf(
                LifecycleChecks.reachable(MACHINE, LifecycleState.of(ProvisionState.ENROLL))));
    }

    /** Any events, with DONE and FAIL weighted up so that steps in progress end, well or badly. */
    @Provide
    Arbitrary<List<LifecycleEvent>> sequences() {
        Arbitrary<LifecycleEvent> any = Arbitraries.of(LifecycleEvent.class);
        Arbitrary<LifecycleEvent> event = Arbitraries.frequencyOf(
                Tuple.of(6, any),
                Tuple.of(3, Arbitraries.just(LifecycleEvent.DONE)),
                Tuple.of(1, Arbitraries.just(LifecycleEvent.FAIL)));
        return event.list().ofMaxSize(40);
    }

    private static boolean reachesAvailable(List<LifecycleEvent> events) {
        LifecycleState s = LifecycleState.of(ProvisionState.ACTIVE);
        for (LifecycleEvent e : events) {
            if (MACHINE.allowedEvents(s).contains(e)) {
                s = MACHINE.fire(s, e);
            }
            if (s.state() == ProvisionState.AVAILABLE) {
                return true;
            }
        }
        return false;
    }
}
