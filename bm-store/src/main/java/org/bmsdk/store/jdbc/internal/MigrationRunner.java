package org.bmsdk.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date: a {@code schema_version} table lists the migrations
 * applied, and each missing one runs in its own transaction, in order. Re-opening applies nothing;
 * a database at a version newer than this code knows, or whose applied scripts differ from ours,
 * is refused, because writing to it could lose data this code does not understand.
 *
 * <p>Several processes may open one PostgreSQL database at once. There a session advisory lock puts
 * their migrations in a line (PostgreSQL's {@code CREATE TABLE IF NOT EXISTS} races with itself),
 * and, DDL being transactional, the version row is still inserted first: should two ever meet, the
 * loser's duplicate key rolls its whole migration back, after which it reads the versions again. H2 commits before each DDL statement,
 * so there the row is inserted last and the scripts use {@code IF NOT EXISTS} to be re-runnable;
 * within one JVM a lock keeps two stores from migrating the same file at once.
 */
public final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);
    private static final Object JVM_LOCK = new Object();
    private static final int ATTEMPTS = 3;

    private static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
            + "checksum BIGINT NOT NULL, installed_at TIMESTAMP NOT NULL)";

    private final Database db;
    private final List<Migration> migrations;

    /**
     * A runner for a list of migrations.
     *
     * @param db the database
     * @param migrations versions 1 to n, each once
     */
    public MigrationRunner(Database db, List<Migration> migrations) {
        this.db = db;
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1.." + sorted.size() + " without gaps, but have "
                        + sorted.stream().map(m -> "V" + m.version()).toList());
            }
        }
        this.migrations = List.copyOf(sorted);
    }

    /** @return the latest schema version this runner knows */
    public int latestVersion() {
        return migrations.size();
    }

    /**
     * Applies the migrations the database lacks.
     *
     * @return the schema version the database is at now
     * @throws ConfigurationException when the database is newer than this code, or its applied
     *     scripts differ from this code's
     * @throws org.bmsdk.api.BareMetalException when the database fails
     */
    public int migrate() {
        if (db.dialect().transactionalDdl()) {
            // The database settles a race (see the class comment), between threads as between
            // processes; no JVM lock here, so tests can race stores within one JVM too.
            return migrateWithRetries();
        }
        synchronized (JVM_LOCK) {
            return migrateWithRetries();
        }
    }

    /** The key of the advisory lock that migrations of a PostgreSQL database take: "bmstore" in ASCII. */
    private static final long ADVISORY_LOCK = 0x626d73746f7265L;

    private int migrateWithRetries() {
        ConflictException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return db.call("schema.migrate", "migrating the schema of " + db.displayName(), this::migrate);
            } catch (ConflictException e) {
                // Another process migrated at the same moment; read what it applied and go on.
                last = e;
            }
        }
        throw last;
    }

    /**
     * Reads the versions applied, without changing anything.
     *
     * @return version to checksum, in order
     */
    public Map<Integer, Long> applied() {
        return db.call("schema.read", "reading the schema version of " + db.displayName(), MigrationRunner::applied);
    }

    private int migrate(Connection c) throws SQLException {
        if (db.dialect() != Dialect.POSTGRESQL) {
            return migrateLocked(c);
        }
        // PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against itself: two sessions creating
        // schema_version at once collide on its row type ("type schema_version already exists").
        // A session advisory lock, which the server drops with the session, puts them in a line.
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK + ")");
        }
        try {
            return migrateLocked(c);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK + ")");
            }
        }
    }

    private int migrateLocked(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE_TABLE);
        }
        TreeMap<Integer, Long> applied = applied(c);
        int current = applied.isEmpty() ? 0 : applied.lastKey();
        if (current > latestVersion()) {
            throw new ConfigurationException("the database " + db.displayName() + " has schema version " + current
                    + ", newer than this bm-store knows (" + latestVersion() + "); open it with the bm-store that wrote it, or a later one",
                    db.context("schema.migrate"));
        }
        for (Map.Entry<Integer, Long> e : applied.entrySet()) {
            Migration m = migrations.get(e.getKey() - 1);
            if (m.checksum() != e.getValue()) {
                throw new ConfigurationException("schema migration V" + m.version() + " (" + m.description() + ") applied to "
                        + db.displayName() + " differs from this bm-store's script (checksum " + e.getValue() + ", expected "
                        + m.checksum() + ")", db.context("schema.migrate"));
            }
        }
        for (Migration m : migrations) {
            if (!applied.containsKey(m.version())) {
                apply(c, m);
                current = m.version();
            }
        }
        return current;
    }

    private void apply(Connection c, Migration m) throws SQLException {
        List<String> statements = m.statements(db.dialect().placeholders());
        boolean lockFirst = db.dialect().transactionalDdl();
        Database.inTransaction(c, tx -> {
            if (lockFirst) {
                record(tx, m);
            }
            try (Statement s = tx.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            if (!lockFirst) {
                record(tx, m);
            }
            return null;
        });
        LOG.info("Applied schema migration V{} ({}) to {}", m.version(), m.description(), db.displayName());
    }

    private static void record(Connection c, Migration m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_version (version, description, checksum, installed_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.description());
            ps.setLong(3, m.checksum());
            ps.executeUpdate();
        }
    }

    private static TreeMap<Integer, Long> applied(Connection c) throws SQLException {
        TreeMap<Integer, Long> applied = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return applied;
    }
}
