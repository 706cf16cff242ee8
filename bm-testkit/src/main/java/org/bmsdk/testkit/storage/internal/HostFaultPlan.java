package org.bmsdk.testkit.storage.internal;

import java.time.Duration;
import org.bmsdk.testkit.internal.OneShots;

/**
 * The faults injected into a simulated storage host, consulted by its SSH server, its shell and
 * its iSCSI portal. Thread-safe. One-shot faults match a command by the start of its words joined
 * by single spaces (tgtadm's {@code -C N} left out), and are used up by the first command they match.
 */
public final class HostFaultPlan {

    /** A command that fails instead of running. */
    public record Failure(String prefix, String stderr, int status) {
    }

    private boolean refuseLogin;
    private boolean refuseIscsiLogin;
    private Duration delay = Duration.ZERO;
    private final OneShots<Failure> failures = new OneShots<>();
    private final OneShots<String> drops = new OneShots<>();

    /** @param refuse whether every SSH login is refused */
    public synchronized void refuseLogin(boolean refuse) {
        this.refuseLogin = refuse;
    }

    /** @return whether SSH logins are refused */
    public synchronized boolean loginRefused() {
        return refuseLogin;
    }

    /** @param refuse whether every iSCSI login is refused (as a target out of resources) */
    public synchronized void refuseIscsiLogin(boolean refuse) {
        this.refuseIscsiLogin = refuse;
    }

    /** @return whether iSCSI logins are refused */
    public synchronized boolean iscsiLoginRefused() {
        return refuseIscsiLogin;
    }

    /** @param perCommand how long each command is held back */
    public synchronized void delay(Duration perCommand) {
        this.delay = perCommand;
    }

    /** @return how long each command is held back */
    public synchronized Duration delay() {
        return delay;
    }

    /** Plans a failure. */
    public synchronized void failNext(String prefix, String stderr, int status) {
        failures.add(new Failure(prefix.strip(), stderr, status));
    }

    /** Plans a dropped session. */
    public synchronized void dropOn(String prefix) {
        drops.add(prefix.strip());
    }

    /** @return the failure planned for this command, used up; or null */
    public synchronized Failure takeFailure(String command) {
        return failures.take(f -> command.startsWith(f.prefix()));
    }

    /** @return whether the session must be dropped before this command, used up */
    public synchronized boolean takeDrop(String command) {
        return drops.take(command::startsWith) != null;
    }

    /** Removes every fault. */
    public synchronized void clear() {
        refuseLogin = false;
        refuseIscsiLogin = false;
        delay = Duration.ZERO;
        failures.clear();
        drops.clear();
    }
}
