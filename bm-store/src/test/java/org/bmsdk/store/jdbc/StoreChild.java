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

    /** The environment variable that carries the PostgreSQL password to a child. */
    public static final String PASSWORD_ENV = "BM_TEST_PG_PASSWORD";

    private static JdbcStore postgres(String url) {
        return JdbcStore.postgres(url, org.bmsdk.store.fixture.PostgresServer.USER,
                org.bmsdk.api.credentials.Secret.of(System.getenv(PASSWORD_ENV)));
    }

    /**
     * Runs the child.
     *
     * @param args the mode and its arguments
     * @throws IOException when standard input fails
     */
    public static void main(String[] args) throws IOException {
        try {
            if (args[0].equals("pg-increment")) {
                // pg-increment URL N: adds 1 to record ns/counter N times; the password comes in
                // the environment, not on the command line where ps would show it.
                try (JdbcStore store = postgres(args[1])) {
                    System.out.println("open " + store.schemaVersion());
                    System.out.flush();
                    System.in.read();
                    for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                        store.records("ns").modify("counter", v -> String.valueOf(Long.parseLong(v) + 1));
                    }
                }
                System.out.println("done");
            } else if (args[0].equals("pg-migrate")) {
                // pg-migrate URL: waits for a line, then opens the store (migrating) and prints its version.
                System.out.println("ready");
                System.out.flush();
                System.in.read();
                try (JdbcStore store = postgres(args[1])) {
                    System.out.println("open " + store.schemaVersion());
                }
            } else if (args[0].equals("write")) {
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
