package org.bmsdk.api.lifecycle;

import static org.bmsdk.api.lifecycle.LifecycleEvent.CLEAN;
import static org.bmsdk.api.lifecycle.LifecycleEvent.DELETE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.DEPLOY;
import static org.bmsdk.api.lifecycle.LifecycleEvent.DONE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.FAIL;
import static org.bmsdk.api.lifecycle.LifecycleEvent.INSPECT;
import static org.bmsdk.api.lifecycle.LifecycleEvent.MANAGE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.PROVIDE;
import static org.bmsdk.api.lifecycle.ProvisionState.ACTIVE;
import static org.bmsdk.api.lifecycle.ProvisionState.AVAILABLE;
import static org.bmsdk.api.lifecycle.ProvisionState.CLEANING;
import static org.bmsdk.api.lifecycle.ProvisionState.CLEAN_FAILED;
import static org.bmsdk.api.lifecycle.ProvisionState.DELETING;
import static org.bmsdk.api.lifecycle.ProvisionState.ENROLL;
import static org.bmsdk.api.lifecycle.ProvisionState.MANAGEABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.lifecycle.IllegalTransitionException.Reason;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.junit.jupiter.api.Test;

class NodeLifecycleTest {

    private final NodeLifecycle machine = NodeLifecycle.create();

    @Test
    void provideCleansThenOffers() {
        LifecycleState cleaning = machine.fire(LifecycleState.of(MANAGEABLE), PROVIDE);
        assertEquals(LifecycleState.inProgress(CLEANING, AVAILABLE), cleaning);
        assertEquals(LifecycleState.of(AVAILABLE), machine.fire(cleaning, DONE));
    }

    @Test
    void manualCleaningReturnsToManageable() {
        LifecycleState cleaning = machine.fire(LifecycleState.of(MANAGEABLE), CLEAN);
        assertEquals(LifecycleState.inProgress(CLEANING, MANAGEABLE), cleaning);
        assertEquals(LifecycleState.of(MANAGEABLE), machine.fire(cleaning, DONE));
    }

    @Test
    void aReleasedNodeIsAlwaysCleanedBeforeItIsOffered() {
        LifecycleState deleting = machine.fire(LifecycleState.of(ACTIVE), DELETE);
        assertEquals(LifecycleState.inProgress(DELETING, AVAILABLE), deleting);
        LifecycleState cleaning = machine.fire(deleting, DONE);
        assertEquals(LifecycleState.inProgress(CLEANING, AVAILABLE), cleaning);
        assertEquals(LifecycleState.of(AVAILABLE), machine.fire(cleaning, DONE));
        assertEquals(LifecycleState.of(CLEAN_FAILED), machine.fire(cleaning, FAIL));
    }

    @Test
    void anIllegalEventNamesTheStateTheEventAndWhatIsAllowed() {
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> machine.fire(LifecycleState.of(MANAGEABLE), DEPLOY));
        assertEquals("[lifecycle.deploy] cannot DEPLOY a node in MANAGEABLE: no such transition;"
                + " allowed in MANAGEABLE: [INSPECT, PROVIDE, CLEAN]", e.getMessage());
        assertEquals(Reason.NO_TRANSITION, e.reason());
        assertEquals(EnumSet.of(INSPECT, PROVIDE, CLEAN), e.allowedEvents());
        assertInstanceOf(ConflictException.class, e);
        assertTrue(e.isRetryable());
    }

    @Test
    void maintenanceBlocksStartingWorkButNotFinishingIt() {
        LifecycleState held = LifecycleState.of(MANAGEABLE).withMaintenance(true);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> machine.fire(held, PROVIDE));
        assertEquals(Reason.IN_MAINTENANCE, e.reason());
        assertEquals(EnumSet.noneOf(LifecycleEvent.class), e.allowedEvents());

        LifecycleState cleaning = LifecycleState.inProgress(CLEANING, AVAILABLE).withMaintenance(true);
        assertEquals(LifecycleState.of(AVAILABLE).withMaintenance(true), machine.fire(cleaning, DONE));
        // Settling a failed node moves only the record, as Ironic allows in maintenance.
        assertEquals(LifecycleState.of(MANAGEABLE).withMaintenance(true),
                machine.fire(LifecycleState.of(CLEAN_FAILED).withMaintenance(true), MANAGE));
        assertEquals(EnumSet.of(LifecycleEvent.DONE, FAIL, LifecycleEvent.ABORT),
                machine.allowedEvents(cleaning));
    }

    @Test
    void aCallGuardChecksTheNodesOwnData() {
        Node node = Node.builder(NodeId.of("n1")).build();
        Guard hasBmc = Guard.forEvent(MANAGE, t -> !node.bmcEndpoints().isEmpty(), "node n1 has no BMC endpoint");
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> machine.fire(LifecycleState.of(ENROLL), MANAGE, hasBmc));
        assertEquals(Reason.REFUSED_BY_GUARD, e.reason());
        assertTrue(e.getMessage().contains("node n1 has no BMC endpoint"), e.getMessage());
        // The guard concerns MANAGE only.
        assertEquals(LifecycleState.inProgress(CLEANING, AVAILABLE),
                machine.fire(LifecycleState.of(MANAGEABLE), PROVIDE, hasBmc));
    }

    @Test
    void machineGuardsRunInOrderBeforeTheCallGuard() {
        List<String> order = new ArrayList<>();
        NodeLifecycle guarded = NodeLifecycle.builder()
                .guard(t -> {
                    order.add("first");
                    return Optional.empty();
                })
                .guard(t -> {
                    order.add("second");
                    return Optional.of("second says no");
                })
                .build();
        assertThrows(IllegalTransitionException.class, () -> guarded.fire(LifecycleState.of(MANAGEABLE), PROVIDE, t -> {
            order.add("call");
            return Optional.empty();
        }));
        assertEquals(List.of("first", "second"), order);
    }

    @Test
    void aThrowingListenerNeitherHidesTheTransitionNorStopsTheOthers() {
        List<Transition> heard = new ArrayList<>();
        NodeLifecycle listened = NodeLifecycle.builder()
                .listener(t -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(heard::add)
                .build();
        LifecycleState next = listened.fire(LifecycleState.of(ENROLL), MANAGE);
        assertEquals(LifecycleState.inProgress(ProvisionState.VERIFYING, MANAGEABLE), next);
        assertEquals(List.of(new Transition(LifecycleState.of(ENROLL), MANAGE, next)), heard);
        assertEquals(LifecycleState.of(MANAGEABLE), listened.fire(next, DONE));
        assertEquals(2, heard.size());
        // Refused events are not reported.
        assertThrows(IllegalTransitionException.class, () -> listened.fire(LifecycleState.of(ENROLL), DEPLOY));
        assertEquals(2, heard.size());
    }

    @Test
    void theBuildRefusesEveryRowIntoAvailableButFinishedCleaning() {
        for (TransitionRule bad : List.of(
                TransitionRule.of(MANAGEABLE, PROVIDE, AVAILABLE),
                TransitionRule.of(CLEANING, DONE, AVAILABLE).onlyWhenTarget(MANAGEABLE),
                TransitionRule.of(DELETING, DONE, AVAILABLE))) {
            TransitionTable table = TransitionTable.standard().toBuilder().remove(bad.from(), bad.event()).add(bad).build();
            assertThrows(ConfigurationException.class, () -> NodeLifecycle.builder().table(table).build(), bad::toString);
        }
    }

    @Test
    void aTableWithTwoRowsForOneStateAndEventIsRefused() {
        TransitionTable.Builder b = TransitionTable.standard().toBuilder().add(ACTIVE, DELETE, MANAGEABLE);
        ConfigurationException e = assertThrows(ConfigurationException.class, b::build);
        assertTrue(e.getMessage().contains("ACTIVE --DELETE--> MANAGEABLE"), e.getMessage());
        TransitionTable.Builder any = TransitionTable.standard().toBuilder().add(CLEANING, DONE, MANAGEABLE);
        assertThrows(ConfigurationException.class, any::build);
    }

    @Test
    void valuesAreValidatedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> LifecycleState.of(CLEANING));
        assertThrows(IllegalArgumentException.class, () -> LifecycleState.inProgress(CLEANING, DELETING));
        assertThrows(IllegalArgumentException.class, () -> new LifecycleState(ACTIVE, AVAILABLE, false));
        assertThrows(IllegalArgumentException.class, () -> TransitionRule.of(ACTIVE, DELETE, DELETING));
        assertThrows(IllegalArgumentException.class,
                () -> TransitionRule.of(MANAGEABLE, PROVIDE, AVAILABLE).onlyWhenTarget(AVAILABLE));
        assertEquals("CLEANING->AVAILABLE (maintenance)",
                LifecycleState.inProgress(CLEANING, AVAILABLE).withMaintenance(true).toString());
    }
}
