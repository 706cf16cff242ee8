package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.ha.cluster.ClusterMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two controller instances, each a {@link ClusterMember} and an {@link HaMonitor}, over one store on
 * a manual clock, a round a second: each watches only its share, a crashed node is failed over once
 * by its owner, and a dead instance's nodes are watched by the other again without a failover.
 */
class HaMonitorClusterTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final Rig rig = new Rig();
    private final FailoverOrchestrator c1 = rig.orchestrator("c1").build();
    private final FailoverOrchestrator c2 = rig.orchestrator("c2").build();
    private final BmcProbe bmcProbe = BmcProbe.create(rig.bmcs, rig.clock);
    private final ClusterMember a = member("a");
    private final ClusterMember b = member("b");
    private final HaMonitor monitorA = monitor(a, c1);
    private final HaMonitor monitorB = monitor(b, c2);
    private boolean aAlive = true;
    private final Set<NodeId> watchedByA = new HashSet<>();
    private final Set<NodeId> watchedByB = new HashSet<>();

    HaMonitorClusterTest() {
        for (int i = 2; i <= 20; i++) {
            NodeId id = NodeId.of("n" + i);
            rig.store.nodes().create(id, Node.builder(id).resourceClass("gpu").provisionState(ProvisionState.ACTIVE).owner("t1").build());
            rig.bmcs.add(id);
        }
    }

    private ClusterMember member(String id) {
        return ClusterMember.builder(rig.store, id).clock(rig.clock).lease(LEASE).refreshInterval(REFRESH).build();
    }

    private HaMonitor monitor(ClusterMember member, FailoverOrchestrator orchestrator) {
        return HaMonitor.builder().store(rig.store).clock(rig.clock).bmcProbe(bmcProbe).hostProbe(rig.bmcs.hostProbe(rig.clock))
                .orchestrator(orchestrator).cluster(member).listener(rig.events::add).failoverExecutor(Runnable::run).probeThreads(2)
                .build();
    }

    @AfterEach
    void close() {
        monitorA.close();
        monitorB.close();
        c1.close();
        c2.close();
        bmcProbe.close();
    }

    @Test
    void eachInstanceWatchesItsShareAndACrashedNodeIsFailedOverOnceByItsOwner() {
        rounds(30);
        Set<NodeId> active = activeNodes();
        assertEquals(20, active.size());
        assertTrue(!watchedByA.isEmpty() && !watchedByB.isEmpty(), "a " + watchedByA + ", b " + watchedByB);
        assertTrue(watchedByA.stream().noneMatch(watchedByB::contains), "watched twice");
        Set<NodeId> all = new HashSet<>(watchedByA);
        all.addAll(watchedByB);
        assertEquals(active, all);

        rig.bmcs.get("n1").hostUp = false;
        rounds(25);
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_STARTED), rig.events.toString());
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE));
        assertEquals(PowerState.OFF, rig.bmcs.get("n1").power);
        assertEquals(1, rig.bmcs.get("s2").powerOns.get());
    }

    @Test
    void aDeadInstancesNodesAreWatchedByTheOtherAndNoneIsFailedOver() {
        rounds(30);
        Set<NodeId> ofA = Set.copyOf(watchedByA);
        assertTrue(ofA.size() >= 3, "a watches " + ofA);
        aAlive = false; // no more refreshes, no more rounds: as a killed process
        rounds(LEASE.plus(REFRESH.multipliedBy(3)).toSecondsPart() + 1);
        assertEquals(activeNodes(), watchedByB, "b watches every node once a's lease ran out");
        rounds(60);
        assertEquals(0, rig.count(HaEvent.Kind.FAILOVER_STARTED), "no healthy node failed over: " + rig.events);
        assertEquals(0, rig.count(HaEvent.Kind.ALARM));

        // And b acts on them: one of a's old nodes crashes.
        NodeId crashed = ofA.iterator().next();
        rig.bmcs.get(crashed.value()).hostUp = false;
        rounds(25);
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE), rig.events.toString());
        assertEquals(PowerState.OFF, rig.bmcs.get(crashed.value()).power);
    }

    private Set<NodeId> activeNodes() {
        return rig.store.nodes().list().stream().map(v -> v.value()).filter(n -> n.provisionState() == ProvisionState.ACTIVE)
                .map(Node::id).collect(Collectors.toSet());
    }

    private void rounds(int seconds) {
        for (int i = 0; i < seconds; i++) {
            if (aAlive) {
                a.refresh();
            }
            b.refresh();
            if (aAlive) {
                watchedByA.clear();
                watchedByA.addAll(ids(monitorA.runRound()));
            }
            watchedByB.clear();
            watchedByB.addAll(ids(monitorB.runRound()));
            rig.clock.advance(Duration.ofSeconds(1));
        }
    }

    private static List<NodeId> ids(List<Assessment> assessments) {
        return assessments.stream().map(Assessment::node).toList();
    }
}
