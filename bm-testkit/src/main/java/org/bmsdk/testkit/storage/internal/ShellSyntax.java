package org.bmsdk.testkit.storage.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of POSIX sh the storage host understands, parsed: lists joined by {@code ;},
 * {@code &&} and {@code ||}; simple commands with single, double and backslash quoting,
 * {@code $name} expansion and redirections ({@code >}, {@code 2>}); {@code for NAME in ...; do
 * ...; done} and {@code if ...; then ...; [else ...;] fi}. No pipes, globs, subshells or command
 * substitution: a line using them is a syntax error, which is what the driver would meet on a
 * host that cannot run it. Pure: parsing runs nothing.
 */
public final class ShellSyntax {

    private ShellSyntax() {
    }

    /** A line that cannot be parsed; the message is what bash prints after "syntax error". */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    /** One piece of a word: literal text, or a variable to expand. */
    record Part(String text, boolean variable) {
    }

    /** A word of the line, its pieces kept apart so that quoted text is never expanded. */
    record Word(List<Part> parts, boolean quoted) {
        String literal() {
            StringBuilder sb = new StringBuilder();
            for (Part p : parts) {
                if (p.variable()) {
                    return null;
                }
                sb.append(p.text());
            }
            return sb.toString();
        }

        String expand(Map<String, String> vars) {
            StringBuilder sb = new StringBuilder();
            for (Part p : parts) {
                sb.append(p.variable() ? vars.getOrDefault(p.text(), "") : p.text());
            }
            return sb.toString();
        }
    }

    /** A redirection: {@code fd} 1 or 2 to a file. */
    record Redirect(int fd, Word target) {
    }

    /** A command of a list. */
    sealed interface Command permits Simple, For, If {
    }

    /** A program or builtin with its words. */
    record Simple(List<Word> words, List<Redirect> redirects) implements Command {
    }

    /** {@code for var in words; do body; done}. */
    record For(String variable, List<Word> words, Script body) implements Command {
    }

    /** {@code if cond; then body; else otherwise; fi}. */
    record If(Script condition, Script then, Script otherwise) implements Command {
    }

    /** Commands joined by {@code &&} / {@code ||}: ops.get(i) joins commands i and i+1. */
    record AndOr(List<Command> commands, List<String> ops) {
    }

    /** A list of and-or lists, run one after the other. */
    public record Script(List<AndOr> items) {
    }

    private record Token(String op, Word word) {
        boolean is(String o) {
            return o.equals(op);
        }

        boolean keyword(String k) {
            return word != null && !word.quoted() && k.equals(word.literal());
        }
    }

    private static final Set<String> RESERVED = Set.of("do", "done", "then", "else", "fi", "in");

    /**
     * Parses one command line.
     *
     * @param line the line as sent on the exec channel
     * @return the script
     * @throws SyntaxError when the line is not in the understood part of sh
     */
    public static Script parse(String line) throws SyntaxError {
        List<Token> tokens = lex(line);
        int[] at = {0};
        Script s = list(tokens, at, Set.of());
        if (at[0] < tokens.size()) {
            throw new SyntaxError("near unexpected token `" + show(tokens.get(at[0])) + "'");
        }
        return s;
    }

    private static String show(Token t) {
        return t.op() != null ? (t.op().equals("\n") ? "newline" : t.op()) : String.valueOf(t.word().literal());
    }

    private static Script list(List<Token> ts, int[] at, Set<String> until) throws SyntaxError {
        List<AndOr> items = new ArrayList<>();
        while (true) {
            while (at[0] < ts.size() && (ts.get(at[0]).is(";") || ts.get(at[0]).is("\n"))) {
                at[0]++;
            }
            if (at[0] >= ts.size()) {
                break;
            }
            Token t = ts.get(at[0]);
            if (t.word() != null && !t.word().quoted() && t.word().literal() != null && until.contains(t.word().literal())) {
                break;
            }
            items.add(andOr(ts, at));
            if (at[0] < ts.size() && !ts.get(at[0]).is(";") && !ts.get(at[0]).is("\n")) {
                throw new SyntaxError("near unexpected token `" + show(ts.get(at[0])) + "'");
            }
        }
        return new Script(List.copyOf(items));
    }

    private static AndOr andOr(List<Token> ts, int[] at) throws SyntaxError {
        List<Command> commands = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        commands.add(command(ts, at));
        while (at[0] < ts.size() && (ts.get(at[0]).is("&&") || ts.get(at[0]).is("||"))) {
            ops.add(ts.get(at[0]).op());
            at[0]++;
            while (at[0] < ts.size() && ts.get(at[0]).is("\n")) {
                at[0]++;
            }
            commands.add(command(ts, at));
        }
        return new AndOr(List.copyOf(commands), List.copyOf(ops));
    }

    private static Command command(List<Token> ts, int[] at) throws SyntaxError {
        if (at[0] >= ts.size()) {
            throw new SyntaxError("unexpected end of file");
        }
        Token first = ts.get(at[0]);
        if (first.keyword("for")) {
            at[0]++;
            Word var = word(ts, at);
            String name = var.literal();
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new SyntaxError("`" + name + "': not a valid identifier");
            }
            expectKeyword(ts, at, "in");
            List<Word> words = new ArrayList<>();
            while (at[0] < ts.size() && ts.get(at[0]).word() != null) {
                words.add(ts.get(at[0]++).word());
            }
            Script body = doGroup(ts, at);
            return new For(name, List.copyOf(words), body);
        }
        if (first.keyword("if")) {
            at[0]++;
            Script cond = list(ts, at, Set.of("then"));
            expectKeyword(ts, at, "then");
            Script then = list(ts, at, Set.of("else", "fi"));
            Script otherwise = new Script(List.of());
            if (at[0] < ts.size() && ts.get(at[0]).keyword("else")) {
                at[0]++;
                otherwise = list(ts, at, Set.of("fi"));
            }
            expectKeyword(ts, at, "fi");
            return new If(cond, then, otherwise);
        }
        if (first.word() != null && !first.word().quoted() && first.word().literal() != null
                && RESERVED.contains(first.word().literal())) {
            throw new SyntaxError("near unexpected token `" + first.word().literal() + "'");
        }
        List<Word> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        while (at[0] < ts.size()) {
            Token t = ts.get(at[0]);
            if (t.word() != null) {
                words.add(t.word());
                at[0]++;
            } else if (t.is(">") || t.is("2>")) {
                at[0]++;
                redirects.add(new Redirect(t.is(">") ? 1 : 2, word(ts, at)));
            } else {
                break;
            }
        }
        if (words.isEmpty() && redirects.isEmpty()) {
            throw new SyntaxError("near unexpected token `" + show(ts.get(at[0])) + "'");
        }
        return new Simple(List.copyOf(words), List.copyOf(redirects));
    }

    private static Script doGroup(List<Token> ts, int[] at) throws SyntaxError {
        while (at[0] < ts.size() && (ts.get(at[0]).is(";") || ts.get(at[0]).is("\n"))) {
            at[0]++;
        }
        expectKeyword(ts, at, "do");
        Script body = list(ts, at, Set.of("done"));
        expectKeyword(ts, at, "done");
        return body;
    }

    private static Word word(List<Token> ts, int[] at) throws SyntaxError {
        if (at[0] >= ts.size() || ts.get(at[0]).word() == null) {
            throw new SyntaxError(at[0] >= ts.size() ? "unexpected end of file"
                    : "near unexpected token `" + show(ts.get(at[0])) + "'");
        }
        return ts.get(at[0]++).word();
    }

    private static void expectKeyword(List<Token> ts, int[] at, String k) throws SyntaxError {
        if (at[0] >= ts.size()) {
            throw new SyntaxError("unexpected end of file");
        }
        if (!ts.get(at[0]).keyword(k)) {
            throw new SyntaxError("near unexpected token `" + show(ts.get(at[0])) + "'");
        }
        at[0]++;
    }

    // ---- lexer

    private static List<Token> lex(String line) throws SyntaxError {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '\n' || c == ';') {
                out.add(new Token(String.valueOf(c), null));
                i++;
            } else if (line.startsWith("&&", i) || line.startsWith("||", i)) {
                out.add(new Token(line.substring(i, i + 2), null));
                i += 2;
            } else if (c == '>' || (c == '2' && line.startsWith("2>", i) && wordStart(line, i))) {
                boolean err = c == '2';
                i += err ? 2 : 1;
                if (i < n && line.charAt(i) == '>' || i < n && line.charAt(i) == '&') {
                    throw new SyntaxError("near unexpected token `" + line.charAt(i) + "'");
                }
                out.add(new Token(err ? "2>" : ">", null));
            } else if ("|&()<`".indexOf(c) >= 0) {
                throw new SyntaxError("near unexpected token `" + c + "'");
            } else if (c == '#' ) {
                break;
            } else {
                List<Part> parts = new ArrayList<>();
                StringBuilder lit = new StringBuilder();
                boolean quoted = false;
                while (i < n) {
                    c = line.charAt(i);
                    if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '>' || c == '<' || c == '|' || c == '&'
                            || c == '(' || c == ')' || c == '`') {
                        break;
                    }
                    if (c == '\'') {
                        quoted = true;
                        int end = line.indexOf('\'', i + 1);
                        if (end < 0) {
                            throw new SyntaxError("unexpected EOF while looking for matching `''");
                        }
                        lit.append(line, i + 1, end);
                        i = end + 1;
                    } else if (c == '\\') {
                        quoted = true;
                        if (i + 1 < n) {
                            if (line.charAt(i + 1) != '\n') {
                                lit.append(line.charAt(i + 1));
                            }
                            i += 2;
                        } else {
                            i++;
                        }
                    } else if (c == '"') {
                        quoted = true;
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
                            if (d == '\\' && i + 1 < n && "$`\"\\\n".indexOf(line.charAt(i + 1)) >= 0) {
                                lit.append(line.charAt(i + 1));
                                i += 2;
                            } else if (d == '$') {
                                i = variable(line, i, lit, parts);
                            } else if (d == '`') {
                                throw new SyntaxError("command substitution is not supported");
                            } else {
                                lit.append(d);
                                i++;
                            }
                        }
                    } else if (c == '$') {
                        i = variable(line, i, lit, parts);
                    } else {
                        lit.append(c);
                        i++;
                    }
                }
                if (lit.length() > 0 || parts.isEmpty()) {
                    parts.add(new Part(lit.toString(), false));
                }
                out.add(new Token(null, new Word(List.copyOf(parts), quoted)));
            }
        }
        return out;
    }

    private static boolean wordStart(String line, int i) {
        return i == 0 || " \t\n;".indexOf(line.charAt(i - 1)) >= 0;
    }

    /** Reads {@code $name}, {@code ${name}} or {@code $?} at i; a lone {@code $} stays literal. */
    private static int variable(String line, int i, StringBuilder lit, List<Part> parts) throws SyntaxError {
        int n = line.length();
        String name;
        int end;
        if (i + 1 < n && line.charAt(i + 1) == '{') {
            int close = line.indexOf('}', i + 2);
            if (close < 0) {
                throw new SyntaxError("bad substitution");
            }
            name = line.substring(i + 2, close);
            end = close + 1;
        } else if (i + 1 < n && line.charAt(i + 1) == '?') {
            name = "?";
            end = i + 2;
        } else if (i + 1 < n && line.charAt(i + 1) == '(') {
            throw new SyntaxError("command substitution is not supported");
        } else {
            int j = i + 1;
            while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
                j++;
            }
            if (j == i + 1) {
                lit.append('$');
                return i + 1;
            }
            name = line.substring(i + 1, j);
            end = j;
        }
        if (lit.length() > 0) {
            parts.add(new Part(lit.toString(), false));
            lit.setLength(0);
        }
        parts.add(new Part(name, true));
        return end;
    }
}
