package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.workflow.BootSource;
import org.junit.jupiter.api.Test;

class FailoverOrchestratorTest {

    private final Rig rig = new Rig();

    @Test
    void aCrashedHostIsFencedAndItsSpareTakesOverNetworksAndVolumes() {
        rig.bmcs.get("n1").hostUp = false;
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            Failover f = o.trigger(Rig.N1, "host silent", true).orElseThrow();
            assertEquals(Failover.State.DONE, f.state(), f.lastError());
            assertEquals(Rig.S2, f.spare(), "the spare of the failed node's class, not s1");
        }
        assertEquals(PowerState.OFF, rig.bmcs.get("n1").power, "fenced");
        assertEquals(1, rig.bmcs.get("n1").powerOffs.get());
        NodeNetworks spare = rig.networks.node(Rig.S2).orElseThrow();
        assertEquals("t1", spare.tenant());
        assertEquals(NetworkRole.TENANT, spare.role());
        assertEquals(List.of(PortBinding.of(spare.ports().get(0), "t1/app"), PortBinding.of(spare.ports().get(1), "t1/storage", "t1/app")),
                spare.bindings());
        NodeNetworks failed = rig.networks.node(Rig.N1).orElseThrow();
        assertEquals(null, failed.tenant());
        assertEquals(NetworkRole.IDLE, failed.role());
        assertEquals(Set.of(Rig.connector(Rig.S2)), rig.storage.exports.get("vol-n1"));
        assertEquals(PowerState.ON, rig.bmcs.get("s2").power);
        assertEquals(1, rig.bmcs.get("s2").powerOns.get());
        assertEquals(PowerState.OFF, rig.bmcs.get("s1").power, "the other spare is left alone");
        assertEquals(ProvisionState.ERROR, rig.node(Rig.N1).provisionState());
        assertTrue(rig.node(Rig.N1).maintenance());
        assertEquals(ProvisionState.ACTIVE, rig.node(Rig.S2).provisionState());
        assertEquals("t1", rig.node(Rig.S2).owner().orElseThrow());
        assertEquals(ProvisionState.AVAILABLE, rig.node(Rig.S1).provisionState());
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE));
        List<FailoverStep> done = rig.events.stream().filter(e -> e.kind() == HaEvent.Kind.STEP_DONE).map(HaEvent::step).toList();
        assertEquals(List.of(FailoverStep.values()).subList(0, FailoverStep.DONE.ordinal()), done);
        assertTrue(rig.store.records(FailoverActions.SPARES).list().isEmpty(), "the spare claim is released once done");
    }

    @Test
    void withTheBmcDeadTooTheSwitchPortsFenceIt() {
        rig.bmcs.get("n1").hostUp = false;
        rig.bmcs.get("n1").bmcReachable = false;
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            Failover f = o.trigger(Rig.N1, "host and BMC silent", false).orElseThrow();
            assertEquals(Failover.State.DONE, f.state(), f.lastError());
        }
        String fence = rig.events.stream().filter(e -> e.step() == FailoverStep.FENCE && e.kind() == HaEvent.Kind.STEP_DONE).findFirst()
                .orElseThrow().detail();
        assertTrue(fence.startsWith("PORTS_SHUT: switch-ports-shut"), fence);
        assertEquals(Set.of(Rig.connector(Rig.S2)), rig.storage.exports.get("vol-n1"));
    }

    @Test
    void whenNothingCanFenceItThereIsNoFailoverButAnAlarmAndTheNodeIsMarked() {
        rig.bmcs.get("n1").hostUp = false;
        rig.bmcs.get("n1").refusesOff = true;
        rig.networks.switchDown = true;
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            Failover f = o.trigger(Rig.N1, "host silent", true).orElseThrow();
            assertEquals(Failover.State.FENCE_FAILED, f.state());
            assertTrue(f.lastError().contains("bmc-power-off") && f.lastError().contains("switch-ports-shut"), f.lastError());
            assertEquals(null, f.spare());
        }
        assertEquals(PowerState.ON, rig.bmcs.get("n1").power);
        assertEquals(PowerState.OFF, rig.bmcs.get("s2").power, "no spare powered on");
        assertEquals(ProvisionState.AVAILABLE, rig.node(Rig.S2).provisionState());
        assertEquals(Set.of(Rig.connector(Rig.N1)), rig.storage.exports.get("vol-n1"), "volumes untouched");
        assertTrue(rig.node(Rig.N1).maintenance());
        assertEquals(1, rig.count(HaEvent.Kind.ALARM));
        assertEquals(0, rig.count(HaEvent.Kind.FAILOVER_DONE));
    }

    @Test
    void aNodeAlreadyHandledIsNotFailedOverTwice() {
        rig.bmcs.get("n1").hostUp = false;
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            o.trigger(Rig.N1, "host silent", true);
            Failover again = o.trigger(Rig.N1, "host silent", true).orElseThrow();
            assertEquals(Failover.State.DONE, again.state());
        }
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE));
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_SKIPPED));
        assertEquals(1, rig.bmcs.get("s2").powerOns.get());
    }

    @Test
    void askFirstWaitsForApprovalBeforeTouchingAnything() {
        rig.protection = new Protection(FailoverPolicy.ASK_FIRST, Requirements.parse("resource_class == gpu"), BootSource.volume());
        rig.bmcs.get("n1").hostUp = false;
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            Failover waiting = o.trigger(Rig.N1, "host silent", true).orElseThrow();
            assertEquals(Failover.State.AWAITING_APPROVAL, waiting.state());
            assertEquals(PowerState.ON, rig.bmcs.get("n1").power, "not even fenced");
            assertEquals(1, rig.count(HaEvent.Kind.APPROVAL_NEEDED));
            assertEquals(Failover.State.DONE, o.approve(Rig.N1).state());
        }
    }

    @Test
    void policyNoneRaisesAnAlarmOnly() {
        rig.protection = Protection.none();
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            assertTrue(o.trigger(Rig.N1, "host silent", true).isEmpty());
            assertTrue(o.failovers().isEmpty());
        }
        assertEquals(1, rig.count(HaEvent.Kind.ALARM));
        assertEquals(PowerState.ON, rig.bmcs.get("n1").power);
    }

    @Test
    void withoutAMatchingSpareTheFailoverStopsFencedWithAnAlarm() {
        rig.protection = Protection.automatic(Requirements.parse("resource_class == storage"));
        rig.bmcs.get("n1").hostUp = false;
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            Failover f = o.trigger(Rig.N1, "host silent", true).orElseThrow();
            assertEquals(Failover.State.FAILED, f.state());
            assertEquals(FailoverStep.CLAIM_SPARE, f.step());
            assertTrue(f.lastError().contains("no spare"), f.lastError());
        }
        assertEquals(PowerState.OFF, rig.bmcs.get("n1").power, "fenced all the same");
        assertEquals(3, rig.count(HaEvent.Kind.STEP_FAILED), "tried three times");
    }

    @Test
    void aStepThatHangsTimesOutAndIsRetried() {
        rig.protection = new Protection(FailoverPolicy.AUTOMATIC, Requirements.parse("resource_class == gpu"), BootSource.disk());
        rig.bmcs.get("n1").hostUp = false;
        int[] calls = {0};
        SnapshotRestorer slowOnce = (from, onto) -> {
            if (calls[0]++ == 0) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "snapshot 7 of " + from;
        };
        try (FailoverOrchestrator o = rig.orchestrator("c1").restorer(slowOnce).stepTimeout(Duration.ofMillis(200))
                .powerTimeout(Duration.ofMillis(100)).confirmUp(Duration.ofMillis(100), Duration.ofMillis(10)).build()) {
            Failover f = o.trigger(Rig.N1, "host silent", true).orElseThrow();
            assertEquals(Failover.State.DONE, f.state(), f.lastError());
        }
        assertEquals(2, calls[0]);
        assertTrue(rig.events.stream().anyMatch(e -> e.kind() == HaEvent.Kind.STEP_FAILED && e.step() == FailoverStep.PREPARE_BOOT
                && e.detail().contains("timed out")));
    }

    @Test
    void theConcurrencyCapCountsFailoversOfEveryControllerAndDefersBeyondIt() {
        rig.bmcs.get("n1").hostUp = false;
        String held = org.bmsdk.ha.internal.FailoverRecord.empty().with(java.util.Map.of("state", "RUNNING", "step", "MOVE_VOLUMES",
                "reason", "host silent", "owner", "c2", "leaseUntil", rig.clock.instant().plusSeconds(60).toString())).encode();
        rig.store.records(FailoverOrchestrator.NAMESPACE).create("n9", held);
        try (FailoverOrchestrator o = rig.orchestrator("c1").maxConcurrent(1).build()) {
            assertTrue(o.trigger(Rig.N1, "host silent", true).isEmpty());
            assertTrue(o.failover(Rig.N1).isEmpty());
            assertEquals(PowerState.ON, rig.bmcs.get("n1").power, "not fenced while deferred");
            assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_SKIPPED));
            assertTrue(o.resumeAll().isEmpty(), "n9 is c2's while its lease lasts");
        }
    }

    @Test
    void twoControllersTriggeringTheSameFailoverAtOnceCompleteItOnce() throws Exception {
        rig.bmcs.get("n1").hostUp = false;
        try (FailoverOrchestrator a = rig.orchestrator("c1").build(); FailoverOrchestrator b = rig.orchestrator("c2").build()) {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var fa = two.submit(() -> {
                    start.await();
                    return a.trigger(Rig.N1, "host silent", true);
                });
                var fb = two.submit(() -> {
                    start.await();
                    return b.trigger(Rig.N1, "host silent", true);
                });
                fa.get();
                fb.get();
            } finally {
                two.shutdownNow();
            }
            // Whoever lost the race finds it done, or resumes nothing: the lease is the winner's.
            a.resumeAll();
            b.resumeAll();
            assertEquals(Failover.State.DONE, a.failover(Rig.N1).orElseThrow().state());
        }
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_STARTED));
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE));
        assertEquals(1, rig.bmcs.get("s2").powerOns.get());
        assertEquals(0, rig.bmcs.get("s1").powerOns.get());
    }

    @Test
    void aFailoverThatFailedAfterClaimingASpareIsAbandonedAndItsSpareLeftOutOfThePool() {
        rig.protection = new Protection(FailoverPolicy.AUTOMATIC, Requirements.parse("resource_class == gpu"), BootSource.disk());
        rig.bmcs.get("n1").hostUp = false;
        SnapshotRestorer broken = (from, onto) -> {
            throw new org.bmsdk.api.DeviceException("no snapshot readable", org.bmsdk.api.ErrorContext.NONE, "E1");
        };
        try (FailoverOrchestrator o = rig.orchestrator("c1").restorer(broken).build()) {
            Failover f = o.trigger(Rig.N1, "host silent", true).orElseThrow();
            assertEquals(Failover.State.FAILED, f.state());
            assertEquals(FailoverStep.PREPARE_BOOT, f.step());
            assertEquals(Rig.S2, f.spare());
            assertThrows(org.bmsdk.api.ConflictException.class, () -> o.abandon(NodeId.of("s1"), "not on record"));

            Failover abandoned = o.abandon(Rig.N1, "snapshot repository lost");
            assertEquals(Failover.State.ABANDONED, abandoned.state());
            assertEquals(Failover.State.ABANDONED, o.failover(Rig.N1).orElseThrow().state());
            assertTrue(rig.store.records(FailoverActions.SPARES).list().isEmpty(), "the claim is released");
            Node spare = rig.node(Rig.S2);
            assertEquals(ProvisionState.ERROR, spare.provisionState(), "not back in the pool: it may hold the tenant's networks");
            assertTrue(spare.maintenance() && spare.maintenanceReason().contains("clean it"), spare.maintenanceReason());
            assertTrue(rig.node(Rig.N1).maintenance());
            assertTrue(rig.events.stream().anyMatch(e -> e.kind() == HaEvent.Kind.ALARM && e.detail().contains("abandoned")));
            assertThrows(org.bmsdk.api.ConflictException.class, () -> o.abandon(Rig.N1, "twice"));

            // Not failed over again while abandoned.
            Failover again = o.trigger(Rig.N1, "host silent", true).orElseThrow();
            assertEquals(Failover.State.ABANDONED, again.state());
        }
        assertEquals(0, rig.bmcs.get("s1").powerOns.get(), "no other spare taken");
        assertEquals(ProvisionState.AVAILABLE, rig.node(Rig.S1).provisionState());
    }

    @Test
    void aRunningOrDoneFailoverCannotBeAbandoned() {
        rig.bmcs.get("n1").hostUp = false;
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            assertEquals(Failover.State.DONE, o.trigger(Rig.N1, "host silent", true).orElseThrow().state());
            assertThrows(org.bmsdk.api.ConflictException.class, () -> o.abandon(Rig.N1, "too late"));
            assertEquals(ProvisionState.ACTIVE, rig.node(Rig.S2).provisionState());
        }
    }
}
