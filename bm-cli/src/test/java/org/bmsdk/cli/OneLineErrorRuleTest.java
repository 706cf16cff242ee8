package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit status 1 comes with exactly one line on stderr, {@code bmctl: ...}: checked for every
 * operation error of the store commands, both in this JVM and in a JVM of its own where the real
 * logging backend shares stderr (the ssh cases are in {@link SshExecInteropTest}).
 */
class OneLineErrorRuleTest {

    @TempDir
    static Path dir;

    private static String store;

    @BeforeAll
    static void prepare() {
        store = dir.resolve("store").toString();
        assertEquals(0, Run.of("node", "import-sample", "--store", store).status());
        for (String e : new String[] {"manage", "done", "provide", "done"}) {
            assertEquals(0, Run.of("node", "event", "arm-1", e, "--store", store).status());
        }
        assertEquals(0, Run.of("node", "maintenance", "general-2", "on", "--reason", "disk 2 failed", "--store", store).status());
    }

    /** Every way a store command fails as an operation, each with and without --json. */
    private static List<String[]> failures() {
        String fresh = dir.resolve("fresh-" + System.nanoTime()).resolve("store").toString();
        List<String[]> cases = List.of(
                new String[] {"node", "event", "small-1", "provide", "--store", store},
                new String[] {"node", "event", "arm-1", "done", "--store", store},
                new String[] {"node", "event", "general-2", "manage", "--store", store},
                new String[] {"node", "delete", "arm-1", "--store", store},
                new String[] {"node", "enroll", "hpc-1", "--endpoint", "ipmi://10.0.0.1", "--store", store},
                new String[] {"node", "show", "ghost", "--store", store},
                new String[] {"node", "event", "ghost", "manage", "--store", store},
                new String[] {"node", "maintenance", "ghost", "off", "--store", store},
                new String[] {"node", "delete", "ghost", "--store", store},
                // the first command on a new store also creates its schema
                new String[] {"node", "show", "ghost", "--store", fresh});
        List<String[]> all = new ArrayList<>(cases);
        for (String[] c : cases) {
            String[] json = new String[c.length + 1];
            json[0] = "--json";
            System.arraycopy(c, 0, json, 1, c.length);
            all.add(json);
        }
        return all;
    }

    @Test
    void inThisJvm() {
        for (String[] args : failures()) {
            assertOneLine(Run.of(args));
        }
    }

    @Test
    void inAJvmOfItsOwn() {
        for (String[] args : failures()) {
            assertOneLine(Run.process(Map.of(), args));
        }
    }

    private static void assertOneLine(Run r) {
        assertEquals(1, r.status(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("bmctl: ") && r.err().endsWith("\n"), r::toString);
    }
}
