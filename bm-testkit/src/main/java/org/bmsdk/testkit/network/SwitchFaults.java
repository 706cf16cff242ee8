package org.bmsdk.testkit.network;

import java.time.Duration;
import java.util.Objects;
import org.bmsdk.testkit.network.internal.FaultPlan;

/**
 * Faults to inject into one simulated switch. Commands are matched by the start of their line,
 * ignoring case and extra blanks ({@code "vlan 100"} matches {@code "VLAN  100"} and
 * {@code "vlan 1000"}); a one-shot fault is used up by the first line it matches. Thread-safe.
 *
 * <pre>{@code
 * sw.faults().dropSessionOn("switchport access vlan");   // the next such line kills the SSH session
 * sw.faults().failNext("vlan 300", "% VLAN table full");  // the next such line prints an error instead
 * }</pre>
 */
public final class SwitchFaults {

    private final FaultPlan plan;

    SwitchFaults(FaultPlan plan) {
        this.plan = plan;
    }

    /**
     * Refuses every login (wrong password, as the client sees it) until {@link #acceptLogin()}.
     *
     * @return this
     */
    public SwitchFaults refuseLogin() {
        plan.refuseLogin(true);
        return this;
    }

    /**
     * Accepts the right password again.
     *
     * @return this
     */
    public SwitchFaults acceptLogin() {
        plan.refuseLogin(false);
        return this;
    }

    /**
     * Drops the SSH session, without a word, when the next line starting with {@code prefix} is
     * typed; the line does not run.
     *
     * @param prefix the start of the command line
     * @return this
     */
    public SwitchFaults dropSessionOn(String prefix) {
        plan.dropOn(Objects.requireNonNull(prefix, "prefix"));
        return this;
    }

    /**
     * Makes the next line starting with {@code prefix} print {@code errorLine} instead of running.
     *
     * @param prefix the start of the command line
     * @param errorLine what the switch prints, such as {@code % VLAN table full}
     * @return this
     */
    public SwitchFaults failNext(String prefix, String errorLine) {
        plan.failNext(Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(errorLine, "errorLine"));
        return this;
    }

    /**
     * Holds back every reply, a slow switch.
     *
     * @param perReply the delay; zero for none
     * @return this
     */
    public SwitchFaults delay(Duration perReply) {
        if (perReply.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, but was " + perReply);
        }
        plan.delay(perReply);
        return this;
    }

    /**
     * Limits the SSH sessions open at once, as a switch's VTY lines do: one more is closed as soon
     * as it connects.
     *
     * @param max 1 or more
     * @return this
     */
    public SwitchFaults maxSessions(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, but was " + max);
        }
        plan.maxSessions(max);
        return this;
    }

    /**
     * Makes the configuration database locked by another user (Junos's {@code configure exclusive}):
     * every commit, and every {@code configure exclusive}, prints {@code error: configuration
     * database locked by: ...} until {@link #unlockConfiguration()}.
     *
     * @param holder the user that holds the lock, such as {@code netops}
     * @return this
     */
    public SwitchFaults lockConfiguration(String holder) {
        plan.lockConfiguration(Objects.requireNonNull(holder, "holder"), -1);
        return this;
    }

    /**
     * Makes the configuration database locked by another user for the next {@code commits} commits
     * (Junos), then free: a client that retries gets through.
     *
     * @param holder the user that holds the lock
     * @param commits 1 or more
     * @return this
     */
    public SwitchFaults lockConfiguration(String holder, int commits) {
        if (commits < 1) {
            throw new IllegalArgumentException("commits must be at least 1, but was " + commits);
        }
        plan.lockConfiguration(Objects.requireNonNull(holder, "holder"), commits);
        return this;
    }

    /**
     * Releases the configuration lock.
     *
     * @return this
     */
    public SwitchFaults unlockConfiguration() {
        plan.unlockConfiguration();
        return this;
    }

    /**
     * Removes every fault.
     *
     * @return this
     */
    public SwitchFaults clear() {
        plan.clear();
        return this;
    }
}
