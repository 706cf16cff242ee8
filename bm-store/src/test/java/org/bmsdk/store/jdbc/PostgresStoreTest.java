package org.bmsdk.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.store.fixture.PostgresServer;
import org.bmsdk.testkit.tck.StoreTck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What only a server database shows: other processes, racing migrations, logins, a server that goes away. */
@Tag("interop")
class PostgresStoreTest {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.startOrSkip();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static JdbcStore open(String url) {
        return JdbcStore.postgres(url, PostgresServer.USER, server.password());
    }

    @Test
    void storesRacingToMigrateAnEmptyDatabaseAllEndAtTheLatestVersionAndApplyItOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            String url = server.newSchema();
            int stores = 6;
            CyclicBarrier start = new CyclicBarrier(stores);
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < stores; i++) {
                tasks.add(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    try (JdbcStore store = open(url)) {
                        return store.schemaVersion();
                    }
                });
            }
            assertEquals(List.of(1, 1, 1, 1, 1, 1), StoreTck.runAll(tasks));
            assertEquals(List.of("1|init"), query(url, "SELECT version, description FROM schema_version"));
        }
    }

    @Test
    void processesRacingToMigrateAllEndAtTheLatestVersion() throws Exception {
        String url = server.newSchema();
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                children.add(child("pg-migrate", url));
            }
            for (Process p : children) {
                assertEquals("ready", reader(p).readLine(), () -> stderr(p));
            }
            // Release them together: each is loaded and waiting, so they migrate within milliseconds of each other.
            for (Process p : children) {
                OutputStream in = p.getOutputStream();
                in.write('\n');
                in.flush();
            }
            for (Process p : children) {
                assertEquals("open 1", reader(p).readLine(), () -> stderr(p));
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), () -> stderr(p));
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        assertEquals(List.of("1|init"), query(url, "SELECT version, description FROM schema_version"));
    }

    @Test
    void compareAndSetHoldsBetweenProcesses() throws Exception {
        String url = server.newSchema();
        try (JdbcStore store = open(url)) {
            store.records("ns").create("counter", "0");
        }
        int processes = 3;
        int each = 40;
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                Process p = child("pg-increment", url, String.valueOf(each));
                children.add(p);
                outs.add(reader(p));
            }
            for (int i = 0; i < processes; i++) {
                Process p = children.get(i);
                assertEquals("open 1", outs.get(i).readLine(), () -> stderr(p));
            }
            for (Process p : children) {
                p.getOutputStream().write('\n');
                p.getOutputStream().flush();
            }
            for (int i = 0; i < processes; i++) {
                Process p = children.get(i);
                assertEquals("done", outs.get(i).readLine(), () -> stderr(p));
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        try (JdbcStore store = open(url)) {
            assertEquals(new Versioned<>("counter", String.valueOf(processes * each), 1 + processes * each),
                    store.records("ns").get("counter").orElseThrow());
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationErrorThatShowsNoPassword() throws Exception {
        String wrong = "wrong-" + server.password().reveal();
        BareMetalException e = assertThrows(BareMetalException.class,
                () -> JdbcStore.postgres(server.newSchema(), PostgresServer.USER, Secret.of(wrong)));
        assertInstanceOf(AuthenticationException.class, e, e.toString());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(e.toString().contains(server.password().reveal()));
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutShowingIt() {
        String pw = server.password().reveal();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcStore.postgres(server.url() + "?password=" + pw, PostgresServer.USER, server.password()));
        assertFalse(e.getMessage().contains(pw), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JdbcStore.postgres("jdbc:h2:mem:x", "u", Secret.of("p")));
    }

    @Test
    void noServerIsARetryableTransportError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(PostgresServer.HOST), 0));
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/bm?connectTimeout=5";
        TransportException e = assertThrows(TransportException.class,
                () -> JdbcStore.postgres(url, PostgresServer.USER, server.password()));
        assertTrue(e.isRetryable());
        assertEquals("jdbc:postgresql://127.0.0.1:" + port + "/bm", e.context().endpoint());
    }

    @Test
    void theStoreNamesItsDatabaseWithoutCredentialsAndReusesConnections() throws Exception {
        String url = server.newSchema();
        try (JdbcStore store = open(url)) {
            assertEquals("JdbcStore[" + server.url() + ", schema 1]", store.toString());
            long before = backends();
            for (int i = 0; i < 50; i++) {
                store.records("ns").create("k" + i, "v");
            }
            assertEquals(50, store.records("ns").list().size());
            // One connection reused, not one per call: at most one more server process.
            assertTrue(backends() - before <= 1, "backends grew from " + before + " to " + backends());
        }
    }

    @Test
    void unicodeQuotesAndBackslashesAreStoredAsTheyWere() throws Exception {
        try (JdbcStore store = open(server.newSchema())) {
            String text = "tenant-\u00e9\u6771\ud83d\ude80 \"quoted\" 'single' \\ back";
            store.records("ns").create(text, text);
            assertEquals(text, store.records("ns").get(text).orElseThrow().value());
        }
    }

    @Test
    void aStoreCarriesOnAfterTheServerRestarts() throws Exception {
        String url = server.newSchema();
        try (JdbcStore store = open(url)) {
            store.records("ns").create("k", "before");
            server.restart();
            // The pooled connection died with the server: at most one call may see that, as a
            // retryable transport error; the next gets a fresh connection.
            int failures = 0;
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    store.records("ns").update("k", "after", 1);
                    break;
                } catch (TransportException e) {
                    assertTrue(e.isRetryable());
                    assertFalse(e.getMessage().contains(server.password().reveal()));
                    failures++;
                }
            }
            assertTrue(failures <= 1, failures + " failures");
            assertEquals(new Versioned<>("k", "after", 2), store.records("ns").get("k").orElseThrow());
        }
    }

    @Test
    void theNulCharacterIsRefusedInWordsAndNothingIsWritten() throws Exception {
        try (JdbcStore store = open(server.newSchema())) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> store.records("ns").create("k", "a\u0000b"));
            assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
            assertTrue(store.records("ns").get("k").isEmpty());
            assertThrows(ConfigurationException.class, () -> store.records("ns").create("k\u0000", "v"));
            store.records("ns").create("k", "v");
            assertThrows(ConfigurationException.class, () -> store.records("ns").update("k", "\u0000", 1));
            assertEquals(new Versioned<>("k", "v", 1), store.records("ns").get("k").orElseThrow());
        }
    }

    private static long backends() throws Exception {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
            rs.next();
            return rs.getLong(1) - 1;
        }
    }

    private static List<String> query(String url, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = server.connectUrl(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cols.add(rs.getString(i));
                }
                rows.add(String.join("|", cols));
            }
        }
        return rows;
    }

    private static Process child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreChild.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(StoreChild.PASSWORD_ENV, server.password().reveal());
        return pb.start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String stderr(Process p) {
        try {
            return new String(p.getErrorStream().readNBytes(10_000), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
