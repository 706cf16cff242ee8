package org.bmsdk.network.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a dialect's CLI looks and takes configuration, beyond its commands: the shape of its prompt,
 * whether a {@code >} prompt means {@code enable} is needed, how configuration mode shows in the
 * prompt, what is sent after the configuration lines to make them take effect (Junos's
 * {@code commit}, NVUE's {@code nv config apply -y}), and which error of that step means "someone
 * else holds the configuration, try again" (Junos's locked database), retried a bounded number of
 * times with a growing pause.
 *
 * @param firstPrompt any prompt of the dialect before the host is known; group 1 is the part that
 *     stays the same in every mode (the host name, or {@code user@host})
 * @param anyPrompt the prompt in every mode once group 1 is known: {@code {p}} stands for it, quoted
 * @param enable whether a prompt ending in {@code >} is user EXEC, left with {@code enable}
 * @param configMode matches the prompt (and the line before it) while in configuration mode
 * @param commit lines sent after the configuration lines, still in configuration mode; empty for none
 * @param locked an error line of a commit line that means the configuration is locked by someone
 *     else, or null when the dialect has no such lock
 * @param commitAttempts how many times a locked commit is tried in all
 * @param commitBackoff the pause before the first retry; it doubles at each retry
 * @param discardQuestion a question the CLI may ask when configuration mode is left with changes not
 *     committed (Junos), answered {@code yes}; null for none
 * @param abandon what throws away staged changes after a failed line on a CLI without a
 *     configuration mode (NVUE's {@code nv config detach}), so that the next operation does not
 *     apply them; null for none
 */
public record ConfigModel(Pattern firstPrompt, String anyPrompt, boolean enable, Pattern configMode, List<String> commit,
        Pattern locked, int commitAttempts, Duration commitBackoff, Pattern discardQuestion, String abandon) {

    /** A host name as prompts show it. */
    static final String HOST = "[A-Za-z0-9][A-Za-z0-9._-]*";

    /** The Cisco-like CLIs: {@code host>}, {@code host#}, {@code host(config-if)#}; no commit. */
    public static final ConfigModel CISCO = new ConfigModel(
            Pattern.compile("(?:^|\\n)(" + HOST + ")(?:\\([^)\\n]*\\))?[>#] ?$"), "(?:^|\\n){p}(?:\\([^)\\n]*\\))?[>#] ?$",
            true, Pattern.compile("\\(conf"), List.of(), null, 1, Duration.ZERO, null, null);

    /**
     * Junos: {@code user@host>} in operational mode and {@code user@host#} in configuration mode,
     * where every reply ends in an {@code [edit]} line; {@code commit} makes the candidate active
     * and is retried while another user holds the configuration database (5 tries, from 200 ms).
     */
    public static final ConfigModel JUNOS = new ConfigModel(
            Pattern.compile("(?:^|\\n)([A-Za-z0-9._-]+@" + HOST + ")[>#] ?$"), "(?:^|\\n){p}[>#] ?$|Exit with uncommitted changes\\? \\[yes,no\\] \\(yes\\) ?$",
            false, Pattern.compile("# ?$"), List.of("commit"),
            Pattern.compile("^error: configuration database locked by.*"), 5, Duration.ofMillis(200),
            Pattern.compile("Exit with uncommitted changes\\? \\[yes,no\\] \\(yes\\) ?$"), null);

    /** Validates. */
    public ConfigModel {
        Objects.requireNonNull(firstPrompt, "firstPrompt");
        Objects.requireNonNull(anyPrompt, "anyPrompt");
        Objects.requireNonNull(configMode, "configMode");
        commit = List.copyOf(commit);
        if (commitAttempts < 1) {
            throw new IllegalArgumentException("commitAttempts must be at least 1, but was " + commitAttempts);
        }
        Objects.requireNonNull(commitBackoff, "commitBackoff");
    }

    /**
     * A Linux shell's prompt, {@code user@host:dir$} ({@code #} as root), as on SONiC and Cumulus.
     *
     * @param configMode what shows configuration mode (root's {@code #}), or a pattern that never
     *     matches when there is none
     * @param commit lines that apply the configuration
     * @param abandon what throws staged changes away after a failure, or null
     * @return the model
     */
    public static ConfigModel linuxShell(Pattern configMode, List<String> commit, String abandon) {
        return new ConfigModel(Pattern.compile("(?:^|\\n)[A-Za-z0-9._-]+@(" + HOST + "):[^\\n]*[$#] ?$"),
                "(?:^|\\n)[A-Za-z0-9._-]+@{p}:[^\\n]*[$#] ?$", false, configMode, commit, null, 1, Duration.ZERO, null, abandon);
    }

    /**
     * The prompt pattern for one switch.
     *
     * @param fixed group 1 of the first prompt
     * @return the pattern
     */
    Pattern promptFor(String fixed) {
        return Pattern.compile(anyPrompt.replace("{p}", Pattern.quote(fixed)));
    }
}
