package org.bmsdk.api.lifecycle;

import static org.bmsdk.api.lifecycle.LifecycleEvent.DELETE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.DEPLOY;
import static org.bmsdk.api.lifecycle.LifecycleEvent.MANAGE;
import static org.bmsdk.api.lifecycle.ProvisionState.ACTIVE;
import static org.bmsdk.api.lifecycle.ProvisionState.AVAILABLE;
import static org.bmsdk.api.lifecycle.ProvisionState.CLEAN_FAILED;
import static org.bmsdk.api.lifecycle.ProvisionState.ERROR;
import static org.bmsdk.api.lifecycle.ProvisionState.MANAGEABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.function.BiConsumer;
import org.bmsdk.api.ConfigurationException;
import org.junit.jupiter.api.Test;

/**
 * Shows that each lifecycle property can fail: the checks the jqwik properties run on the real
 * machine are run here, exhaustively over small inputs, on machines built over deliberately broken
 * tables, and must throw {@link AssertionError}. A check that passed on these would prove nothing.
 */
class BrokenTablesTest {

    private static final TransitionTable EXPECTED = ExpectedTransitions.table();

    /** Release straight to AVAILABLE, skipping cleaning: the bug the lifecycle exists to prevent. */
    private static final TransitionTable RELEASE_WITHOUT_CLEANING = TransitionTable.standard().toBuilder()
            .remove(ACTIVE, DELETE)
            .add(ACTIVE, DELETE, AVAILABLE)
            .build();

    @Test
    void theRealMachinePassesEveryCheckExhaustively() {
        NodeLifecycle machine = NodeLifecycle.create();
        for (LifecycleState s : LifecycleChecks.allStates()) {
            for (LifecycleEvent e : LifecycleEvent.values()) {
                LifecycleChecks.firesOnlyAlongRows(machine, EXPECTED, s, e);
                LifecycleChecks.maintenanceBlocksWork(machine, s, e);
            }
        }
        LifecycleChecks.forAllSequences(4, seq -> LifecycleChecks.neverAvailableFromActiveWithoutCleaning(machine, seq));
        LifecycleChecks.everyReachableStateCanRecover(machine);
    }

    @Test
    void theStandardTableIsTheOneDocumented() {
        assertEquals(new HashSet<>(EXPECTED.rules()),
                new HashSet<>(TransitionTable.standard().rules()));
        assertEquals(EXPECTED.rules().size(), TransitionTable.standard().rules().size());
    }

    @Test
    void theBuildRefusesATableThatSkipsCleaning() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> NodeLifecycle.builder().table(RELEASE_WITHOUT_CLEANING).build());
        assertTrue(e.getMessage().contains("ACTIVE --DELETE--> AVAILABLE"), e.getMessage());
    }

    @Test
    void availableWithoutCleaningIsCaughtByTheWalkProperty() {
        // Past the build-time check on purpose: the property must catch it on its own.
        NodeLifecycle broken = unchecked(RELEASE_WITHOUT_CLEANING);
        AssertionError error = assertThrows(AssertionError.class, () -> LifecycleChecks.forAllSequences(3,
                seq -> LifecycleChecks.neverAvailableFromActiveWithoutCleaning(broken, seq)));
        assertTrue(error.getMessage().contains("without CLEANING"), error.getMessage());
    }

    @Test
    void anUndocumentedRowIsCaughtByTheRowProperty() {
        NodeLifecycle broken = unchecked(RELEASE_WITHOUT_CLEANING);
        assertThrows(AssertionError.class, () -> forAllStatesAndEvents(
                (s, e) -> LifecycleChecks.firesOnlyAlongRows(broken, EXPECTED, s, e)));
        // An extra row that is safe but not in the documented table is caught too.
        NodeLifecycle extra = NodeLifecycle.builder()
                .table(TransitionTable.standard().toBuilder().add(ACTIVE, MANAGE, MANAGEABLE).build())
                .build();
        assertThrows(AssertionError.class, () -> LifecycleChecks.forAllSequences(2,
                seq -> LifecycleChecks.walkAlongRows(extra, EXPECTED, LifecycleState.of(ACTIVE), seq)));
    }

    @Test
    void aDeadEndFailureStateIsCaughtByTheRecoveryProperty() {
        NodeLifecycle cleanFailedForever = NodeLifecycle.builder()
                .table(TransitionTable.standard().toBuilder().remove(CLEAN_FAILED, MANAGE).build())
                .build();
        AssertionError error = assertThrows(AssertionError.class,
                () -> LifecycleChecks.everyReachableStateCanRecover(cleanFailedForever));
        assertTrue(error.getMessage().contains("CLEAN_FAILED"), error.getMessage());

        NodeLifecycle errorForever = NodeLifecycle.builder()
                .table(TransitionTable.standard().toBuilder().remove(ERROR, DELETE).build())
                .build();
        assertThrows(AssertionError.class, () -> LifecycleChecks.everyReachableStateCanRecover(errorForever));
    }

    @Test
    void workWithoutAStepInProgressIsCaughtByTheMaintenanceProperty() {
        // DEPLOY straight into ACTIVE slips past the machine's rule (no step in progress is
        // entered), so only the property's own list of work verbs can catch it.
        NodeLifecycle broken = NodeLifecycle.builder()
                .table(TransitionTable.standard().toBuilder().add(MANAGEABLE, DEPLOY, ACTIVE).build())
                .build();
        AssertionError error = assertThrows(AssertionError.class, () -> forAllStatesAndEvents(
                (s, e) -> LifecycleChecks.maintenanceBlocksWork(broken, s, e)));
        assertTrue(error.getMessage().contains("work verb"), error.getMessage());
    }

    private static NodeLifecycle unchecked(TransitionTable table) {
        return NodeLifecycle.builder().table(table).skipSafetyCheckForTests().build();
    }

    private static void forAllStatesAndEvents(BiConsumer<LifecycleState, LifecycleEvent> check) {
        for (LifecycleState s : LifecycleChecks.allStates()) {
            for (LifecycleEvent e : LifecycleEvent.values()) {
                check.accept(s, e);
            }
        }
    }
}
