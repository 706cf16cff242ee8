package org.bmsdk.ssh.internal;

/**
 * Turns what a terminal session prints into plain text: removes ANSI/ECMA-48 escape sequences
 * (colours, cursor moves, window titles, bash's bracketed-paste {@code ESC[?2004h}), carriage
 * returns and other control characters, keeping {@code \n} and {@code \t}.
 *
 * <p>Output arrives in arbitrary chunks, so an escape sequence may be split across two; the filter
 * keeps its state between {@link #feed} calls and gives the same text however the input is cut.
 * Not thread-safe: one reader thread owns it.
 */
final class TerminalFilter {

    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;
    private static final char CSI_8BIT = 0x9b;
    /**
     * A string sequence (window title and the like) longer than this is taken to be a stray ESC
     * followed by ordinary output, so one lost terminator cannot swallow the rest of the session.
     */
    private static final int MAX_STRING_SEQUENCE = 1024;

    private enum State { TEXT, ESCAPE, INTERMEDIATE, CSI, STRING, STRING_ESCAPE }

    private State state = State.TEXT;
    private int stringLength;

    /**
     * Filters the next chunk of output.
     *
     * @param chunk text as it came, possibly cutting an escape sequence
     * @return the plain text of the chunk; may be empty
     */
    String feed(CharSequence chunk) {
        StringBuilder out = new StringBuilder(chunk.length());
        for (int i = 0; i < chunk.length(); i++) {
            accept(chunk.charAt(i), out);
        }
        return out.toString();
    }

    private void accept(char c, StringBuilder out) {
        switch (state) {
            case TEXT:
                text(c, out);
                break;
            case ESCAPE:
                if (c == '[') {
                    state = State.CSI;
                } else if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
                    // OSC, DCS, SOS, PM, APC: a string up to BEL or ESC \
                    state = State.STRING;
                    stringLength = 0;
                } else if (c >= 0x20 && c <= 0x2f) {
                    state = State.INTERMEDIATE;
                } else if (c != ESC) {
                    // a two-character sequence (ESC =, ESC 7, ...) ends here; so does garbage
                    state = State.TEXT;
                }
                break;
            case INTERMEDIATE:
                if (c < 0x20 || c > 0x2f) {
                    state = c == ESC ? State.ESCAPE : State.TEXT;
                }
                break;
            case CSI:
                if (c >= 0x40 && c <= 0x7e) {
                    state = State.TEXT;
                } else if (c == ESC) {
                    state = State.ESCAPE;
                } else if (c > 0x7e) {
                    // not part of any CSI: the sequence was broken; keep the text
                    state = State.TEXT;
                    text(c, out);
                }
                break;
            case STRING:
            case STRING_ESCAPE:
                string(c, out);
                break;
            default:
                throw new AssertionError(state);
        }
    }

    private void text(char c, StringBuilder out) {
        if (c == ESC) {
            state = State.ESCAPE;
        } else if (c == CSI_8BIT) {
            state = State.CSI;
        } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0))) {
            out.append(c);
        }
        // CR, BEL, backspace and the other C0/C1 controls are dropped
    }

    private void string(char c, StringBuilder out) {
        if (c == BEL || (state == State.STRING_ESCAPE && c == '\\')) {
            state = State.TEXT;
        } else if (c == '\n' || ++stringLength > MAX_STRING_SEQUENCE) {
            // no title spans lines: this was no string sequence, resume with the text
            state = State.TEXT;
            text(c, out);
        } else {
            state = c == ESC ? State.STRING_ESCAPE : State.STRING;
        }
    }
}
