package org.bmsdk.testkit.network.internal;

import java.time.Duration;
import java.util.Locale;
import org.bmsdk.testkit.internal.OneShots;

/**
 * The faults injected into one simulated switch, consulted by its SSH server and CLI sessions.
 * Thread-safe. One-shot faults (a failed command, a dropped session) match a command by the start
 * of its line, ignoring case and surrounding blanks, and are used up by the first line they match.
 */
public final class FaultPlan {

    /** A command that prints an error instead of running. */
    private record Failure(String prefix, String errorLine) {
    }

    private boolean refuseLogin;
    private Duration delay = Duration.ZERO;
    private int maxSessions = Integer.MAX_VALUE;
    private final OneShots<Failure> failures = new OneShots<>();
    private final OneShots<String> drops = new OneShots<>();
    /** Who holds the configuration database (Junos), or null. */
    private String lockHolder;
    /** How many more commits find it locked; negative: until unlocked. */
    private int lockedCommits;

    /** @param refuse whether every login is refused */
    public synchronized void refuseLogin(boolean refuse) {
        this.refuseLogin = refuse;
    }

    /** @return whether logins are refused */
    public synchronized boolean loginRefused() {
        return refuseLogin;
    }

    /** @param perReply how long each reply is held back */
    public synchronized void delay(Duration perReply) {
        this.delay = perReply;
    }

    /** @return how long each reply is held back */
    public synchronized Duration delay() {
        return delay;
    }

    /** @param max how many SSH sessions may be open at once */
    public synchronized void maxSessions(int max) {
        this.maxSessions = max;
    }

    /** @return how many SSH sessions may be open at once */
    public synchronized int maxSessions() {
        return maxSessions;
    }

    /**
     * Makes the next command starting with {@code prefix} print {@code errorLine} instead of running.
     *
     * @param prefix the start of the command line
     * @param errorLine what the switch prints
     */
    public synchronized void failNext(String prefix, String errorLine) {
        failures.add(new Failure(norm(prefix), errorLine));
    }

    /**
     * Makes the next command starting with {@code prefix} drop the SSH session before it runs.
     *
     * @param prefix the start of the command line
     */
    public synchronized void dropOn(String prefix) {
        drops.add(norm(prefix));
    }

    /**
     * Uses up the failure planned for a line, if any.
     *
     * @param line the command line
     * @return the error line to print, or null to run the command
     */
    public synchronized String takeFailure(String line) {
        String l = norm(line);
        Failure f = failures.take(planned -> l.startsWith(planned.prefix()));
        return f == null ? null : f.errorLine();
    }

    /**
     * Uses up the drop planned for a line, if any.
     *
     * @param line the command line
     * @return true when the session must be dropped now
     */
    public synchronized boolean takeDrop(String line) {
        String l = norm(line);
        return drops.take(l::startsWith) != null;
    }

    /**
     * Makes the configuration database locked by another user, as {@code configure exclusive} does.
     *
     * @param holder the user that holds it
     * @param commits how many commits (and {@code configure exclusive}s) find it locked before it is
     *     released; negative for until {@link #unlockConfiguration()}
     */
    public synchronized void lockConfiguration(String holder, int commits) {
        this.lockHolder = holder;
        this.lockedCommits = commits;
    }

    /** Releases the configuration lock. */
    public synchronized void unlockConfiguration() {
        lockHolder = null;
        lockedCommits = 0;
    }

    /**
     * Uses up one locked commit, if the configuration is locked.
     *
     * @return who holds the lock, or null when it is free
     */
    public synchronized String takeConfigurationLock() {
        if (lockHolder == null) {
            return null;
        }
        String holder = lockHolder;
        if (lockedCommits > 0 && --lockedCommits == 0) {
            lockHolder = null;
        }
        return holder;
    }

    /** Removes every fault. */
    public synchronized void clear() {
        lockHolder = null;
        lockedCommits = 0;
        refuseLogin = false;
        delay = Duration.ZERO;
        maxSessions = Integer.MAX_VALUE;
        failures.clear();
        drops.clear();
    }

    private static String norm(String s) {
        return s.strip().replaceAll(" +", " ").toLowerCase(Locale.ROOT);
    }
}
