package org.bmsdk.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.store.Versioned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file across processes: a crashed writer loses nothing that returned; a live one excludes others. */
class ProcessCrashTest {

    @TempDir
    Path dir;

    @Test
    void writesThatReturnedSurviveAProcessCrash() throws Exception {
        Path file = dir.resolve("state");
        Process child = start("write", "40", file.toString());
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not finish");
        assertEquals(0, child.exitValue(), new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        try (JdbcStore store = JdbcStore.h2(file)) {
            List<Versioned<String, String>> records = store.records("crash").list();
            assertEquals(40, records.size());
            assertEquals(new Versioned<>("k39", "v39", 1), store.records("crash").get("k39").orElseThrow());
        }
    }

    @Test
    void aSecondProcessCannotOpenTheFileWhileTheFirstHoldsIt() throws Exception {
        Path file = dir.resolve("state");
        Process child = start("hold", file.toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("open 1", out.readLine(), () -> "stderr: " + stderr(child));
            TransportException e = assertThrows(TransportException.class, () -> JdbcStore.h2(file));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        } finally {
            child.getOutputStream().close();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not finish");
        }
        assertEquals(0, child.exitValue(), stderr(child));
        JdbcStore.h2(file).close();
    }

    private static String stderr(Process p) {
        try {
            return new String(p.getErrorStream().readNBytes(10_000), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static Process start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }
}
