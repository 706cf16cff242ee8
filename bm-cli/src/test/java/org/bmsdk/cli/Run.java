package org.bmsdk.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One run of bmctl and what it left: exit status, stdout, stderr. {@link #of} runs it in this JVM
 * through {@link Bmctl#run}, with the environment a test gives; {@link #process} runs it in a fresh
 * JVM on the main class path, as {@code ./bmctl} does, so that the real logging backend writes to
 * the same stderr.
 */
record Run(int status, String out, String err) {

    /**
     * Runs bmctl in this JVM.
     *
     * @param env the environment bmctl sees (nothing else of the real one)
     * @param args the command line
     * @return the run
     */
    static Run of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        GlobalOptions.useEnvironment(env);
        try {
            int status = Bmctl.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(status, out.toString(), err.toString());
        } finally {
            GlobalOptions.environment = System::getenv;
        }
    }

    /** Runs bmctl in this JVM with an empty environment. */
    static Run of(String... args) {
        return of(Map.of(), args);
    }

    /**
     * Runs bmctl in a new JVM on this test's class path, with its main method, so that whatever
     * the libraries log reaches the stderr that is checked.
     *
     * @param env variables added to a minimal environment (PATH and HOME only)
     * @param args the command line
     * @return the run
     */
    static Run process(Map<String, String> env, String... args) {
        try {
            Path dir = Files.createTempDirectory("bmctl-run-");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", mainClassPath(), Bmctl.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("out").toFile())
                    .redirectError(dir.resolve("err").toFile());
            pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("bmctl " + String.join(" ", args) + " did not finish within 60 s");
            }
            Run run = new Run(p.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                    Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
            Files.delete(dir.resolve("out"));
            Files.delete(dir.resolve("err"));
            Files.delete(dir);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * This test's class path without test classes (bm-cli's own, bm-ssh's test-jar): what the
     * shaded jar holds, so that a test's logging configuration cannot stand in for bmctl's.
     */
    static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("-tests.jar") && !Path.of(e).getFileName().toString().equals("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The lines of stderr. */
    List<String> errLines() {
        return err.lines().toList();
    }

    /** The lines of stdout. */
    List<String> outLines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
