package org.bmsdk.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bmsdk.api.FencingException;
import org.bmsdk.api.ha.FenceResult;
import org.bmsdk.api.ha.Fencer;
import org.bmsdk.api.model.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fence levels tried in order until one is verified (usually {@link BmcPowerFence}, then
 * {@link SwitchPortFence}), then the follow-up levels that every fence gets (usually
 * {@link VolumeExportFence}). When no level holds, {@link FencingException} says what each one
 * answered: then there must be no failover, only an alarm.
 *
 * <pre>{@code
 * Fencer fencer = FenceLadder.builder()
 *         .level(BmcPowerFence.create(bmcs, Duration.ofSeconds(30)))
 *         .level(SwitchPortFence.create(networks))
 *         .then(VolumeExportFence.create(storage, connectors))
 *         .build();
 * }</pre>
 */
public final class FenceLadder implements Fencer {

    private static final Logger LOG = LoggerFactory.getLogger(FenceLadder.class);

    private final List<FenceLevel> levels;
    private final List<FenceLevel> followUps;

    private FenceLadder(Builder b) {
        this.levels = List.copyOf(b.levels);
        this.followUps = List.copyOf(b.followUps);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("a fence ladder needs at least one level");
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public FenceResult fence(Node node) {
        return fence(node, true);
    }

    /**
     * Fences a node, trying the levels that need its BMC last when the BMC is known to be silent
     * (a total power loss): no time is lost waiting on a dead BMC before shutting the ports.
     *
     * @param node the node
     * @param bmcAnswers false when the detector says the BMC is silent
     * @return how it was fenced: the holding level's method, with every step in the detail
     * @throws FencingException when no level could be verified
     */
    public FenceResult fence(Node node, boolean bmcAnswers) {
        List<FenceLevel> order = new ArrayList<>(levels);
        if (!bmcAnswers) {
            order.sort((a, b) -> Boolean.compare(a.usesBmc(), b.usesBmc()));
        }
        List<String> tried = new ArrayList<>();
        for (FenceLevel level : order) {
            FenceResult held;
            try {
                held = level.fence(node);
            } catch (RuntimeException e) {
                // Any failure of a level, even a driver's bug, only means this level did not hold.
                LOG.warn("fence level {} failed for {}: {}", level.name(), node.id(), e.getMessage());
                tried.add(level.name() + ": " + e.getMessage());
                continue;
            }
            StringBuilder detail = new StringBuilder(level.name()).append(": ").append(held.detail());
            for (FenceLevel then : followUps) {
                try {
                    detail.append("; ").append(then.name()).append(": ").append(then.fence(node).detail());
                } catch (RuntimeException e) {
                    // The node is already off or cut off; the failover's own volume step retries this.
                    detail.append("; ").append(then.name()).append(" failed: ").append(e.getMessage());
                }
            }
            return new FenceResult(held.method(), detail.toString());
        }
        throw new FencingException("no fence level could be verified for " + node.id() + ": " + String.join("; ", tried));
    }

    /** Builds a {@link FenceLadder}. */
    public static final class Builder {
        private final List<FenceLevel> levels = new ArrayList<>();
        private final List<FenceLevel> followUps = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a level, tried after those added before.
         *
         * @param level the level
         * @return this builder
         */
        public Builder level(FenceLevel level) {
            levels.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        /**
         * Adds a follow-up, run once a level has held; its failure is reported, not fatal.
         *
         * @param level the follow-up
         * @return this builder
         */
        public Builder then(FenceLevel level) {
            followUps.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        /** @return the ladder */
        public FenceLadder build() {
            return new FenceLadder(this);
        }
    }
}
