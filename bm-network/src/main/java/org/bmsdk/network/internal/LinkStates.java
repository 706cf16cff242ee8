package org.bmsdk.network.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;

/**
 * Reads the link state of every port from the tables of the dialects that are not Cisco-shaped
 * (the Cisco-shaped ones and Dell OS10 are {@link InterfaceStatus}): Junos's {@code show interfaces
 * terse}, SONiC's {@code show interfaces status} and Cumulus NVUE's {@code nv show interface}; a
 * {@link Table} pairs each dialect's command with its parser, for {@link SwitchCommands}. Each
 * parser finds its columns by the table's header and returns, by port, true when it has link; a
 * table without its header, or a row too short to hold the link column, is an
 * {@link IllegalArgumentException}, which {@link #parse} turns into the switch's
 * {@link DeviceException}.
 */
final class LinkStates {

    /**
     * A dialect's link-state command and the parser of what it prints.
     *
     * @param command the command, run outside configuration mode
     * @param parser by port, true when it has link; {@link IllegalArgumentException} when the table is malformed
     */
    record Table(String command, Function<String, Map<String, Boolean>> parser) {
    }

    /** Junos: the physical interfaces and their logical units, {@code Admin} and {@code Link} columns. */
    static final Table JUNOS = new Table("show interfaces terse", LinkStates::junosTerse);
    /** Dell OS10: Cisco-shaped, read as the Cisco dialects' table is. */
    static final Table OS10 = new Table(InterfaceStatus.COMMAND, text -> InterfaceStatus.parse("dell_os10", text));
    /** SONiC: a row per port and PortChannel; {@code Oper} is the link. */
    static final Table SONIC = new Table("show interfaces status", LinkStates::sonicStatus);
    /** Cumulus NVUE: a row per interface; {@code State} is the link. */
    static final Table NVUE = new Table("nv show interface", LinkStates::nvueInterfaces);

    private LinkStates() {
    }

    /**
     * Parses a switch's link-state table, as a {@link DeviceException} naming the switch when it
     * does not parse.
     *
     * @param switchId the switch, for the message
     * @param context the operation's context
     * @param text what the command printed
     * @param parser the dialect's parser
     * @return by port, true when it has link
     */
    static Map<String, Boolean> parse(String switchId, ErrorContext context, String text, Function<String, Map<String, Boolean>> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new DeviceException("switch " + switchId + " printed a link state table that does not parse: " + e.getMessage(),
                    context, e.getMessage(), false, e);
        }
    }

    /**
     * Junos's {@code show interfaces terse}: a physical interface has link when its {@code Admin}
     * and {@code Link} are both {@code up}. Logical units ({@code ge-0/0/1.0}) are left out: their
     * link is their port's. Lines that begin with blanks go on the row above (its further
     * addresses).
     *
     * @param text the table
     * @return by physical interface
     * @throws IllegalArgumentException when there is no {@code Interface Admin Link} header or a
     *     physical interface's row has no Admin and Link words
     */
    static Map<String, Boolean> junosTerse(String text) {
        Map<String, Boolean> links = new LinkedHashMap<>();
        boolean header = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.stripTrailing();
            if (!header) {
                header = words(line).size() >= 3 && words(line).subList(0, 3).equals(List.of("Interface", "Admin", "Link"));
                continue;
            }
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            List<String> w = words(line);
            if (w.get(0).contains(".")) {
                continue;
            }
            if (w.size() < 3) {
                throw new IllegalArgumentException("the row '" + line + "' has no Admin and Link state");
            }
            links.put(w.get(0), w.get(1).equals("up") && w.get(2).equals("up"));
        }
        if (!header) {
            throw new IllegalArgumentException("no 'Interface Admin Link' header in show interfaces terse");
        }
        return links;
    }

    /**
     * SONiC's {@code show interfaces status}: the word under {@code Oper}, counted in words (none of
     * the columns before it holds a blank; {@code Type}, after it, may). A port has link when it is
     * {@code up}.
     *
     * @param text the table
     * @return by port and PortChannel
     * @throws IllegalArgumentException when there is no header with an {@code Oper} column or a row
     *     is too short to have one
     */
    static Map<String, Boolean> sonicStatus(String text) {
        Map<String, Boolean> links = new LinkedHashMap<>();
        int oper = -1;
        for (String raw : text.split("\r?\n")) {
            List<String> w = words(raw);
            if (oper < 0) {
                if (!w.isEmpty() && w.get(0).equals("Interface")) {
                    oper = w.indexOf("Oper");
                    if (oper < 0) {
                        throw new IllegalArgumentException("the header '" + raw.strip() + "' has no Oper column");
                    }
                }
                continue;
            }
            if (w.isEmpty() || w.get(0).startsWith("-")) {
                continue;
            }
            if (w.size() <= oper) {
                throw new IllegalArgumentException("the row '" + raw.strip() + "' is too short to have an Oper state");
            }
            links.put(w.get(0), w.get(oper).equals("up"));
        }
        if (oper < 0) {
            throw new IllegalArgumentException("no 'Interface ... Oper' header in show interfaces status");
        }
        return links;
    }

    /**
     * Cumulus NVUE's {@code nv show interface}: the word under the header's {@code State}, found by
     * its column since the columns after it may be blank. A row whose name column is blank goes on
     * the one above (NVUE wraps the summary).
     *
     * @param text the table
     * @return by interface
     * @throws IllegalArgumentException when there is no such header or a row ends before the column
     */
    static Map<String, Boolean> nvueInterfaces(String text) {
        Map<String, Boolean> links = new LinkedHashMap<>();
        int state = -1;
        for (String raw : text.split("\r?\n")) {
            String line = raw.stripTrailing();
            if (state < 0) {
                if (line.startsWith("Interface ")) {
                    state = line.indexOf(" State") + 1;
                    if (state <= 0) {
                        throw new IllegalArgumentException("the header '" + line + "' has no State column");
                    }
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("-") || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String name = words(line).get(0);
            if (line.length() <= state || name.length() >= state || line.substring(state).isBlank()) {
                throw new IllegalArgumentException("the row '" + line + "' has no State");
            }
            links.put(name, words(line.substring(state)).get(0).equals("up"));
        }
        if (state < 0) {
            throw new IllegalArgumentException("no 'Interface ... State' header in nv show interface");
        }
        return links;
    }

    private static List<String> words(String line) {
        String s = line.strip();
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\\s+"));
    }
}
