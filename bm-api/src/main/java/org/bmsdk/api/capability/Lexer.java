package org.bmsdk.api.capability;

import java.util.ArrayList;
import java.util.List;

/** Splits a requirement expression into tokens; every failure is a {@link RequirementSyntaxException}. */
final class Lexer {

    private final String input;
    private int at;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        return new Lexer(input).run();
    }

    static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '.' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (at < input.length() && Character.isWhitespace(input.charAt(at))) {
                at++;
            }
            if (at >= input.length()) {
                tokens.add(new Token(Token.Type.END, "", "", input.length()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = at;
        char c = input.charAt(at);
        if (isWordStart(c)) {
            while (at < input.length() && isWordPart(input.charAt(at))) {
                at++;
            }
            return simple(Token.Type.WORD, start);
        }
        if (isDigit(c)) {
            return number(start);
        }
        switch (c) {
            case '\'':
            case '"':
                return quoted(start, c);
            case '(':
                at++;
                return simple(Token.Type.OPEN, start);
            case ')':
                at++;
                return simple(Token.Type.CLOSE, start);
            case ',':
                at++;
                return simple(Token.Type.COMMA, start);
            case '<':
            case '>':
                at++;
                if (at < input.length() && input.charAt(at) == '=') {
                    at++;
                }
                return simple(Token.Type.OPERATOR, start);
            case '=':
            case '!':
                if (at + 1 < input.length() && input.charAt(at + 1) == '=') {
                    at += 2;
                    return simple(Token.Type.OPERATOR, start);
                }
                throw RequirementSyntaxException.at(input, start, String.valueOf(c),
                        "expected an operator (==, !=, <, <=, >, >=, in)");
            default:
                throw RequirementSyntaxException.at(input, start, input.substring(start, start + Character.charCount(input.codePointAt(start))),
                        "unexpected character");
        }
    }

    /**
     * A number keeps the letters written right after it ({@code 256GiB}, {@code 25GbE}) in the same
     * token, so that the parser can say which unit is wrong and so that a value such as {@code 1u-small}
     * stays one word where a string is expected.
     */
    private Token number(int start) {
        while (at < input.length() && isDigit(input.charAt(at))) {
            at++;
        }
        if (at + 1 < input.length() && input.charAt(at) == '.' && isDigit(input.charAt(at + 1))) {
            at++;
            while (at < input.length() && isDigit(input.charAt(at))) {
                at++;
            }
        }
        if (at < input.length() && isWordStart(input.charAt(at))) {
            while (at < input.length() && (isWordStart(input.charAt(at)) || isDigit(input.charAt(at)) || input.charAt(at) == '-')) {
                at++;
            }
        }
        return simple(Token.Type.NUMBER, start);
    }

    private Token quoted(int start, char quote) {
        int end = input.indexOf(quote, start + 1);
        if (end < 0) {
            throw RequirementSyntaxException.at(input, start, String.valueOf(quote), "unterminated string, expected a closing " + quote);
        }
        at = end + 1;
        return new Token(Token.Type.QUOTED, input.substring(start + 1, end), input.substring(start, at), start);
    }

    private Token simple(Token.Type type, int start) {
        String text = input.substring(start, at);
        return new Token(type, text, text, start);
    }
}
