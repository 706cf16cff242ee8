package org.bmsdk.ssh;

import java.time.Duration;

/**
 * A logged-in SSH connection. Commands and shells each run on their own channel of the one
 * connection, so several threads may use it at once (a server limits the channels per connection:
 * OpenSSH allows 10 by default, many switches fewer).
 *
 * <p>Thread-safe and closeable; closing it closes its shells.
 */
public interface SshConnection extends AutoCloseable {

    /**
     * The server's address as errors name it.
     *
     * @return {@code ssh://host:port}
     */
    String endpoint();

    /**
     * Runs a command with the connection's {@link SshOptions#commandTimeout() command timeout}.
     *
     * @param command the command line, as a remote shell reads it
     * @return its exit status and output
     * @see #exec(String, Duration)
     */
    ExecResult exec(String command);

    /**
     * Runs a command without a terminal (as {@code ssh host command} does) and waits for it to end.
     * Standard output and standard error are kept apart.
     *
     * <p>When the command is not done in time, an {@link org.bmsdk.api.OperationTimeoutException}
     * is thrown at once and the connection stays usable. The command is sent {@code SIGKILL} and
     * its channel is closed, but a server may ignore the signal (OpenSSH does for root's sessions)
     * and let the command run to its end; until then its channel counts against the server's
     * limit of channels per connection.
     *
     * @param command the command line, as a remote shell reads it
     * @param timeout how long the command may run, positive
     * @return its exit status and output
     * @throws org.bmsdk.api.OperationTimeoutException when the command did not end in time
     * @throws org.bmsdk.api.TransportException when the connection broke or the server refused the channel
     * @throws IllegalStateException when this connection was closed
     */
    ExecResult exec(String command, Duration timeout);

    /**
     * Starts a command without a terminal and hands its standard input and output over as streams,
     * for data too large to hold in memory; {@link #exec(String, Duration)} is simpler for anything
     * else. The command runs until it ends or the process is closed; no timeout applies.
     *
     * @param command the command line, as a remote shell reads it
     * @return the running command; close it when done
     * @throws org.bmsdk.api.TransportException when the connection broke or the server refused the channel
     * @throws IllegalStateException when this connection was closed
     */
    SshProcess start(String command);

    /**
     * Opens an interactive shell on a terminal (a pty), as a person logging in would get: for
     * device CLIs that only talk to a terminal, and for sequences of commands that share state
     * (a switch's configuration mode).
     *
     * @return the open shell; close it when done
     * @throws org.bmsdk.api.TransportException when the connection broke or the server refused the shell
     * @throws IllegalStateException when this connection was closed
     */
    SshShell shell();

    /**
     * Opens an interactive shell on a terminal (a pty) and hands its raw streams over, uncleaned:
     * for byte streams that must reach the caller as the device sent them, such as a BMC's serial
     * console behind its CLI ({@code console com2}, {@code vsp}). {@link #shell()} is the better
     * choice for driving a CLI by its prompts. Standard error stays empty (a terminal has one output).
     *
     * @return the running shell; close it when done
     * @throws org.bmsdk.api.TransportException when the connection broke or the server refused the shell
     * @throws IllegalStateException when this connection was closed
     * @throws UnsupportedOperationException when the implementation offers no raw terminal
     */
    default SshProcess terminal() {
        throw new UnsupportedOperationException(getClass().getName() + " offers no raw terminal");
    }

    /**
     * Whether the connection is still up: not closed, and not dropped by the server or the network.
     *
     * @return true while usable
     */
    boolean isOpen();

    /** Closes the shells and the connection. Idempotent. */
    @Override
    void close();
}
