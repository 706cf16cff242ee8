package org.bmsdk.ha;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Holds back failovers when too many nodes look failed at once: a rack switch or the controller's
 * own network going away makes healthy nodes look dead, and failing half a fleet over would take
 * down what was running. Within the cap every candidate fails over; past it none does, and an
 * alarm is raised instead.
 *
 * <p>Nodes cut off together do not cross the detection line in the same instant (each has its own
 * jitter allowance, and rounds are a second apart), so a node is failed over only once it has
 * looked failed for the settle time: by then the others cut off with it look failed too, and are
 * counted with it.
 *
 * @param maxFailedShare the share of monitored nodes that may be failed over in one round, 0 to 1
 * @param minAllowed how many may always fail over, however small the fleet (1 lets a fleet of 3 lose one)
 * @param maxConcurrentFailovers how many failovers may run at once across the controller
 * @param settle how long a node must have looked failed before it is failed over
 */
public record StormGuard(double maxFailedShare, int minAllowed, int maxConcurrentFailovers, Duration settle) {

    /** Validates the components. */
    public StormGuard {
        if (!(maxFailedShare >= 0 && maxFailedShare <= 1)) {
            throw new IllegalArgumentException("maxFailedShare must be in 0..1, but was " + maxFailedShare);
        }
        if (minAllowed < 0) {
            throw new IllegalArgumentException("minAllowed must not be negative, but was " + minAllowed);
        }
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative, but was " + settle);
        }
        if (maxConcurrentFailovers < 1) {
            throw new IllegalArgumentException("maxConcurrentFailovers must be at least 1, but was " + maxConcurrentFailovers);
        }
    }

    /** @return 10% of the fleet, at least one node, four failovers at a time, settled for 2 s */
    public static StormGuard defaults() {
        return new StormGuard(0.10, 1, 4, Duration.ofSeconds(2));
    }

    /**
     * How many nodes may be failed over in one round.
     *
     * @param monitored how many nodes are monitored
     * @return the cap
     */
    public int cap(int monitored) {
        return Math.max(minAllowed, (int) Math.floor(maxFailedShare * monitored));
    }

    /**
     * Whether a round's candidates may fail over.
     *
     * @param candidates the nodes that look failed this round
     * @param monitored how many nodes are monitored
     * @return true when within the cap
     */
    public boolean allows(List<Assessment> candidates, int monitored) {
        return candidates.size() <= cap(monitored);
    }
}
