package org.bmsdk.hardware.redfish.internal;

import java.nio.charset.StandardCharsets;

/**
 * The fastest of the three ways {@link Json#topLevelText} reads one top-level text property: one
 * pass over the bytes that checks the whole document and picks the property's value, for the
 * plain JSON that BMCs send nearly always (ASCII, short numbers, shallow nesting, simple escapes).
 * A power poll reads a ~2 KiB System for one word; Jackson's streaming parser spent most of its
 * time there canonicalising the names of properties nobody reads.
 *
 * <p>It is deliberately narrow: whatever it is not sure Jackson (with {@link Json}'s limits) would
 * accept in the same way, it does not decide, and says so ({@link #UNSURE}); the caller then uses
 * Jackson, which produces the exact result or error. So it only ever accepts documents that are
 * well-formed JSON objects within the limits: no byte outside printable ASCII (except the four
 * whitespace characters between tokens), no {@code \\u} escape, no number longer than 40
 * characters, no nesting deeper than 48, no name longer than 1,000 bytes, no body over 1,000,000
 * bytes (Jackson's limits are 64 digits, 64 levels, 50,000 and 1,000,000 characters).
 */
final class PlainJsonScan {

    /** The scan could not decide: ask Jackson. */
    static final String UNSURE = new String("unsure"); // a distinct instance, compared by identity

    /** The property is absent, or not text. */
    static final String ABSENT = new String("absent");

    private static final int MAX_BODY = 1_000_000;
    private static final int MAX_DEPTH = 48;
    private static final int MAX_NUMBER = 40;
    private static final int MAX_NAME = 1_000;

    private final byte[] b;
    private final byte[] wanted;
    private int i;

    private PlainJsonScan(byte[] body, byte[] wanted) {
        this.b = body;
        this.wanted = wanted;
    }

    /**
     * Scans a body that must be one JSON object.
     *
     * @param body the body
     * @param name the top-level property, plain ASCII
     * @return its text value (the last, if repeated), {@link #ABSENT}, or {@link #UNSURE}
     */
    static String topLevelText(byte[] body, String name) {
        if (body.length > MAX_BODY) {
            return UNSURE;
        }
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return UNSURE;
            }
        }
        try {
            return new PlainJsonScan(body, name.getBytes(StandardCharsets.US_ASCII)).root();
        } catch (Unsure e) {
            return UNSURE;
        }
    }

    /** Thrown, without a stack trace, wherever the scan gives up. */
    private static final class Unsure extends Exception {
        private static final long serialVersionUID = 1L;
        static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }

    private String root() throws Unsure {
        skipSpace();
        expect('{');
        String value = ABSENT;
        skipSpace();
        if (peek() == '}') {
            return value; // what follows the root object is not read, as Jackson's tree does not read it
        }
        while (true) {
            skipSpace();
            boolean isWanted = name();
            skipSpace();
            expect(':');
            skipSpace();
            if (isWanted) {
                value = peek() == '"' ? text() : ABSENT;
                if (value == ABSENT) {
                    value(1);
                }
            } else {
                value(1);
            }
            skipSpace();
            int c = next();
            if (c == '}') {
                return value;
            }
            if (c != ',') {
                throw Unsure.INSTANCE;
            }
        }
    }

    /** Reads a property name; true when it is the wanted one. */
    private boolean name() throws Unsure {
        expect('"');
        int start = i;
        skipString();
        int end = i - 1;
        if (end - start > MAX_NAME) {
            throw Unsure.INSTANCE;
        }
        if (end - start != wanted.length) {
            return false;
        }
        for (int k = 0; k < wanted.length; k++) {
            if (b[start + k] != wanted[k]) {
                return false; // a name with an escape never equals a plain one here: the escaped form differs byte by byte
            }
        }
        return true;
    }

    /** Reads a string value without escapes, from its opening quote; one with escapes is left to Jackson. */
    private String text() throws Unsure {
        expect('"');
        int start = i;
        skipString();
        int end = i - 1;
        for (int k = start; k < end; k++) {
            if (b[k] == '\\') {
                throw Unsure.INSTANCE;
            }
        }
        return new String(b, start, end - start, StandardCharsets.US_ASCII);
    }

    /** Skips a string's content after its opening quote, through the closing quote. */
    private void skipString() throws Unsure {
        while (true) {
            int c = next();
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                int e = next();
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                    throw Unsure.INSTANCE; // \\u and anything else: Jackson's call
                }
            } else if (c < 0x20 || c > 0x7e) {
                throw Unsure.INSTANCE; // control characters are errors, non-ASCII needs UTF-8 checks: Jackson's call
            }
        }
    }

    private void value(int depth) throws Unsure {
        if (depth > MAX_DEPTH) {
            throw Unsure.INSTANCE;
        }
        int c = peek();
        switch (c) {
            case '"':
                i++;
                skipString();
                return;
            case '{':
                i++;
                skipSpace();
                if (peek() == '}') {
                    i++;
                    return;
                }
                while (true) {
                    skipSpace();
                    expect('"');
                    int start = i;
                    skipString();
                    if (i - 1 - start > MAX_NAME) {
                        throw Unsure.INSTANCE;
                    }
                    skipSpace();
                    expect(':');
                    skipSpace();
                    value(depth + 1);
                    skipSpace();
                    int d = next();
                    if (d == '}') {
                        return;
                    }
                    if (d != ',') {
                        throw Unsure.INSTANCE;
                    }
                }
            case '[':
                i++;
                skipSpace();
                if (peek() == ']') {
                    i++;
                    return;
                }
                while (true) {
                    skipSpace();
                    value(depth + 1);
                    skipSpace();
                    int d = next();
                    if (d == ']') {
                        return;
                    }
                    if (d != ',') {
                        throw Unsure.INSTANCE;
                    }
                }
            case 't':
                literal("true");
                return;
            case 'f':
                literal("false");
                return;
            case 'n':
                literal("null");
                return;
            default:
                number();
        }
    }

    private void literal(String word) throws Unsure {
        for (int k = 0; k < word.length(); k++) {
            if (next() != word.charAt(k)) {
                throw Unsure.INSTANCE;
            }
        }
        endOfToken();
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, and short. */
    private void number() throws Unsure {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        int c = next();
        if (c == '0') {
            if (isDigit(peek())) {
                throw Unsure.INSTANCE; // leading zero
            }
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw Unsure.INSTANCE;
        }
        if (peek() == '.') {
            i++;
            requireDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            requireDigits();
        }
        if (i - start > MAX_NUMBER) {
            throw Unsure.INSTANCE;
        }
        endOfToken();
    }

    private void requireDigits() throws Unsure {
        if (!isDigit(peek())) {
            throw Unsure.INSTANCE;
        }
        digits();
    }

    private void digits() {
        while (isDigit(peek())) {
            i++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** A number or literal must be followed by a separator, not glued to more letters or digits. */
    private void endOfToken() throws Unsure {
        int c = peek();
        if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            throw Unsure.INSTANCE;
        }
    }

    private void skipSpace() {
        while (i < b.length) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private void expect(char c) throws Unsure {
        if (next() != c) {
            throw Unsure.INSTANCE;
        }
    }

    /** The next byte, or -1 at the end (which no caller accepts where a token must be). */
    private int peek() {
        return i < b.length ? b[i] & 0xff : -1;
    }

    private int next() throws Unsure {
        if (i >= b.length) {
            throw Unsure.INSTANCE;
        }
        return b[i++] & 0xff;
    }
}
