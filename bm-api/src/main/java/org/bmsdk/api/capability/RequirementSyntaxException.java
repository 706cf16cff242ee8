package org.bmsdk.api.capability;

import org.bmsdk.api.ConfigurationException;

/**
 * A requirement expression that does not parse. It says where: the 0-based {@link #position()} of
 * the offending token in the input, the {@link #token()} itself, and a message with the input and
 * a caret under the token, for example:
 *
 * <pre>
 * expected a unit (B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB) after 256 at position 13: 'GX'
 *   memory &gt;= 256GX
 *                ^
 * </pre>
 *
 * <p>{@link Requirements#parse(String)} throws nothing else for any string, so a caller that takes
 * expressions from users (a flavor API, a command line) needs to catch only this.
 */
public final class RequirementSyntaxException extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    /** Inputs can be pasted documents; the message shows only a window around the error. */
    private static final int WINDOW = 60;
    private static final int TOKEN_SHOWN = 40;

    private final String input;
    private final int position;
    private final String token;
    private final String reason;

    private RequirementSyntaxException(String input, int position, String token, String reason) {
        super(format(input, position, token, reason));
        this.input = input;
        this.position = position;
        this.token = token;
        this.reason = reason;
    }

    static RequirementSyntaxException at(String input, int position, String token, String reason) {
        return new RequirementSyntaxException(input, position, token, reason);
    }

    static RequirementSyntaxException at(String input, Token token, String reason) {
        return new RequirementSyntaxException(input, token.position(), token.raw(), reason);
    }

    /**
     * Where the offending token starts.
     *
     * @return its 0-based index in {@link #input()}; the input's length when the input ended too early
     */
    public int position() {
        return position;
    }

    /**
     * The offending token as written.
     *
     * @return the token, or {@code ""} when the input ended too early
     */
    public String token() {
        return token;
    }

    /**
     * The expression that failed to parse.
     *
     * @return the whole input
     */
    public String input() {
        return input;
    }

    /**
     * What was wrong, without position or excerpt, such as {@code expected a unit (...) after 256}.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    private static String format(String input, int position, String token, String reason) {
        String shown = token.isEmpty() ? "end of input" : "'" + printable(clip(token)) + "'";
        int from = Math.max(0, position - WINDOW / 2);
        int to = Math.min(input.length(), from + WINDOW);
        String excerpt = (from > 0 ? "..." : "") + printable(input.substring(from, to)) + (to < input.length() ? "..." : "");
        int caret = position - from + (from > 0 ? 3 : 0);
        return reason + " at position " + position + ": " + shown + "\n  " + excerpt + "\n  " + " ".repeat(caret) + "^";
    }

    private static String clip(String s) {
        return s.length() <= TOKEN_SHOWN ? s : s.substring(0, TOKEN_SHOWN) + "...";
    }

    /** Control characters would break the caret line (and a log line), so they print as spaces. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return sb.toString();
    }
}
