package org.bmsdk.testkit.ipmi.internal;

import java.time.Duration;
import java.util.Random;

/** The faults set on one simulated IPMI BMC; every method is thread-safe. */
public final class FaultState {

    private double inboundLoss;
    private double outboundLoss;
    private Random random = new Random(0);
    private volatile Duration delay = Duration.ZERO;
    private int busy;
    private volatile boolean wrongKey;
    private volatile boolean refuseLogins;
    private volatile boolean silent;
    private long lost;

    public synchronized void loss(double inbound, double outbound, long seed) {
        this.inboundLoss = inbound;
        this.outboundLoss = outbound;
        this.random = new Random(seed);
    }

    /** @return whether to drop this datagram, drawn from the seeded generator */
    synchronized boolean lose(boolean inbound) {
        double p = inbound ? inboundLoss : outboundLoss;
        if (p > 0 && random.nextDouble() < p) {
            lost++;
            return true;
        }
        return false;
    }

    public synchronized long lost() {
        return lost;
    }

    public void delay(Duration value) {
        delay = value;
    }

    Duration delay() {
        return delay;
    }

    public synchronized void busy(int requests) {
        busy += requests;
    }

    /** @return whether this request is answered "node busy" (and counts it) */
    synchronized boolean takeBusy() {
        if (busy > 0) {
            busy--;
            return true;
        }
        return false;
    }

    public void wrongKey(boolean value) {
        wrongKey = value;
    }

    boolean wrongKey() {
        return wrongKey;
    }

    public void refuseLogins(boolean value) {
        refuseLogins = value;
    }

    boolean refuseLogins() {
        return refuseLogins;
    }

    public void silent(boolean value) {
        silent = value;
    }

    boolean silent() {
        return silent;
    }

    public synchronized void clear() {
        inboundLoss = 0;
        outboundLoss = 0;
        delay = Duration.ZERO;
        busy = 0;
        wrongKey = false;
        refuseLogins = false;
        silent = false;
    }
}
