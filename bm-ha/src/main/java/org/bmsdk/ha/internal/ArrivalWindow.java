package org.bmsdk.ha.internal;

/**
 * The last intervals between a node's heartbeats, in milliseconds, with their running sum and sum
 * of squares so that mean and deviation cost nothing to read. Not thread-safe: its owner locks.
 */
public final class ArrivalWindow {

    private final long[] intervals;
    private int size;
    private int next;
    private double sum;
    private double sumOfSquares;

    /**
     * Creates an empty window.
     *
     * @param capacity how many intervals it keeps
     */
    public ArrivalWindow(int capacity) {
        this.intervals = new long[capacity];
    }

    /**
     * Adds an interval, dropping the oldest when full.
     *
     * @param millis the interval
     */
    public void add(long millis) {
        if (size == intervals.length) {
            long old = intervals[next];
            sum -= old;
            sumOfSquares -= (double) old * old;
        } else {
            size++;
        }
        intervals[next] = millis;
        next = (next + 1) % intervals.length;
        sum += millis;
        sumOfSquares += (double) millis * millis;
    }

    /** @return how many intervals it holds */
    public int size() {
        return size;
    }

    /** @return the mean interval; 0 when empty */
    public double mean() {
        return size == 0 ? 0 : sum / size;
    }

    /** @return the standard deviation of the intervals; 0 with fewer than two */
    public double stdDev() {
        if (size < 2) {
            return 0;
        }
        double m = mean();
        return Math.sqrt(Math.max(0, sumOfSquares / size - m * m));
    }
}
