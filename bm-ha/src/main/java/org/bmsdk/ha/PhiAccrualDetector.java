package org.bmsdk.ha;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bmsdk.api.ha.FailureDetector;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.ha.internal.ArrivalWindow;
import org.bmsdk.ha.internal.Phi;

/**
 * A phi-accrual failure detector for one signal of many nodes: each {@link ProbeResult.Status#UP}
 * result is a heartbeat, anything else is silence. It learns each node's own interval and jitter.
 *
 * <ul>
 *   <li>{@link Verdict#SUSPECT} when a heartbeat is later than the node's history makes likely
 *       (phi above the threshold against its own mean and deviation): worth watching, not acting on.
 *   <li>{@link Verdict#FAILED} once silent for the {@linkplain DetectorOptions#detectionTime()
 *       detection time}, plus, for a node whose heartbeats jitter, up to the
 *       {@linkplain DetectorOptions#jitterAllowance() jitter allowance} in proportion to its jitter.
 *       So a noisy node is given the slack its history asks for, and no node more than the bound.
 * </ul>
 *
 * <p>The first result of a node, whatever it says, starts its clock: a node that is dead from the
 * moment it is watched is declared failed one detection time later. Time comes from the injected
 * clock only. Thread-safe.
 */
public final class PhiAccrualDetector implements FailureDetector {

    private final Clock clock;
    private final DetectorOptions options;
    private final double thresholdDeviations;
    private final double minStdDev;
    private final double maxStdDev;
    private final Map<NodeId, History> histories = new ConcurrentHashMap<>();

    private PhiAccrualDetector(Clock clock, DetectorOptions options) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.thresholdDeviations = Phi.deviationsFor(options.phiThreshold());
        // A steady prober still jitters by scheduling; a tenth of the interval keeps phi from
        // exploding on a node whose history happens to be perfectly regular.
        this.minStdDev = Math.max(1, options.probeInterval().toMillis() / 10.0);
        this.maxStdDev = minStdDev + options.jitterAllowance().toMillis() / thresholdDeviations;
    }

    /**
     * Creates a detector.
     *
     * @param clock the time source
     * @param options detection time and threshold
     * @return the detector
     */
    public static PhiAccrualDetector create(Clock clock, DetectorOptions options) {
        return new PhiAccrualDetector(clock, options);
    }

    /** @return its options */
    public DetectorOptions options() {
        return options;
    }

    @Override
    public void record(NodeId node, ProbeResult result) {
        Objects.requireNonNull(result, "result");
        History h = histories.computeIfAbsent(Objects.requireNonNull(node, "node"), n -> new History(options.window(), result.at()));
        synchronized (h) {
            if (result.status() != ProbeResult.Status.UP || !result.at().isAfter(h.last)) {
                return;
            }
            h.window.add(Duration.between(h.last, result.at()).toMillis());
            h.last = result.at();
        }
    }

    @Override
    public Verdict verdict(NodeId node) {
        History h = histories.get(node);
        if (h == null) {
            return Verdict.HEALTHY;
        }
        Instant now = clock.instant();
        synchronized (h) {
            double silence = Math.max(0, Duration.between(h.last, now).toMillis());
            double mean = mean(h);
            double sd = stdDev(h);
            // The failure line: detection time for a steady node, up to the allowance more as its
            // deviation grows from the floor to the cap.
            double failedAfter = options.detectionTime().toMillis() + thresholdDeviations * (sd - minStdDev);
            if (silence >= failedAfter) {
                return Verdict.FAILED;
            }
            return Phi.of(silence, mean, sd) >= options.phiThreshold() ? Verdict.SUSPECT : Verdict.HEALTHY;
        }
    }

    /**
     * Phi of a node now, against its own history.
     *
     * @param node the node
     * @return phi, 0 for a node never recorded
     */
    public double phi(NodeId node) {
        History h = histories.get(node);
        if (h == null) {
            return 0;
        }
        synchronized (h) {
            return Phi.of(Math.max(0, Duration.between(h.last, clock.instant()).toMillis()), mean(h), stdDev(h));
        }
    }

    /**
     * The silence after which this node would be declared failed, given its history now.
     *
     * @param node the node
     * @return the silence; the detection time for a node never recorded
     */
    public Duration failsAfter(NodeId node) {
        History h = histories.get(node);
        if (h == null) {
            return options.detectionTime();
        }
        synchronized (h) {
            return Duration.ofMillis((long) Math.ceil(options.detectionTime().toMillis() + thresholdDeviations * (stdDev(h) - minStdDev)));
        }
    }

    /**
     * When the node's last heartbeat came.
     *
     * @param node the node
     * @return the time, empty for a node never recorded
     */
    public Optional<Instant> lastHeartbeat(NodeId node) {
        History h = histories.get(node);
        if (h == null) {
            return Optional.empty();
        }
        synchronized (h) {
            return Optional.of(h.last);
        }
    }

    /**
     * Forgets a node, as when it leaves the monitored set; its next result starts afresh.
     *
     * @param node the node
     */
    public void forget(NodeId node) {
        histories.remove(node);
    }

    private double mean(History h) {
        // Until a node has a history, the probe interval stands in for it (with a quarter of it as
        // deviation), as Akka's first-heartbeat estimate does.
        return h.window.size() < 2 ? options.probeInterval().toMillis() : h.window.mean();
    }

    private double stdDev(History h) {
        double sd = h.window.size() < 2 ? options.probeInterval().toMillis() / 4.0 : h.window.stdDev();
        return Math.min(maxStdDev, Math.max(minStdDev, sd));
    }

    /** One node's heartbeats. */
    private static final class History {
        final ArrivalWindow window;
        Instant last;

        History(int capacity, Instant first) {
            this.window = new ArrivalWindow(capacity);
            this.last = first;
        }
    }
}
