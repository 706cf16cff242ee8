package org.bmsdk.api.capability;

/**
 * One lexical token of a requirement expression.
 *
 * @param type what kind of token
 * @param text the value: a quoted string without its quotes, otherwise as written
 * @param raw the characters as written, for error messages
 * @param position 0-based index of its first character in the input
 */
record Token(Type type, String text, String raw, int position) {

    /** Token kinds; the lexer decides nothing about meaning, the parser does. */
    enum Type {
        WORD, NUMBER, QUOTED, OPERATOR, OPEN, CLOSE, COMMA, END
    }

    boolean isWord(String word) {
        return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    boolean is(Type t) {
        return type == t;
    }
}
