package org.bmsdk.ssh;

import java.util.Objects;

/**
 * What a command run by {@link SshConnection#exec(String, java.time.Duration)} left behind: its exit
 * status and everything it wrote, decoded as UTF-8. A non-zero status is not an error here: what it
 * means is for the caller (a switch driver, a storage driver) to decide.
 *
 * @param exitStatus the command's exit status; {@code -1} when the server reported none (the
 *     command was killed by a signal, or the server does not send exit statuses)
 * @param stdout what the command wrote to standard output
 * @param stderr what the command wrote to standard error
 */
public record ExecResult(int exitStatus, String stdout, String stderr) {

    /** Validates that no output is null. */
    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /**
     * Whether the command exited with status 0.
     *
     * @return true on success
     */
    public boolean isSuccess() {
        return exitStatus == 0;
    }
}
