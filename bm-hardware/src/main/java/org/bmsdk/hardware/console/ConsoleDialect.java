package org.bmsdk.hardware.console;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a vendor's BMC CLI over SSH hands over its serial console: the CLI prompt to wait for, the
 * command that connects the console, what the BMC prints once it is connected, what it prints when
 * it refuses, and the keys that leave the console for the CLI again.
 *
 * <p>Data, not code: a BMC not listed here is one more constant (or a user's own instance).
 *
 * @param id the dialect's name in endpoints ({@code ssh+idrac://…})
 * @param prompt the CLI prompt, matched against the end of what the BMC printed
 * @param command the command that connects the console
 * @param connected what the BMC prints once the console is connected; output after it is the
 *     machine's
 * @param refused what the BMC prints when it does not connect the console (in use, not licensed)
 * @param escape the keys that leave the console, sent before the session is closed
 */
public record ConsoleDialect(String id, Pattern prompt, String command, Pattern connected, Pattern refused, String escape) {

    /**
     * Dell iDRAC (7, 8, 9): the SSH login lands at the RACADM prompt {@code racadm>>} (older
     * firmware: the SM-CLP prompt {@code /admin1->}); {@code console com2} connects the host's
     * second serial port, and {@code Ctrl-\} leaves it.
     */
    public static final ConsoleDialect IDRAC = new ConsoleDialect("idrac",
            Pattern.compile("(racadm>>|/admin1->) ?$"), "console com2",
            Pattern.compile("(?i)connected to serial device[^\\n]*\\n(?:[^\\n]*to end type[^\\n]*\\n)?"),
            Pattern.compile("(?i)(error:|in use|unable to|not supported)[^\\n]*"), "\u001c");

    /**
     * HPE iLO (3, 4, 5, 6): the SSH login lands at the SM-CLP prompt {@code </>hpiLO->}; {@code vsp}
     * starts the Virtual Serial Port, and {@code ESC (} leaves it.
     */
    public static final ConsoleDialect ILO = new ConsoleDialect("ilo", Pattern.compile("</>hpiLO-> ?$"), "vsp",
            Pattern.compile("(?i)press 'esc \\(' to return to the cli session\\.?[^\\n]*\\n"),
            Pattern.compile("(?i)(status=[1-9]|command processing failed|in use|not licensed)[^\\n]*"), "\u001b(");

    private static final List<ConsoleDialect> KNOWN = List.of(IDRAC, ILO);

    /** Validates the components. */
    public ConsoleDialect {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(connected, "connected");
        Objects.requireNonNull(refused, "refused");
        Objects.requireNonNull(escape, "escape");
        if (id.isBlank() || command.isBlank()) {
            throw new IllegalArgumentException("a console dialect needs an id and a command");
        }
    }

    /**
     * The dialect of a name, as {@code ssh+NAME://} endpoints spell it.
     *
     * @param id {@code idrac} or {@code ilo}, in any case
     * @return the dialect, or empty when unknown
     */
    public static Optional<ConsoleDialect> of(String id) {
        String want = id.toLowerCase(Locale.ROOT);
        return KNOWN.stream().filter(d -> d.id.equals(want)).findFirst();
    }

    /** @return the names of the built-in dialects, for error messages */
    public static String knownIds() {
        return KNOWN.stream().map(ConsoleDialect::id).collect(Collectors.joining(", "));
    }
}
