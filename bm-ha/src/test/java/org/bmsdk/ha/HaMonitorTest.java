package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitor driven round by round on a manual clock, a round a second, over the fakes. */
class HaMonitorTest {

    private final Rig rig = new Rig();
    private final FailoverOrchestrator orchestrator = rig.orchestrator("c1").build();
    private final BmcProbe bmcProbe = BmcProbe.create(rig.bmcs, rig.clock);
    private HaMonitor monitor = monitor(StormGuard.defaults());

    private HaMonitor monitor(StormGuard guard) {
        return HaMonitor.builder().store(rig.store).clock(rig.clock).bmcProbe(bmcProbe).hostProbe(rig.bmcs.hostProbe(rig.clock))
                .orchestrator(orchestrator).stormGuard(guard).listener(rig.events::add).failoverExecutor(Runnable::run).probeThreads(2)
                .build();
    }

    @AfterEach
    void close() {
        monitor.close();
        orchestrator.close();
        bmcProbe.close();
    }

    @Test
    void aCrashedHostIsFailedOverOnceTheDetectionTimeHasPassedAndNotBefore() {
        rounds(30);
        Instant crash = rig.clock.instant();
        rig.bmcs.get("n1").hostUp = false;
        rounds(16);
        assertEquals(0, rig.count(HaEvent.Kind.FAILOVER_STARTED), "not before the detection time and the settle time");
        assertEquals(PowerState.ON, rig.bmcs.get("n1").power);
        rounds(5);
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE));
        HaEvent started = rig.events.stream().filter(e -> e.kind() == HaEvent.Kind.FAILOVER_STARTED).findFirst().orElseThrow();
        // The last heartbeat came one round before the crash: detection counts from it, and the
        // storm guard lets it settle for 2 s before failing it over.
        Duration detection = Duration.between(crash.minusSeconds(1), started.at());
        assertTrue(detection.compareTo(Duration.ofSeconds(17)) >= 0 && detection.compareTo(Duration.ofSeconds(18)) <= 0,
                "failed over " + detection + " after the last heartbeat");
        assertEquals(ProvisionState.ACTIVE, rig.node(Rig.S2).provisionState());
        rounds(30);
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_STARTED), "the spare is watched now, the failed node no more");
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE));
    }

    @Test
    void aSilentBmcOverALiveHostIsAnAlarmAndNoFailover() {
        rounds(30);
        rig.bmcs.get("n1").bmcReachable = false;
        rounds(60);
        assertEquals(0, rig.count(HaEvent.Kind.FAILOVER_STARTED));
        assertTrue(rig.events.stream().anyMatch(e -> e.kind() == HaEvent.Kind.ALARM && e.detail().contains("BMC silent")),
                rig.events.toString());
        assertEquals(1, rig.count(HaEvent.Kind.ALARM), "raised once, not every round");
        assertEquals(PowerState.ON, rig.bmcs.get("n1").power);
    }

    @Test
    void aTotalPowerLossIsFencedAtTheSwitchPortsAndFailedOver() {
        rounds(30);
        rig.bmcs.get("n1").hostUp = false;
        rig.bmcs.get("n1").bmcReachable = false;
        rounds(20);
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE));
        assertTrue(rig.events.stream().anyMatch(e -> e.step() == FailoverStep.FENCE && e.kind() == HaEvent.Kind.STEP_DONE
                && e.detail().startsWith("PORTS_SHUT")));
    }

    @Test
    void aRackOfNodesLostAtOnceTripsTheStormGuardAndNothingFailsOver() {
        for (int i = 2; i <= 10; i++) {
            NodeId id = NodeId.of("n" + i);
            rig.store.nodes().create(id, Node.builder(id).resourceClass("gpu").provisionState(ProvisionState.ACTIVE).owner("t1").build());
            rig.bmcs.add(id);
        }
        rounds(30);
        for (int i = 1; i <= 5; i++) {
            rig.bmcs.get("n" + i).hostUp = false;
        }
        rounds(40);
        assertEquals(0, rig.count(HaEvent.Kind.FAILOVER_STARTED));
        assertEquals(5, rig.events.stream().filter(e -> e.kind() == HaEvent.Kind.ALARM && e.detail().startsWith("storm guard")).count());
        for (int i = 1; i <= 5; i++) {
            assertEquals(PowerState.ON, rig.bmcs.get("n" + i).power, "n" + i + " left alone");
        }
        assertEquals(ProvisionState.AVAILABLE, rig.node(Rig.S2).provisionState());
    }

    @Test
    void aRackLostNodeByNodeStillTripsTheStormGuardBeforeAnyFailsOver() {
        for (int i = 2; i <= 10; i++) {
            NodeId id = NodeId.of("n" + i);
            rig.store.nodes().create(id, Node.builder(id).resourceClass("gpu").provisionState(ProvisionState.ACTIVE).owner("t1").build());
            rig.bmcs.add(id);
        }
        rounds(30);
        // The rack's switch dies, but each node's last heartbeat lands in a different round.
        for (int i = 1; i <= 3; i++) {
            rig.bmcs.get("n" + i).hostUp = false;
            rounds(1);
        }
        rounds(40);
        assertEquals(0, rig.count(HaEvent.Kind.FAILOVER_STARTED), rig.events.toString());
        assertEquals(3, rig.events.stream().filter(e -> e.kind() == HaEvent.Kind.ALARM && e.detail().startsWith("storm guard")).count());
    }

    @Test
    void aNodeInMaintenanceIsIgnored() {
        rounds(30);
        rig.store.nodes().modify(Rig.N1, n -> n.toBuilder().maintenance(true, "firmware update").build());
        rig.bmcs.get("n1").hostUp = false;
        rig.bmcs.get("n1").bmcReachable = false;
        rounds(60);
        assertEquals(0, rig.count(HaEvent.Kind.FAILOVER_STARTED));
        assertEquals(0, rig.count(HaEvent.Kind.ALARM));
    }

    private void rounds(int seconds) {
        for (int i = 0; i < seconds; i++) {
            monitor.runRound();
            rig.clock.advance(Duration.ofSeconds(1));
        }
    }
}
