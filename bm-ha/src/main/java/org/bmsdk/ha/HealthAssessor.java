package org.bmsdk.ha;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.bmsdk.api.ha.FailureDetector.Verdict;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;

/**
 * Combines the verdicts of one {@link PhiAccrualDetector} per {@link Signal} into an
 * {@link Assessment}. The rules, in order:
 * <ol>
 *   <li>a node in maintenance is ignored;
 *   <li>host failed, BMC alive: fail over (the BMC can fence it);
 *   <li>host and BMC failed: fence through another path first, then fail over;
 *   <li>BMC failed, host alive: alarm only, since the tenant's system runs;
 *   <li>switch link failed, host alive: alarm only (a cable, a transceiver or the switch's reading;
 *       the host still answers, so the tenant may be cut off on that path but is not down);
 *   <li>otherwise suspect when any signal is, else healthy.
 * </ol>
 * The switch link never starts a failover on its own: losing link is what a dead host and a
 * pulled cable both look like. With the host failed it corroborates: link lost too says the node
 * lost power (or its NICs), link still up says the host hung with its power on; the reason says
 * which. Thread-safe.
 */
public final class HealthAssessor {

    private final Clock clock;
    private final Map<Signal, PhiAccrualDetector> detectors = new EnumMap<>(Signal.class);

    private HealthAssessor(Clock clock, DetectorOptions options) {
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Signal s : Signal.values()) {
            detectors.put(s, PhiAccrualDetector.create(clock, options));
        }
    }

    /**
     * Creates an assessor.
     *
     * @param clock the time source
     * @param options the detectors' options, the same for every signal
     * @return the assessor
     */
    public static HealthAssessor create(Clock clock, DetectorOptions options) {
        return new HealthAssessor(clock, options);
    }

    /**
     * Records what a probe of one signal saw.
     *
     * @param node the node
     * @param signal the signal
     * @param result what was seen
     */
    public void record(NodeId node, Signal signal, ProbeResult result) {
        detectors.get(Objects.requireNonNull(signal, "signal")).record(node, result);
    }

    /**
     * The detector of a signal, to read phi or the last heartbeat.
     *
     * @param signal the signal
     * @return its detector
     */
    public PhiAccrualDetector detector(Signal signal) {
        return detectors.get(signal);
    }

    /**
     * Forgets a node on every signal.
     *
     * @param node the node
     */
    public void forget(NodeId node) {
        detectors.values().forEach(d -> d.forget(node));
    }

    /**
     * Judges a node now.
     *
     * @param node the node, whose maintenance flag is honoured
     * @return the assessment
     */
    public Assessment assess(Node node) {
        Map<Signal, Verdict> verdicts = new EnumMap<>(Signal.class);
        for (Map.Entry<Signal, PhiAccrualDetector> e : detectors.entrySet()) {
            if (e.getValue().lastHeartbeat(node.id()).isPresent()) {
                verdicts.put(e.getKey(), e.getValue().verdict(node.id()));
            }
        }
        if (node.maintenance()) {
            return new Assessment(node.id(), Assessment.Action.IGNORE, verdicts, "in maintenance: " + node.maintenanceReason());
        }
        boolean hostDown = verdicts.get(Signal.HOST) == Verdict.FAILED;
        boolean bmcDown = verdicts.get(Signal.BMC) == Verdict.FAILED;
        Verdict linkVerdict = verdicts.get(Signal.SWITCH_LINK);
        boolean linkDown = linkVerdict == Verdict.FAILED;
        String link = linkDown ? "; switch link lost too (power loss likely)"
                : linkVerdict == Verdict.HEALTHY ? "; switch link up (host hung, power on)" : "";
        if (hostDown && !bmcDown) {
            return new Assessment(node.id(), Assessment.Action.FAIL_OVER, verdicts, "host silent for " + silence(Signal.HOST, node.id())
                    + ", BMC answers" + link);
        }
        if (hostDown) {
            return new Assessment(node.id(), Assessment.Action.FENCE_OTHER_PATH, verdicts, "host silent for " + silence(Signal.HOST, node.id())
                    + " and BMC silent for " + silence(Signal.BMC, node.id()) + link);
        }
        if (bmcDown) {
            return new Assessment(node.id(), Assessment.Action.ALARM, verdicts, "BMC silent for " + silence(Signal.BMC, node.id())
                    + " while the host answers");
        }
        if (linkDown) {
            return new Assessment(node.id(), Assessment.Action.ALARM, verdicts, "switch link lost for "
                    + silence(Signal.SWITCH_LINK, node.id()) + " while the host answers");
        }
        boolean suspect = verdicts.values().stream().anyMatch(v -> v != Verdict.HEALTHY);
        return new Assessment(node.id(), suspect ? Assessment.Action.SUSPECT : Assessment.Action.HEALTHY, verdicts,
                suspect ? "late: " + verdicts : "every signal on time");
    }

    private String silence(Signal s, NodeId node) {
        PhiAccrualDetector d = detectors.get(s);
        return d.lastHeartbeat(node).map(t -> java.time.Duration.between(t, clock.instant()).toMillis() + " ms").orElse("ever");
    }
}
