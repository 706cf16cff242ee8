package org.bmsdk.storage.iscsi.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line for the storage host's shell, built from words, some of them secret: {@link #line()}
 * quotes every word for {@code sh}, {@link #toString()} shows the secret words as {@code ****}, so
 * that the line can name the command in a message without its CHAP secret.
 */
public final class Shell {

    private final List<String> words = new ArrayList<>();
    private final List<Boolean> secret = new ArrayList<>();

    /**
     * Starts a command.
     *
     * @param first the program and its first arguments
     * @return the command
     */
    public static Shell of(String... first) {
        Shell s = new Shell();
        for (String w : first) {
            s.arg(w);
        }
        return s;
    }

    /**
     * Adds a word.
     *
     * @param word the word
     * @return this
     */
    public Shell arg(String word) {
        words.add(word);
        secret.add(false);
        return this;
    }

    /**
     * Adds a word that must never be shown.
     *
     * @param word the secret
     * @return this
     */
    public Shell secretArg(String word) {
        words.add(word);
        secret.add(true);
        return this;
    }

    /**
     * The line to send, every word single-quoted.
     *
     * @return the command line, with its secrets
     */
    public String line() {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(w));
        }
        return sb.toString();
    }

    /**
     * Quotes a word for sh: inside single quotes nothing is special but the quote itself.
     *
     * @param word the word
     * @return the quoted word
     */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The command with its secret words shown as {@code ****}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(secret.get(i) ? "****" : words.get(i));
        }
        return sb.toString();
    }
}
