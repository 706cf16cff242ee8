package org.bmsdk.ha.internal;

/**
 * The phi of phi-accrual failure detection (Hayashibara et al., 2004): minus the decimal log of the
 * chance that a heartbeat, whose intervals are normally distributed, is still to come after this
 * much silence. The normal tail is taken from a logistic approximation, as Cassandra and Akka do,
 * which is within 0.1% and never returns NaN.
 */
public final class Phi {

    private Phi() {
    }

    /**
     * Phi after some silence.
     *
     * @param silence milliseconds since the last heartbeat
     * @param mean the mean interval, milliseconds
     * @param stdDev the deviation of the intervals, milliseconds, above 0
     * @return phi, at least 0; infinite when the chance underflows
     */
    public static double of(double silence, double mean, double stdDev) {
        return ofDeviations((silence - mean) / stdDev);
    }

    /**
     * Phi at a number of standard deviations past the mean.
     *
     * @param y deviations
     * @return phi
     */
    public static double ofDeviations(double y) {
        double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
        double later = y > 0 ? e / (1.0 + e) : 1.0 - 1.0 / (1.0 + e);
        return Math.max(0, -Math.log10(later));
    }

    /**
     * The number of deviations past the mean at which phi reaches a threshold.
     *
     * @param threshold the phi
     * @return the deviations, found by bisection (phi grows with them)
     */
    public static double deviationsFor(double threshold) {
        double lo = -10;
        double hi = 50;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (ofDeviations(mid) < threshold) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
