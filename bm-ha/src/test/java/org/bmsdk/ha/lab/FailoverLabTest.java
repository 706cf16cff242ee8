package org.bmsdk.ha.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.ha.FailureDetector.Verdict;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.FailoverStep;
import org.bmsdk.ha.HaEvent;
import org.bmsdk.ha.HaMonitor;
import org.bmsdk.ha.PhiAccrualDetector;
import org.bmsdk.ha.Signal;
import org.bmsdk.ha.SwitchLinkProbe;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.network.SwitchDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover on the simulated lab, on real time: Redfish BMCs, a switch over SSH, tgt over SSH, the
 * real drivers. Detection is 3 s here to keep CI short; {@code BM_HA_LAB_DETECTION_SECONDS=15}
 * measures the default.
 */
class FailoverLabTest {

    private static final Duration DETECTION = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("BM_HA_LAB_DETECTION_SECONDS", "3")));

    @TempDir
    Path dir;

    @Test
    void theActiveNodeLosesPowerAndTheSpareTakesOverItsVlanAndVolume() {
        try (HaLab lab = watching()) {
            Instant failure = Instant.now();
            lab.active.powerOff();

            awaitOutcome(lab);
            assertTrue(lab.event(HaEvent.Kind.FAILOVER_DONE).isPresent(), lab.events.toString());
            Instant spareOn = lab.events.stream().filter(e -> e.kind() == HaEvent.Kind.STEP_DONE && e.step() == FailoverStep.POWER_ON)
                    .findFirst().orElseThrow().at();
            Duration took = Duration.between(failure, spareOn);
            System.out.println("HA lab: power loss -> spare powered on in " + took.toMillis() + " ms (detection " + DETECTION + ")");
            assertTrue(took.compareTo(DETECTION.plusSeconds(15)) < 0, "took " + took);
            assertTrue(fenceDetail(lab).startsWith("POWER_OFF"), fenceDetail(lab));
            assertTookOver(lab);
        }
    }

    @Test
    void aTotalPowerLossTakesTheBmcWithItAndTheNodeIsFencedAtItsSwitchPort() {
        try (HaLab lab = watching()) {
            lab.active.powerOff();
            lab.activeBmc.faults().silence();

            awaitOutcome(lab);
            assertTrue(lab.event(HaEvent.Kind.FAILOVER_DONE).isPresent(), lab.events.toString());
            assertTrue(fenceDetail(lab).startsWith("PORTS_SHUT"), fenceDetail(lab));
            assertTookOver(lab);
        }
    }

    @Test
    void aHungHostWhoseBmcCannotPowerItOffAndWhosePortCannotBeShutIsNotFailedOver() {
        try (HaLab lab = watching()) {
            lab.active.faults().crash();
            for (int i = 0; i < 5; i++) {
                lab.activeBmc.faults().failNext(500, "POST");
            }
            // The switch drops the session at the port change and refuses the login to retry it.
            lab.switches.get(HaLab.SWITCH).faults().refuseLogin().dropSessionOn("interface");

            awaitOutcome(lab);
            assertTrue(lab.event(HaEvent.Kind.FAILOVER_FAILED).isPresent(), lab.events.toString());
            assertTrue(lab.events.stream().anyMatch(e -> e.kind() == HaEvent.Kind.ALARM && e.detail().startsWith("not fenced")));
            assertEquals(PowerState.OFF, lab.spare.powerState(), "the spare was never touched");
            assertEquals(ProvisionState.AVAILABLE, lab.store.nodes().get(HaLab.SPARE).orElseThrow().value().provisionState());
            Volume root = lab.storage.list().stream().filter(v -> v.id().equals("root-a")).findFirst().orElseThrow();
            assertEquals(Set.of(HaLab.connector(HaLab.ACTIVE)), root.attachedTo(), "the volume stays with the node that may still write");
            assertTrue(lab.store.nodes().get(HaLab.ACTIVE).orElseThrow().value().maintenance(), "marked");
        }
    }

    @Test
    void aSilentBmcOverALiveHostRaisesAnAlarmAndNothingFailsOver() {
        try (HaLab lab = watching()) {
            lab.activeBmc.faults().silence();
            HaLab.await("the alarm", DETECTION.plusSeconds(10), () -> lab.event(HaEvent.Kind.ALARM).isPresent());
            // A detection time more of watching the live host: no failover may follow the alarm.
            lab.awaitHostHeardAfter(Instant.now().plus(DETECTION), DETECTION.plusSeconds(10));
            assertTrue(lab.event(HaEvent.Kind.ALARM).orElseThrow().detail().contains("BMC silent"));
            assertFalse(lab.event(HaEvent.Kind.FAILOVER_STARTED).isPresent(), lab.events.toString());
            assertEquals(OsState.RUNNING, lab.active.osState());
            assertEquals(PowerState.OFF, lab.spare.powerState());
        }
    }

    /** On every simulated dialect, through its own driver and its own link table. */
    @ParameterizedTest
    @EnumSource(SwitchDialect.class)
    void aPowerLossTakesTheNodesSwitchLinkDown(SwitchDialect dialect) {
        try (HaLab lab = new HaLab(dir, dialect)) {
            Node active = lab.store.nodes().get(HaLab.ACTIVE).orElseThrow().value();
            SwitchLinkProbe probe = lab.linkProbe();
            ProbeResult before = probe.probe(active);
            assertEquals(ProbeResult.Status.UP, before.status(), before.detail());
            assertEquals("link on tor-1 " + lab.activePort, before.detail());

            lab.active.powerOff();
            HaLab.await("the link down", Duration.ofSeconds(10), () -> probe.probe(active).status() == ProbeResult.Status.DOWN);
            assertEquals("no link on tor-1 " + lab.activePort, probe.probe(active).detail());
            assertTrue(lab.switches.get(HaLab.SWITCH).runningConfig().port(lab.activePort).orElseThrow().enabled(),
                    "the port is still enabled: the link went with the power");
        }
    }

    @Test
    void theMonitorSeesThePowerLossOnTheSwitchLinkToo() {
        try (HaLab lab = watching()) {
            PhiAccrualDetector link = lab.monitor.assessor().detector(Signal.SWITCH_LINK);
            assertEquals(Verdict.HEALTHY, link.verdict(HaLab.ACTIVE), "the link is watched");
            lab.active.powerOff();

            // Before the failover ends (and the node, in repair, is no longer watched).
            HaLab.await("the link's detector to notice", DETECTION.plusSeconds(5), () -> link.verdict(HaLab.ACTIVE) != Verdict.HEALTHY);
            awaitOutcome(lab);
            assertTrue(lab.event(HaEvent.Kind.FAILOVER_DONE).isPresent(), lab.events.toString());
            assertTookOver(lab);
        }
    }

    @Test
    void aPulledCableUnderALiveHostRaisesAnAlarmAndNothingFailsOver() {
        try (HaLab lab = watching()) {
            lab.activeCable.set(false);
            HaLab.await("the alarm", DETECTION.plusSeconds(10), () -> lab.event(HaEvent.Kind.ALARM).isPresent());
            assertTrue(lab.event(HaEvent.Kind.ALARM).orElseThrow().detail().contains("switch link lost"),
                    lab.event(HaEvent.Kind.ALARM).orElseThrow().detail());
            // A detection time more of watching the live host: no failover may follow the alarm.
            lab.awaitHostHeardAfter(Instant.now().plus(DETECTION), DETECTION.plusSeconds(10));
            assertFalse(lab.event(HaEvent.Kind.FAILOVER_STARTED).isPresent(), lab.events.toString());
            assertEquals(OsState.RUNNING, lab.active.osState());
            assertEquals(PowerState.OFF, lab.spare.powerState());
        }
    }

    /** A lab whose monitor has watched the active node for a while, as in a running fleet. */
    private HaLab watching() {
        HaLab lab = new HaLab(dir);
        try {
            FailoverOrchestrator orchestrator = lab.orchestrator();
            HaMonitor monitor = lab.monitor(orchestrator, DETECTION);
            monitor.start(Duration.ofMillis(200));
            HaLab.await("a heartbeat history", Duration.ofSeconds(10), () -> lab.events.stream()
                    .anyMatch(e -> e.kind() == HaEvent.Kind.ASSESSED && e.detail().startsWith("HEALTHY")));
            // A second of steady heartbeats, so that the detectors know the node's rhythm.
            lab.awaitHostHeardAfter(Instant.now().plusSeconds(1), Duration.ofSeconds(10));
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private static void awaitOutcome(HaLab lab) {
        HaLab.await("the failover's end", DETECTION.plusSeconds(30), () -> lab.event(HaEvent.Kind.FAILOVER_DONE).isPresent()
                || lab.event(HaEvent.Kind.FAILOVER_FAILED).isPresent());
    }

    private static String fenceDetail(HaLab lab) {
        return lab.events.stream().filter(e -> e.kind() == HaEvent.Kind.STEP_DONE && e.step() == FailoverStep.FENCE).findFirst()
                .map(HaEvent::detail).orElse("no fence");
    }

    private static void assertTookOver(HaLab lab) {
        assertEquals(PowerState.OFF, lab.active.powerState(), "the failed node is verified off");
        PortState failedPort = lab.switches.get(HaLab.SWITCH).runningConfig().port(lab.activePort).orElseThrow();
        PortState sparePort = lab.switches.get(HaLab.SWITCH).runningConfig().port(lab.sparePort).orElseThrow();
        assertFalse(failedPort.enabled());
        assertEquals(VlanId.of(4000), failedPort.accessVlan());
        assertTrue(sparePort.enabled());
        assertEquals(lab.tenantNet.vlan(), sparePort.accessVlan(), "the spare carries the tenant's VLAN");
        Volume root = lab.storage.list().stream().filter(v -> v.id().equals("root-a")).findFirst().orElseThrow();
        assertEquals(Set.of(HaLab.connector(HaLab.SPARE)), root.attachedTo());
        assertTrue(lab.storageHost.tgtadmShow().contains(HaLab.connector(HaLab.SPARE).initiator()));
        assertEquals(PowerState.ON, lab.spare.powerState());
        assertEquals(OsState.RUNNING, lab.spare.osState());
        assertEquals(ProvisionState.ACTIVE, lab.store.nodes().get(HaLab.SPARE).orElseThrow().value().provisionState());
        assertTrue(lab.store.nodes().get(HaLab.ACTIVE).orElseThrow().value().maintenance());
    }
}
