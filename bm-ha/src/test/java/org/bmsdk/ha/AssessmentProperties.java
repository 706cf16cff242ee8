package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.ha.internal.FailoverRecord;
import org.bmsdk.testkit.time.ManualClock;

/**
 * The combined verdict follows its table (docs/HA.md) for any moment each signal (host, BMC, and
 * the switch link when watched) falls silent, and the progress record survives any text.
 */
class AssessmentProperties {

    @Property
    void theActionFollowsWhichSignalsHaveBeenSilentPastTheDetectionTime(@ForAll @IntRange(min = 0, max = 40) int hostStopsAt,
            @ForAll @IntRange(min = 0, max = 40) int bmcStopsAt, @ForAll boolean linkWatched, @ForAll @IntRange(min = 0, max = 40) int linkStopsAt,
            @ForAll boolean maintenance, @ForAll @IntRange(min = 20, max = 80) int lookAt) {
        ManualClock clock = ManualClock.create();
        HealthAssessor assessor = HealthAssessor.create(clock, DetectorOptions.defaults());
        NodeId id = NodeId.of("n1");
        Node node = Node.builder(id).provisionState(ProvisionState.ACTIVE).maintenance(maintenance, "held").build();
        for (int t = 0; t <= lookAt; t++) {
            assessor.record(id, Signal.HOST, result(t < hostStopsAt, clock));
            assessor.record(id, Signal.BMC, result(t < bmcStopsAt, clock));
            if (linkWatched) {
                assessor.record(id, Signal.SWITCH_LINK, result(t < linkStopsAt, clock));
            }
            if (t < lookAt) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        // The last heartbeat came one second before each signal stopped (or at 0 for one that never answered).
        boolean hostFailed = lookAt - Math.max(0, hostStopsAt - 1) >= 15;
        boolean bmcFailed = lookAt - Math.max(0, bmcStopsAt - 1) >= 15;
        boolean linkFailed = linkWatched && lookAt - Math.max(0, linkStopsAt - 1) >= 15;
        Assessment.Action expected = maintenance ? Assessment.Action.IGNORE
                : hostFailed && bmcFailed ? Assessment.Action.FENCE_OTHER_PATH
                : hostFailed ? Assessment.Action.FAIL_OVER
                : bmcFailed || linkFailed ? Assessment.Action.ALARM // the link alone never fails a node over
                : null;
        Assessment a = assessor.assess(node);
        if (expected == null) {
            assertEquals(true, a.action() == Assessment.Action.HEALTHY || a.action() == Assessment.Action.SUSPECT, a.toString());
        } else {
            assertEquals(expected, a.action(), a.reason());
        }
    }

    @Property
    void aProgressRecordReadsBackAsWritten(@ForAll Map<@IntRange(min = 0, max = 30) Integer, String> fields) {
        FailoverRecord r = FailoverRecord.empty();
        for (Map.Entry<Integer, String> e : fields.entrySet()) {
            r = r.with("k" + e.getKey(), e.getValue());
        }
        assertEquals(r, FailoverRecord.decode(r.encode()));
    }

    @Property
    void anyTextDecodesWithoutThrowing(@ForAll String text) {
        FailoverRecord.decode(FailoverRecord.decode(text).encode());
    }

    private static ProbeResult result(boolean up, ManualClock clock) {
        return new ProbeResult(up ? ProbeResult.Status.UP : ProbeResult.Status.DOWN, "", clock.instant());
    }
}
