package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.bmsdk.api.ha.FailureDetector.Verdict;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;

class HealthAssessorTest {

    private final ManualClock clock = ManualClock.create();
    private final HealthAssessor assessor = HealthAssessor.create(clock, DetectorOptions.defaults());
    private final Node node = Node.builder(NodeId.of("n1")).provisionState(ProvisionState.ACTIVE).build();

    @Test
    void hostDownWithBmcUpFailsOver() {
        run(20, true, true);
        run(16, false, true);
        Assessment a = assessor.assess(node);
        assertEquals(Assessment.Action.FAIL_OVER, a.action(), a.reason());
        assertTrue(a.failsOver());
    }

    @Test
    void bothSilentFencesThroughAnotherPath() {
        run(20, true, true);
        run(16, false, false);
        assertEquals(Assessment.Action.FENCE_OTHER_PATH, assessor.assess(node).action());
    }

    @Test
    void bmcSilentWithHostUpIsAnAlarmOnly() {
        run(20, true, true);
        run(16, true, false);
        Assessment a = assessor.assess(node);
        assertEquals(Assessment.Action.ALARM, a.action());
        assertTrue(!a.failsOver());
    }

    @Test
    void linkLostWithTheHostAnsweringIsAnAlarmOnly() {
        run(20, true, true, true);
        run(16, true, true, false);
        Assessment a = assessor.assess(node);
        assertEquals(Assessment.Action.ALARM, a.action(), a.reason());
        assertEquals(Verdict.FAILED, a.signals().get(Signal.SWITCH_LINK));
        assertTrue(a.reason().startsWith("switch link lost"), a.reason());
    }

    @Test
    void linkLostWithTheHostCorroboratesAPowerLossButDecidesNothing() {
        run(20, true, true, true);
        run(16, false, true, false);
        Assessment lost = assessor.assess(node);
        assertEquals(Assessment.Action.FAIL_OVER, lost.action(), lost.reason());
        assertTrue(lost.reason().contains("power loss likely"), lost.reason());

        NodeId hung = NodeId.of("n2");
        Node other = Node.builder(hung).provisionState(ProvisionState.ACTIVE).build();
        for (int i = 0; i < 36; i++) {
            assessor.record(hung, Signal.HOST, result(i < 20));
            assessor.record(hung, Signal.BMC, result(true));
            assessor.record(hung, Signal.SWITCH_LINK, result(true));
            clock.advance(Duration.ofSeconds(1));
        }
        Assessment a = assessor.assess(other);
        assertEquals(Assessment.Action.FAIL_OVER, a.action(), a.reason());
        assertTrue(a.reason().contains("host hung, power on"), a.reason());
    }

    @Test
    void bmcAndLinkLostWithTheHostAnsweringIsStillNoFailover() {
        run(20, true, true, true);
        run(16, true, false, false);
        assertEquals(Assessment.Action.ALARM, assessor.assess(node).action());
    }

    @Test
    void maintenanceIsIgnored() {
        run(20, true, true);
        run(16, false, false);
        Node held = node.toBuilder().maintenance(true, "disk swap").build();
        assertEquals(Assessment.Action.IGNORE, assessor.assess(held).action());
    }

    @Test
    void aLateHeartbeatIsSuspectLongBeforeItIsFailed() {
        run(30, true, true);
        run(2, false, true);
        Assessment a = assessor.assess(node);
        assertEquals(Assessment.Action.SUSPECT, a.action(), a.reason());
        assertEquals(Verdict.SUSPECT, a.signals().get(Signal.HOST));
        assertEquals(Verdict.HEALTHY, a.signals().get(Signal.BMC));
    }

    @Test
    void aJitteryNodeIsGivenMoreTimeThanASteadyOneButNoMoreThanTheAllowance() {
        NodeId steady = NodeId.of("steady");
        NodeId jittery = NodeId.of("jittery");
        PhiAccrualDetector d = assessor.detector(Signal.HOST);
        d.record(steady, new ProbeResult(ProbeResult.Status.UP, "", clock.instant()));
        d.record(jittery, new ProbeResult(ProbeResult.Status.UP, "", clock.instant()));
        java.time.Instant t = clock.instant();
        java.time.Instant tj = clock.instant();
        for (int i = 0; i < 100; i++) {
            t = t.plusSeconds(1);
            d.record(steady, new ProbeResult(ProbeResult.Status.UP, "", t));
            tj = tj.plusMillis(i % 2 == 0 ? 300 : 1700);
            d.record(jittery, new ProbeResult(ProbeResult.Status.UP, "", tj));
        }
        Duration s = d.failsAfter(steady);
        Duration j = d.failsAfter(jittery);
        assertEquals(DetectorOptions.DEFAULT_DETECTION_TIME, s);
        assertTrue(j.compareTo(s.plusSeconds(2)) > 0, "jittery " + j + " vs steady " + s);
        assertTrue(j.compareTo(s.plus(d.options().jitterAllowance())) <= 0, "jittery " + j);
    }

    private void run(int seconds, boolean hostUp, boolean bmcUp) {
        for (int i = 0; i < seconds; i++) {
            assessor.record(node.id(), Signal.HOST, result(hostUp));
            assessor.record(node.id(), Signal.BMC, result(bmcUp));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private void run(int seconds, boolean hostUp, boolean bmcUp, boolean linkUp) {
        for (int i = 0; i < seconds; i++) {
            assessor.record(node.id(), Signal.SWITCH_LINK, result(linkUp));
            assessor.record(node.id(), Signal.HOST, result(hostUp));
            assessor.record(node.id(), Signal.BMC, result(bmcUp));
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private ProbeResult result(boolean up) {
        return new ProbeResult(up ? ProbeResult.Status.UP : ProbeResult.Status.DOWN, up ? "ok" : "no answer", clock.instant());
    }
}
