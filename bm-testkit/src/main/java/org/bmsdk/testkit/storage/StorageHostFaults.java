package org.bmsdk.testkit.storage;

import java.time.Duration;
import java.util.Objects;
import org.bmsdk.testkit.storage.internal.HostFaultPlan;

/**
 * Faults to inject into a simulated storage host. A command is matched by the start of its words
 * joined by single spaces, unquoted, with tgtadm's {@code -C N} left out: {@code "tgtadm --lld
 * iscsi --mode target --op new"} matches the driver's target creation. A one-shot fault is used up
 * by the first command it matches. Thread-safe.
 *
 * <pre>{@code
 * host.faults().failNext("tgtadm --lld iscsi --mode account --op new", "tgtadm: out of memory", 12);
 * host.faults().dropSessionOn("truncate");       // the SSH session dies before the file gets its size
 * }</pre>
 */
public final class StorageHostFaults {

    private final HostFaultPlan plan;

    StorageHostFaults(HostFaultPlan plan) {
        this.plan = plan;
    }

    /**
     * Refuses every SSH login (wrong password, as the client sees it) until {@link #acceptLogin()}.
     *
     * @return this
     */
    public StorageHostFaults refuseLogin() {
        plan.refuseLogin(true);
        return this;
    }

    /**
     * Accepts the right password again.
     *
     * @return this
     */
    public StorageHostFaults acceptLogin() {
        plan.refuseLogin(false);
        return this;
    }

    /**
     * Makes the next matching command print {@code stderrLine} and exit with {@code status}
     * instead of running.
     *
     * @param prefix the start of the command
     * @param stderrLine what it prints on stderr
     * @param status its exit status, 1 to 255
     * @return this
     */
    public StorageHostFaults failNext(String prefix, String stderrLine, int status) {
        if (status < 1 || status > 255) {
            throw new IllegalArgumentException("exit status must be in 1..255, but was " + status);
        }
        plan.failNext(Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(stderrLine, "stderrLine"), status);
        return this;
    }

    /**
     * Drops the SSH session, without an exit status, when the next matching command is about to
     * run; it does not run, nor does anything after it on the line.
     *
     * @param prefix the start of the command
     * @return this
     */
    public StorageHostFaults dropSessionOn(String prefix) {
        plan.dropOn(Objects.requireNonNull(prefix, "prefix"));
        return this;
    }

    /**
     * Refuses every iSCSI login with "out of resources" (status 0x0302) until {@link #acceptIscsiLogin()}.
     *
     * @return this
     */
    public StorageHostFaults refuseIscsiLogin() {
        plan.refuseIscsiLogin(true);
        return this;
    }

    /**
     * Accepts iSCSI logins again.
     *
     * @return this
     */
    public StorageHostFaults acceptIscsiLogin() {
        plan.refuseIscsiLogin(false);
        return this;
    }

    /**
     * Holds back every command line, a slow host.
     *
     * @param perCommand the delay; zero for none
     * @return this
     */
    public StorageHostFaults delay(Duration perCommand) {
        if (perCommand.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, but was " + perCommand);
        }
        plan.delay(perCommand);
        return this;
    }

    /**
     * Removes every fault.
     *
     * @return this
     */
    public StorageHostFaults clear() {
        plan.clear();
        return this;
    }
}
