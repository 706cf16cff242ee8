package org.bmsdk.testkit.console.internal;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * Finds a vendor console's escape ({@code Ctrl-\} on iDRAC, {@code ESC (} on iLO) in keystrokes
 * that arrive in chunks of any size: an escape cut between two chunks is still found, and the part
 * of it held back meanwhile reaches the machine after all when it turns out not to be the escape.
 *
 * <p>For escapes none of whose proper prefixes is also a suffix (both vendors' are), which keeps
 * the search one pass with no backtracking.
 */
public final class ConsoleEscape {

    private final byte[] escape;
    private int held;

    /**
     * @param escape the escape, at least one byte
     */
    public ConsoleEscape(byte[] escape) {
        Objects.requireNonNull(escape, "escape");
        if (escape.length == 0) {
            throw new IllegalArgumentException("an escape needs at least one byte");
        }
        this.escape = escape.clone();
    }

    /**
     * Scans a chunk of keystrokes.
     *
     * @param chunk the keystrokes
     * @param off where they start
     * @param len how many
     * @return what goes to the machine, and where the escape ended (or -1 when none yet)
     */
    public Scan feed(byte[] chunk, int off, int len) {
        Objects.checkFromIndexSize(off, len, chunk.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + held);
        for (int i = off; i < off + len; i++) {
            byte b = chunk[i];
            if (b == escape[held]) {
                held++;
                if (held == escape.length) {
                    held = 0;
                    return new Scan(out.toByteArray(), i + 1);
                }
                continue;
            }
            // what was held back was not the escape: it goes to the machine, and b may start one
            out.write(escape, 0, held);
            held = 0;
            if (b == escape[0]) {
                held = 1;
                if (escape.length == 1) {
                    held = 0;
                    return new Scan(out.toByteArray(), i + 1);
                }
            } else {
                out.write(b);
            }
        }
        return new Scan(out.toByteArray(), -1);
    }

    /** Forgets a partly typed escape (the console was left). */
    public void reset() {
        held = 0;
    }

    /**
     * The outcome of a chunk.
     *
     * @param toMachine the keystrokes for the machine, in order
     * @param escapedAt the index in the chunk just after the escape, or -1 when the chunk held none
     */
    public record Scan(byte[] toMachine, int escapedAt) {
        /** @return whether the escape was found */
        public boolean escaped() {
            return escapedAt >= 0;
        }
    }
}
