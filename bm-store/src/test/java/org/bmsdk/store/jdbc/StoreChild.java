package org.bmsdk.store.jdbc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A controller process for {@link ProcessCrashTest}: {@code write N FILE} writes N records and
 * halts the JVM the moment the last write returns, as a crash would; {@code hold FILE} opens the
 * store and keeps it open until its standard input closes.
 */
public final class StoreChild {

    private StoreChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the mode and its arguments
     * @throws IOException when standard input fails
     */
    public static void main(String[] args) throws IOException {
        try {
            if (args[0].equals("write")) {
                JdbcStore store = JdbcStore.h2(Path.of(args[2]));
                for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                    store.records("crash").create("k" + i, "v" + i);
                }
                // No close, no shutdown hooks, no flush: what a kill -9 or an OOM kill leaves.
                Runtime.getRuntime().halt(0);
            } else {
                try (JdbcStore store = JdbcStore.h2(Path.of(args[1]))) {
                    System.out.println("open " + store.schemaVersion());
                    System.out.flush();
                    while (System.in.read() >= 0) {
                        // Hold the file until the parent closes our standard input.
                    }
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(3);
        }
    }
}
