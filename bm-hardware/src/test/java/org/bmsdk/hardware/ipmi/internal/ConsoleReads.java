package org.bmsdk.hardware.ipmi.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a console session's input on threads of its own, so that a test waits for output with a
 * deadline and never hangs on a blocked read. Close it after the test.
 */
final class ConsoleReads implements AutoCloseable {

    private final ExecutorService readers = Executors.newCachedThreadPool();

    /**
     * Reads until what arrived contains the text.
     *
     * @param in the console's input
     * @param expected the text to wait for
     * @param wait how long at the most
     * @param onTimeout what a timeout's message adds after {@code no 'TEXT' within WAIT; }, given what arrived
     * @return everything read
     */
    String until(InputStream in, String expected, Duration wait, Function<String, String> onTimeout) throws Exception {
        return until(in, text -> text.contains(expected), wait,
                text -> "no '" + expected + "' within " + wait + "; " + onTimeout.apply(text));
    }

    /**
     * Reads until what arrived satisfies a condition.
     *
     * @param in the console's input
     * @param done true once enough has arrived
     * @param wait how long at the most
     * @param onTimeout a timeout's message, given what arrived
     * @return everything read
     * @throws java.util.concurrent.ExecutionException with an {@link IOException} when the console ends first
     */
    String until(InputStream in, Predicate<String> done, Duration wait, Function<String, String> onTimeout) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Future<String> f = readers.submit(() -> {
            byte[] buf = new byte[4096];
            while (!done.test(text(got))) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("end of console after " + got.size() + " bytes; got: " + text(got));
                }
                synchronized (got) {
                    got.write(buf, 0, n);
                }
            }
            return text(got);
        });
        try {
            return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(onTimeout.apply(text(got)), e);
        }
    }

    /**
     * Runs something else on a reader thread, such as a read that must block.
     *
     * @param task what to run
     * @param <T> its result
     * @return its future
     */
    <T> Future<T> submit(Callable<T> task) {
        return readers.submit(task);
    }

    /** Interrupts every reader still running. */
    @Override
    public void close() {
        readers.shutdownNow();
    }

    private static String text(ByteArrayOutputStream got) {
        synchronized (got) {
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
