package org.bmsdk.testkit.ramdisk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The part of POSIX sh the simulated ramdisk understands, parsed: lists joined by {@code ;},
 * {@code &&} and {@code ||}; simple commands whose words may be quoted with single quotes, double
 * quotes (where a backslash escapes {@code \ " $ `}) or a backslash; redirections of standard
 * output or error to a file ({@code >F}, {@code 2>F}, {@code >>F}) and {@code 2>&1}. No pipes,
 * no expansion, no subshells: a line that uses them is a syntax error, which a client meets at
 * once rather than as a command that silently did something else. Pure: parsing runs nothing.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** A line that cannot be parsed; the message is what follows bash's "syntax error". */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    /**
     * A redirection.
     *
     * @param fd 1 or 2
     * @param target the file, or null when it is {@code 2>&1}
     * @param append {@code >>} rather than {@code >}
     */
    public record Redirect(int fd, String target, boolean append) {
        /** @return whether this is {@code 2>&1} */
        public boolean toStdout() {
            return target == null;
        }
    }

    /**
     * A program and its arguments.
     *
     * @param words the program, then its arguments, unquoted
     * @param redirects its redirections, in order
     */
    public record Simple(List<String> words, List<Redirect> redirects) {
        /** Copies the lists. */
        public Simple {
            words = List.copyOf(words);
            redirects = List.copyOf(redirects);
        }
    }

    /**
     * Commands joined by {@code &&} and {@code ||}: {@code ops.get(i)} joins commands i and i+1.
     *
     * @param commands at least one
     * @param ops one fewer than the commands
     */
    public record AndOr(List<Simple> commands, List<String> ops) {
        /** Copies the lists. */
        public AndOr {
            commands = List.copyOf(commands);
            ops = List.copyOf(ops);
        }
    }

    /**
     * A whole line: and-or lists run one after the other.
     *
     * @param items the lists, possibly none (an empty line)
     */
    public record Script(List<AndOr> items) {
        /** Copies the list. */
        public Script {
            items = List.copyOf(items);
        }
    }

    private record Token(String op, String word, boolean quoted) {
        boolean isOp(String o) {
            return o.equals(op);
        }
    }

    /**
     * Parses a line.
     *
     * @param line the command line, as an SSH exec request carries it
     * @return the parsed line
     * @throws SyntaxError when it is not in the understood subset
     */
    public static Script parse(String line) throws SyntaxError {
        Objects.requireNonNull(line, "line");
        List<Token> tokens = tokenize(line);
        List<AndOr> items = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            if (tokens.get(i).isOp(";")) {
                if (items.isEmpty() && i == 0) {
                    throw new SyntaxError("near unexpected token `;'");
                }
                i++;
                continue;
            }
            List<Simple> commands = new ArrayList<>();
            List<String> ops = new ArrayList<>();
            i = simple(tokens, i, commands);
            while (i < tokens.size() && (tokens.get(i).isOp("&&") || tokens.get(i).isOp("||"))) {
                ops.add(tokens.get(i).op());
                i++;
                if (i >= tokens.size()) {
                    throw new SyntaxError("near unexpected end of line");
                }
                i = simple(tokens, i, commands);
            }
            items.add(new AndOr(commands, ops));
            if (i < tokens.size()) {
                if (!tokens.get(i).isOp(";")) {
                    throw new SyntaxError("near unexpected token `" + tokens.get(i).op() + "'");
                }
                i++;
                if (i < tokens.size() && tokens.get(i).isOp(";")) {
                    throw new SyntaxError("near unexpected token `;'");
                }
            }
        }
        return new Script(items);
    }

    private static int simple(List<Token> tokens, int start, List<Simple> into) throws SyntaxError {
        List<String> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        int i = start;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.word() != null) {
                words.add(t.word());
                i++;
            } else if (t.op().endsWith(">") || t.op().endsWith(">>")) {
                boolean append = t.op().endsWith(">>");
                int fd = t.op().startsWith("2") ? 2 : 1;
                if (i + 1 >= tokens.size() || tokens.get(i + 1).word() == null) {
                    throw new SyntaxError("near unexpected token `" + (i + 1 < tokens.size() ? tokens.get(i + 1).op() : "newline") + "'");
                }
                redirects.add(new Redirect(fd, tokens.get(i + 1).word(), append));
                i += 2;
            } else if (t.isOp("2>&1")) {
                redirects.add(new Redirect(2, null, false));
                i++;
            } else {
                break;
            }
        }
        if (words.isEmpty() && redirects.isEmpty()) {
            String at = i < tokens.size() ? tokens.get(i).op() : "newline";
            throw new SyntaxError("near unexpected token `" + at + "'");
        }
        into.add(new Simple(words, redirects));
        return i;
    }

    private static List<Token> tokenize(String line) throws SyntaxError {
        List<Token> tokens = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '\n' || c == ';') {
                tokens.add(new Token(";", null, false));
                i++;
            } else if (line.startsWith("&&", i) || line.startsWith("||", i)) {
                tokens.add(new Token(line.substring(i, i + 2), null, false));
                i += 2;
            } else if (line.startsWith("2>&1", i) && atWordStart(line, i)) {
                tokens.add(new Token("2>&1", null, false));
                i += 4;
            } else if ((c == '2' && i + 1 < n && line.charAt(i + 1) == '>' && atWordStart(line, i)) || c == '>') {
                int j = c == '2' ? i + 1 : i;
                boolean append = j + 1 < n && line.charAt(j + 1) == '>';
                String fd = c == '2' ? "2" : "";
                tokens.add(new Token(fd + (append ? ">>" : ">"), null, false));
                i = j + (append ? 2 : 1);
            } else if ("|&<()`".indexOf(c) >= 0) {
                throw new SyntaxError("near unexpected token `" + c + "': the simulated ramdisk runs no pipes, "
                        + "background jobs, input redirections or subshells");
            } else {
                i = word(line, i, tokens);
            }
        }
        return tokens;
    }

    /** Whether position i starts a word (so that {@code a2>x} stays a word, as in bash). */
    private static boolean atWordStart(String line, int i) {
        return i == 0 || " \t\n;&|".indexOf(line.charAt(i - 1)) >= 0;
    }

    private static int word(String line, int start, List<Token> tokens) throws SyntaxError {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        int n = line.length();
        int i = start;
        while (i < n) {
            char c = line.charAt(i);
            if (" \t\n;&|<>()`".indexOf(c) >= 0) {
                break;
            }
            if (c == '$') {
                throw new SyntaxError("near `$': the simulated ramdisk expands no variables or commands");
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new SyntaxError("near unexpected end of line after `\\'");
                }
                char next = line.charAt(i + 1);
                if (next != '\n') {
                    sb.append(next);
                }
                quoted = true;
                i += 2;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new SyntaxError("unexpected EOF while looking for matching `''");
                }
                sb.append(line, i + 1, end);
                quoted = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new SyntaxError("unexpected EOF while looking for matching `\"'");
                    }
                    char d = line.charAt(i);
                    if (d == '"') {
                        i++;
                        break;
                    }
                    if (d == '$' || d == '`') {
                        throw new SyntaxError("near `" + d + "': the simulated ramdisk expands no variables or commands");
                    }
                    if (d == '\\' && i + 1 < n && "\\\"$`\n".indexOf(line.charAt(i + 1)) >= 0) {
                        if (line.charAt(i + 1) != '\n') {
                            sb.append(line.charAt(i + 1));
                        }
                        i += 2;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                quoted = true;
            } else {
                sb.append(c);
                i++;
            }
        }
        tokens.add(new Token(null, sb.toString(), quoted));
        return i;
    }
}
