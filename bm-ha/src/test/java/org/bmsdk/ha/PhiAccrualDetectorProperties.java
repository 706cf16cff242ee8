package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.api.ha.FailureDetector.Verdict;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.testkit.time.ManualClock;

/**
 * The detector's two promises, under random intervals, jitter and 1% loss, on a manual clock:
 * no FAILED while heartbeats keep coming within the node's own jitter, and FAILED by detection
 * time plus the jitter allowance once they stop (and not before the detection time).
 */
class PhiAccrualDetectorProperties {

    private static final NodeId NODE = NodeId.of("n1");

    @Property
    void neverFailsWhileHeartbeatsArrive(@ForAll @IntRange(min = 200, max = 2000) int intervalMs,
            @ForAll @DoubleRange(min = 0, max = 0.5) double jitter, @ForAll @IntRange(min = 10, max = 30) int intervalsPerDetection,
            @ForAll long seed) {
        ManualClock clock = ManualClock.create();
        PhiAccrualDetector d = detector(clock, intervalMs, intervalsPerDetection);
        Random random = new Random(seed);
        d.record(NODE, up(clock.instant()));
        for (int i = 0; i < 300; i++) {
            Instant next = clock.instant().plusMillis(arrival(intervalMs, jitter, random));
            // Look just before the heartbeat lands, the worst moment, and half-way.
            clock.advanceTo(next.minusMillis((next.toEpochMilli() - clock.millis()) / 2));
            assertNotEquals(Verdict.FAILED, d.verdict(NODE), () -> "half-way to heartbeat, phi " + d.phi(NODE));
            clock.advanceTo(next.minusMillis(1));
            assertNotEquals(Verdict.FAILED, d.verdict(NODE), () -> "just before a heartbeat, phi " + d.phi(NODE));
            clock.advanceTo(next);
            if (random.nextDouble() >= 0.01) {
                d.record(NODE, up(next));
            } else {
                d.record(NODE, new ProbeResult(ProbeResult.Status.DOWN, "lost", next));
            }
        }
    }

    @Property
    void failsWithinDetectionTimePlusAllowanceOnceHeartbeatsStop(@ForAll @IntRange(min = 200, max = 2000) int intervalMs,
            @ForAll @DoubleRange(min = 0, max = 0.9) double jitter, @ForAll @IntRange(min = 10, max = 30) int intervalsPerDetection,
            @ForAll @IntRange(min = 0, max = 200) int heartbeats, @ForAll long seed) {
        ManualClock clock = ManualClock.create();
        PhiAccrualDetector d = detector(clock, intervalMs, intervalsPerDetection);
        Random random = new Random(seed);
        d.record(NODE, up(clock.instant()));
        for (int i = 0; i < heartbeats; i++) {
            clock.advance(Duration.ofMillis(arrival(intervalMs, jitter, random)));
            d.record(NODE, up(clock.instant()));
        }
        Instant last = clock.instant();
        DetectorOptions o = d.options();
        clock.advanceTo(last.plus(o.detectionTime()).minusMillis(1));
        assertNotEquals(Verdict.FAILED, d.verdict(NODE), "failed before the detection time");
        clock.advanceTo(last.plus(o.detectionTime()).plus(o.jitterAllowance()));
        assertEquals(Verdict.FAILED, d.verdict(NODE), () -> "not failed at detection time + allowance, fails after " + d.failsAfter(NODE));
        // Probes keep failing after the stop: silence, never a heartbeat.
        d.record(NODE, new ProbeResult(ProbeResult.Status.DOWN, "refused", clock.instant()));
        assertEquals(Verdict.FAILED, d.verdict(NODE));
    }

    private static PhiAccrualDetector detector(ManualClock clock, int intervalMs, int intervalsPerDetection) {
        return PhiAccrualDetector.create(clock, DetectorOptions.builder().probeInterval(Duration.ofMillis(intervalMs))
                .detectionTime(Duration.ofMillis((long) intervalMs * intervalsPerDetection)).build());
    }

    /** An interval of the node's own rhythm: the mean, give or take the jitter. */
    private static long arrival(int intervalMs, double jitter, Random random) {
        return Math.max(1, Math.round(intervalMs * (1 + jitter * (2 * random.nextDouble() - 1))));
    }

    private static ProbeResult up(Instant at) {
        return new ProbeResult(ProbeResult.Status.UP, "ok", at);
    }
}
