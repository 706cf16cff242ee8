package org.bmsdk.testkit.ramdisk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's standard streams. Output goes straight to the SSH channel, so that a large read
 * streams rather than piles up in memory; an {@link IOException} on it means the client went away.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 */
record Io(InputStream in, OutputStream out, OutputStream err) {

    /** A stream that swallows everything: {@code /dev/null}. */
    static final OutputStream NULL = OutputStream.nullOutputStream();

    void print(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    void error(String text) throws IOException {
        err.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one line to standard error and returns the status, for {@code return io.fail(...)}. */
    int fail(int status, String line) throws IOException {
        error(line + "\n");
        return status;
    }
}
