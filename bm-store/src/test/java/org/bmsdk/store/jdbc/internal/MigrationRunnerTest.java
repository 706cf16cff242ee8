package org.bmsdk.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.store.jdbc.H2Console;
import org.bmsdk.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRunnerTest {

    @TempDir
    Path dir;

    private Database db;

    private Database db(Path file) {
        String url = JdbcUrls.h2File(file);
        db = Database.open(() -> DriverManager.getConnection(url, JdbcUrls.USER, ""), null, JdbcUrls.redact(url));
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aFreshFileGetsTheLatestSchema() throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("state"))) {
            assertEquals(Migration.bundled().size(), store.schemaVersion());
        }
        List<String> tables = query("SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = 'PUBLIC'"
                + " ORDER BY 1");
        assertEquals(List.of("nodes", "records", "schema_version"), tables);
        assertEquals(List.of("1|init"), query("SELECT version, description FROM schema_version"));
        List<String> indexes = query("SELECT LOWER(index_name) FROM information_schema.indexes WHERE LOWER(table_name) = 'nodes'"
                + " ORDER BY 1");
        assertTrue(indexes.containsAll(List.of("nodes_owner", "nodes_provision_state")), indexes.toString());
    }

    @Test
    void reopeningAppliesNothingAgain() throws Exception {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("state"))) {
            store.records("ns").create("k", "v");
        }
        List<String> before = query("SELECT version, installed_at FROM schema_version");
        try (JdbcStore store = JdbcStore.h2(dir.resolve("state"))) {
            assertEquals("v", store.records("ns").get("k").orElseThrow().value());
        }
        assertEquals(before, query("SELECT version, installed_at FROM schema_version"));
    }

    @Test
    void aDatabaseWithANewerSchemaIsRefused() throws Exception {
        JdbcStore.h2(dir.resolve("state")).close();
        execute("INSERT INTO schema_version (version, description, checksum, installed_at) VALUES (99, 'future', 0, CURRENT_TIMESTAMP)");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> JdbcStore.h2(dir.resolve("state")));
        assertTrue(e.getMessage().contains("schema version 99, newer than this bm-store knows (1)"), e.getMessage());
        assertEquals("schema.migrate", e.context().operation());
        // The refusal released the file: an operator can open it again at once.
        assertEquals(List.of("1", "99"), query("SELECT version FROM schema_version ORDER BY version"));
    }

    @Test
    void anAppliedScriptThatWasEditedAfterwardsIsRefused() throws Exception {
        JdbcStore.h2(dir.resolve("state")).close();
        execute("UPDATE schema_version SET checksum = checksum + 1 WHERE version = 1");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> JdbcStore.h2(dir.resolve("state")));
        assertTrue(e.getMessage().contains("differs from this bm-store's script"), e.getMessage());
    }

    @Test
    void migrationsRunInOrderEachOnce() throws Exception {
        Migration v1 = new Migration(1, "table", "CREATE TABLE IF NOT EXISTS t (n INTEGER NOT NULL, s ${LARGE_TEXT});\n");
        Migration v2 = new Migration(2, "row", "-- a comment; not a statement\nINSERT INTO t (n, s)\n  VALUES (1, 'a');\n"
                + "INSERT INTO t (n, s) VALUES (2, 'b')");
        Database database = db(dir.resolve("custom"));
        assertEquals(1, new MigrationRunner(database, List.of(v1)).migrate());
        assertEquals(2, new MigrationRunner(database, List.of(v2, v1)).migrate());
        assertEquals(2, new MigrationRunner(database, List.of(v1, v2)).migrate());
        assertEquals(List.of("1|a", "2|b"), query(dir.resolve("custom"), "SELECT n, s FROM t ORDER BY n"));
        assertEquals(Map.of(1, v1.checksum(), 2, v2.checksum()), new MigrationRunner(database, List.of(v1, v2)).applied());
    }

    @Test
    void aFailingMigrationIsNotMarkedAppliedAndItsRowsAreRolledBack() throws Exception {
        Migration v1 = new Migration(1, "table", "CREATE TABLE IF NOT EXISTS t (n INTEGER NOT NULL PRIMARY KEY);");
        Migration bad = new Migration(2, "bad", "INSERT INTO t (n) VALUES (1);\nINSERT INTO no_such_table (n) VALUES (2);");
        Database database = db(dir.resolve("custom"));
        assertThrows(BareMetalException.class, () -> new MigrationRunner(database, List.of(v1, bad)).migrate());
        assertEquals(List.of(), query(dir.resolve("custom"), "SELECT n FROM t"));
        assertEquals(Map.of(1, v1.checksum()), new MigrationRunner(database, List.of(v1)).applied());

        Migration fixed = new Migration(2, "fixed", "INSERT INTO t (n) VALUES (1);");
        assertEquals(2, new MigrationRunner(database, List.of(v1, fixed)).migrate());
        assertEquals(List.of("1"), query(dir.resolve("custom"), "SELECT n FROM t"));
    }

    @Test
    void migrationsMustBeNumberedWithoutGaps() {
        Migration v1 = new Migration(1, "a", "");
        Migration v3 = new Migration(3, "c", "");
        assertThrows(IllegalArgumentException.class, () -> new MigrationRunner(null, List.of(v1, v3)));
        assertThrows(IllegalArgumentException.class, () -> new MigrationRunner(null, List.of(v1, v1)));
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        Migration m = new Migration(1, "a", "CREATE TABLE t (s ${NO_SUCH});");
        assertThrows(IllegalStateException.class, () -> m.statements(Dialect.H2.placeholders()));
    }

    @Test
    void everyScriptOnTheClassPathIsListedInOrder() throws IOException, URISyntaxException {
        Path location = Path.of(Migration.class.getResource(Migration.LOCATION).toURI());
        try (Stream<Path> files = Files.list(location)) {
            List<String> found = files.map(p -> p.getFileName().toString())
                    .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))))
                    .toList();
            assertEquals(found, Migration.SCRIPTS);
        }
        List<Migration> bundled = Migration.bundled();
        for (int i = 0; i < bundled.size(); i++) {
            assertEquals(i + 1, bundled.get(i).version());
        }
    }

    @Test
    void dialectsAreChosenByProductName() {
        assertEquals(Dialect.H2, Dialect.forProduct("H2"));
        assertEquals(Dialect.POSTGRESQL, Dialect.forProduct("PostgreSQL"));
        assertEquals(Dialect.GENERIC, Dialect.forProduct("Apache Derby"));
        assertEquals(Dialect.GENERIC, Dialect.forProduct(null));
        assertEquals("TEXT", Dialect.POSTGRESQL.placeholders().get("LARGE_TEXT"));
    }

    private List<String> query(String sql) throws Exception {
        return H2Console.query(dir.resolve("state"), sql);
    }

    private void execute(String sql) throws Exception {
        H2Console.execute(dir.resolve("state"), sql);
    }

    private static List<String> query(Path file, String sql) throws Exception {
        return H2Console.query(file, sql);
    }
}
