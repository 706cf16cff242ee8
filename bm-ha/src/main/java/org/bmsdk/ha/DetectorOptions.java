package org.bmsdk.ha;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link PhiAccrualDetector} judges silence.
 *
 * <p>A node whose heartbeats arrive steadily is declared failed once it has been silent for the
 * {@linkplain Builder#detectionTime detection time}. A node whose heartbeats jitter gets more, in
 * proportion to its own jitter (the phi-accrual part), but never more than the
 * {@linkplain #jitterAllowance() jitter allowance}, so the detection time stays bounded whatever a
 * node's history.
 */
public final class DetectorOptions {

    /** vSphere HA's figure, against 40 s or more for Kubernetes. */
    public static final Duration DEFAULT_DETECTION_TIME = Duration.ofSeconds(15);

    private final Duration detectionTime;
    private final Duration probeInterval;
    private final double phiThreshold;
    private final int window;

    private DetectorOptions(Builder b) {
        this.detectionTime = b.detectionTime;
        this.probeInterval = b.probeInterval;
        this.phiThreshold = b.phiThreshold;
        this.window = b.window;
        if (probeInterval.multipliedBy(3).compareTo(detectionTime) > 0) {
            throw new IllegalArgumentException("detectionTime must be at least 3 probe intervals (" + probeInterval.multipliedBy(3)
                    + "), but was " + detectionTime);
        }
    }

    /** @return the defaults: 15 s detection, a probe a second, phi threshold 8, 100 intervals remembered */
    public static DetectorOptions defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return silence after which a steady node is declared failed */
    public Duration detectionTime() {
        return detectionTime;
    }

    /** @return the expected interval between heartbeats, the prior before a node has a history */
    public Duration probeInterval() {
        return probeInterval;
    }

    /** @return the phi above which a late heartbeat counts (8: one chance in 10^8 that it is merely late) */
    public double phiThreshold() {
        return phiThreshold;
    }

    /** @return how many recent intervals make a node's history */
    public int window() {
        return window;
    }

    /** @return the most a jittery node's detection may exceed {@link #detectionTime()}: a quarter of it */
    public Duration jitterAllowance() {
        return detectionTime.dividedBy(4);
    }

    /** Builds {@link DetectorOptions}. */
    public static final class Builder {
        private Duration detectionTime = DEFAULT_DETECTION_TIME;
        private Duration probeInterval = Duration.ofSeconds(1);
        private double phiThreshold = 8.0;
        private int window = 100;

        private Builder() {
        }

        /**
         * Sets the detection time.
         *
         * @param value silence after which a steady node is failed; at least 3 probe intervals
         * @return this builder
         */
        public Builder detectionTime(Duration value) {
            this.detectionTime = positive(value, "detectionTime");
            return this;
        }

        /**
         * Sets the probe interval.
         *
         * @param value the expected time between heartbeats
         * @return this builder
         */
        public Builder probeInterval(Duration value) {
            this.probeInterval = positive(value, "probeInterval");
            return this;
        }

        /**
         * Sets the phi threshold.
         *
         * @param value above 0; higher waits longer for a jittery node
         * @return this builder
         */
        public Builder phiThreshold(double value) {
            if (!(value > 0 && value <= 16)) {
                throw new IllegalArgumentException("phiThreshold must be in (0, 16], but was " + value);
            }
            this.phiThreshold = value;
            return this;
        }

        /**
         * Sets the history length.
         *
         * @param value intervals remembered, 2 to 10000
         * @return this builder
         */
        public Builder window(int value) {
            if (value < 2 || value > 10_000) {
                throw new IllegalArgumentException("window must be in 2..10000, but was " + value);
            }
            this.window = value;
            return this;
        }

        /** @return the options */
        public DetectorOptions build() {
            return new DetectorOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + d);
            }
            return d;
        }
    }
}
