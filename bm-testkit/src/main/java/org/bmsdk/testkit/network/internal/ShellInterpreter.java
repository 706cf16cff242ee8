package org.bmsdk.testkit.network.internal;

/**
 * One CLI session of a simulated switch, whatever its dialect: the prompt to print, and what a
 * typed line prints. {@link CliShell} runs it on an SSH channel.
 */
interface ShellInterpreter {

    /** @return the prompt to print now */
    String prompt();

    /** @return lines per page, 0 when paging is off */
    int pageLength();

    /** @return whether the next line is a password, not to be echoed */
    boolean awaitingSecret();

    /**
     * Runs a line.
     *
     * @param line what was typed, without the line end
     * @return what the switch prints
     */
    CliInterpreter.Reply execute(String line);
}
