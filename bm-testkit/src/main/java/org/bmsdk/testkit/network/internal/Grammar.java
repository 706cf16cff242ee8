package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A CLI's command table as data: each {@link Syntax} is a pattern of words, such as
 * {@code switchport trunk allowed vlan add <vlans>}, the mode it is valid in and the action it
 * names. Keywords may be shortened to any unique prefix ({@code conf t}, {@code sh run}), as on
 * IOS and EOS. Matching says which syntax a line is, or why none is: the word where the input stops
 * making sense (for the caret), a line that ends too early, or a prefix that fits several keywords.
 */
final class Grammar {

    /** The kinds of argument a pattern may hold, written {@code <vlan>}, {@code <vlans>} and so on. */
    enum Arg {
        /** One VLAN id, 1..4094. */
        VLAN,
        /** A VLAN list, {@code 10,20,30-40}. */
        VLANS,
        /** An interface name of the switch, in any abbreviation it accepts. */
        IFACE,
        /** A non-negative number. */
        NUM,
        /** One word. */
        WORD,
        /** The rest of the line, at least one word. */
        REST
    }

    /**
     * One command form.
     *
     * @param mode the mode it is valid in
     * @param words keywords and {@code <arg>} placeholders
     * @param action what it does
     */
    record Syntax(CliMode mode, List<String> words, Action action) {
        static Syntax of(CliMode mode, String pattern, Action action) {
            return new Syntax(mode, List.of(pattern.split(" ")), action);
        }
    }

    /** How a line matched: the syntax and its arguments in order (for REST, the rest of the line). */
    record Match(Syntax syntax, List<String> args) {
    }

    /** Why a line matched nothing. */
    enum Failure { INVALID, INCOMPLETE, AMBIGUOUS }

    /**
     * The result: a match, or a failure with the word index where the input went wrong.
     *
     * @param match the match, or null
     * @param failure the failure, or null
     * @param word the index of the offending word (INVALID)
     */
    record Result(Match match, Failure failure, int word) {
    }

    private final List<Syntax> table;

    Grammar(List<Syntax> table) {
        this.table = List.copyOf(table);
    }

    /**
     * This table with more commands.
     *
     * @param more the commands to add
     * @return a new grammar, or this one when there are none
     */
    Grammar plus(List<Syntax> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Syntax> all = new ArrayList<>(table);
        all.addAll(more);
        return new Grammar(all);
    }

    /**
     * Matches a line.
     *
     * @param modes the modes whose commands apply, innermost first (sub-modes accept global commands)
     * @param words the line split on blanks
     * @param iface resolves an interface word to the port's full name, or null when there is no such port
     * @return the result
     */
    Result match(List<CliMode> modes, List<String> words, Function<String, String> iface) {
        List<Match> full = new ArrayList<>();
        List<Boolean> exact = new ArrayList<>();
        boolean incomplete = false;
        int furthest = 0;
        for (CliMode mode : modes) {
            for (Syntax s : table) {
                if (s.mode() != mode) {
                    continue;
                }
                List<String> args = new ArrayList<>();
                boolean allExact = true;
                int i = 0;
                int failedAt = -1;
                for (int w = 0; w < s.words().size(); w++) {
                    String p = s.words().get(w);
                    if (i >= words.size()) {
                        failedAt = -2;
                        break;
                    }
                    String t = words.get(i);
                    if (p.startsWith("<")) {
                        Arg arg = Arg.valueOf(p.substring(1, p.length() - 1).toUpperCase(Locale.ROOT));
                        if (arg == Arg.REST) {
                            args.add(String.join(" ", words.subList(i, words.size())));
                            i = words.size();
                            continue;
                        }
                        String value = argument(arg, t, iface);
                        if (value == null) {
                            failedAt = i;
                            break;
                        }
                        args.add(value);
                    } else {
                        String lower = t.toLowerCase(Locale.ROOT);
                        if (!p.startsWith(lower)) {
                            failedAt = i;
                            break;
                        }
                        allExact &= p.equals(lower);
                    }
                    i++;
                }
                if (failedAt == -2) {
                    incomplete = true;
                } else if (failedAt >= 0) {
                    furthest = Math.max(furthest, failedAt);
                } else if (i < words.size()) {
                    furthest = Math.max(furthest, i);
                } else {
                    full.add(new Match(s, args));
                    exact.add(allExact);
                }
            }
            if (!full.isEmpty()) {
                break;
            }
        }
        if (full.size() == 1) {
            return new Result(full.get(0), null, 0);
        }
        if (full.size() > 1) {
            List<Match> exactOnes = new ArrayList<>();
            for (int k = 0; k < full.size(); k++) {
                if (exact.get(k)) {
                    exactOnes.add(full.get(k));
                }
            }
            return exactOnes.size() == 1 ? new Result(exactOnes.get(0), null, 0) : new Result(null, Failure.AMBIGUOUS, 0);
        }
        return incomplete ? new Result(null, Failure.INCOMPLETE, 0) : new Result(null, Failure.INVALID, furthest);
    }

    private static String argument(Arg arg, String t, Function<String, String> iface) {
        switch (arg) {
            case VLAN:
                Integer v = VlanLists.vlan(t);
                return v == null ? null : v.toString();
            case VLANS:
                return VlanLists.parse(t) == null ? null : t;
            case IFACE:
                return iface.apply(t);
            case NUM:
                return t.chars().allMatch(Character::isDigit) && t.length() < 9 ? t : null;
            case WORD:
                return t;
            default:
                throw new AssertionError(arg);
        }
    }
}
