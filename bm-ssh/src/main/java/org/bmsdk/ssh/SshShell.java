package org.bmsdk.ssh;

import java.time.Duration;
import java.util.regex.Pattern;
import org.bmsdk.api.credentials.Secret;

/**
 * An interactive shell on a terminal: send lines, read what comes back up to the next prompt. This
 * is how switch CLIs are driven (screen scraping, as netmiko does).
 *
 * <p>Text read is cleaned for matching and parsing: terminal escape sequences (colours, cursor
 * moves, bash's bracketed-paste {@code ESC[?2004h}) and carriage returns are removed, so lines end
 * in {@code \n}. The terminal is 511 columns wide, so that long command lines are not wrapped.
 *
 * <p>Thread-safe, but a shell is a conversation: one thread at a time should drive it.
 */
public interface SshShell extends AutoCloseable {

    /**
     * Sends a line, followed by a newline, as if typed.
     *
     * @param line the text, without the newline
     * @throws org.bmsdk.api.TransportException when the shell or the connection is gone
     */
    void send(String line);

    /**
     * Sends a secret line, such as an {@code enable} password at a {@code Password:} prompt. Unlike
     * {@link #send(String)}, it is never logged.
     *
     * @param secret the text, without the newline
     * @throws org.bmsdk.api.TransportException when the shell or the connection is gone
     */
    void sendSecret(Secret secret);

    /**
     * Waits until the cleaned output matches {@code prompt}, and returns what came before the match;
     * the match itself is consumed too, so the next call starts after it. The echo of the lines sent
     * is part of what is returned, as the terminal shows it.
     *
     * <p>The pattern is searched for in everything not yet consumed, so anchor it to the end
     * ({@code [#$>] $}) or make it specific enough not to match inside a command's output.
     *
     * @param prompt the prompt to wait for, such as {@code Pattern.compile("[>#] $")}
     * @param timeout how long to wait, positive
     * @return the cleaned text before the prompt, lines ending in {@code \n}
     * @throws org.bmsdk.api.OperationTimeoutException when the prompt did not come in time (what came
     *     meanwhile stays unconsumed)
     * @throws org.bmsdk.api.TransportException when the shell ended before the prompt came
     */
    String readUntil(Pattern prompt, Duration timeout);

    /**
     * Whether the shell is still running on the server.
     *
     * @return true until it exits or is closed
     */
    boolean isOpen();

    /** Ends the shell. Idempotent. */
    @Override
    void close();
}
