package org.bmsdk.testkit.ipmi;

import java.time.Duration;
import java.util.Objects;
import org.bmsdk.testkit.ipmi.internal.BmcEngine;
import org.bmsdk.testkit.ipmi.internal.FaultState;

/**
 * The faults of one simulated IPMI BMC, injected by tests: one object per BMC, from
 * {@link SimulatedIpmi#faults()}. Faults of the machine behind it (a hung shutdown, a crash) are on
 * the machine's own {@link org.bmsdk.testkit.machine.MachineFaults}.
 *
 * <p>Loss and silence act on datagrams, in both directions, before anything else: a lost request
 * is never seen, a lost answer was still acted on (as on a real network). Busy answers count down.
 */
public final class IpmiFaults {

    private final BmcEngine bmc;
    private final FaultState state;

    IpmiFaults(BmcEngine bmc) {
        this.bmc = bmc;
        this.state = bmc.faults();
    }

    /**
     * Loses datagrams at random, in both directions, with a seeded generator so that a failing run
     * can be repeated.
     *
     * @param probability 0 (none) to below 1, for each datagram in and each datagram out
     * @param seed the generator's seed
     * @return this object
     */
    public IpmiFaults packetLoss(double probability, long seed) {
        return packetLoss(probability, probability, seed);
    }

    /**
     * Loses datagrams at random, with a probability for each direction.
     *
     * @param inbound the probability of losing a datagram to the BMC, 0..1 (exclusive)
     * @param outbound the probability of losing one from it, 0..1 (exclusive)
     * @param seed the generator's seed
     * @return this object
     */
    public IpmiFaults packetLoss(double inbound, double outbound, long seed) {
        check(inbound);
        check(outbound);
        state.loss(inbound, outbound, seed);
        return this;
    }

    private static void check(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("a loss probability must be in [0, 1), but was " + p);
        }
    }

    /** @return how many datagrams the loss fault dropped so far */
    public long lostDatagrams() {
        return state.lost();
    }

    /**
     * Delays every datagram the BMC sends, as a slow BMC does.
     *
     * @param delay not negative; zero removes it
     * @return this object
     */
    public IpmiFaults delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, but was " + delay);
        }
        state.delay(delay);
        return this;
    }

    /**
     * Answers the next IPMI commands of sessions with completion code C0h "node busy" without
     * running them. Calls add up.
     *
     * @param requests how many, at least 1
     * @return this object
     */
    public IpmiFaults busy(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1, but was " + requests);
        }
        state.busy(requests);
        return this;
    }

    /**
     * Makes the BMC use a wrong key in RAKP, as a BMC whose password was changed behind the
     * client's back: the client cannot verify RAKP 2, and a RAKP 3 it sends anyway is answered with
     * RAKP 4 status 0Fh "invalid integrity check value".
     *
     * @return this object
     */
    public IpmiFaults wrongKey() {
        state.wrongKey(true);
        return this;
    }

    /**
     * Refuses every login: RAKP 2 answers status 0Dh "unauthorized name", as for a locked account.
     *
     * @return this object
     */
    public IpmiFaults refuseLogins() {
        state.refuseLogins(true);
        return this;
    }

    /**
     * Goes silent: datagrams are read and neither acted on nor answered, as a hung BMC.
     *
     * @return this object
     */
    public IpmiFaults silence() {
        state.silent(true);
        return this;
    }

    /**
     * Forgets every session at once, as a BMC reset does; their next packets are dropped.
     *
     * @return this object
     */
    public IpmiFaults dropSessions() {
        bmc.dropSessions();
        return this;
    }

    /** Removes every fault set here. */
    public void clear() {
        state.clear();
    }
}
