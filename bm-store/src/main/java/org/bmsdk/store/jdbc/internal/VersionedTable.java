package org.bmsdk.store.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;

/**
 * A {@link VersionedStore} over one table, compare-and-set done by the database: a create is an
 * INSERT that the primary key lets only one caller win; an update or delete names the version read
 * in its WHERE clause, and an update count of 0 means someone else wrote first. No read-then-write
 * in Java, so the guarantee holds across threads, store instances and processes alike.
 *
 * <p>A subclass names the table's columns and turns keys and values into column text; the SQL is
 * built here once, from those fixed names.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public abstract class VersionedTable<K extends Comparable<K>, V> implements VersionedStore<K, V> {

    /** The database. */
    protected final Database db;
    private final String kind;
    private final String operationPrefix;
    private final List<String> scopeValues;
    private final String selectSql;
    private final String versionSql;
    private final String insertSql;
    private final String updateSql;
    private final String deleteSql;
    private final String listSql;

    /**
     * Builds the statements.
     *
     * @param db the database
     * @param kind the word for one row in messages, such as {@code node}
     * @param operationPrefix the prefix of operation names, such as {@code nodes}
     * @param table the table
     * @param scopeColumns columns fixed for this instance (such as the namespace), may be empty
     * @param scopeValues their values
     * @param keyColumn the key column
     * @param valueColumns the value columns, in the order {@link #encode} returns them
     */
    protected VersionedTable(Database db, String kind, String operationPrefix, String table, List<String> scopeColumns,
            List<String> scopeValues, String keyColumn, List<String> valueColumns) {
        this.db = db;
        this.kind = kind;
        this.operationPrefix = operationPrefix;
        this.scopeValues = List.copyOf(scopeValues);
        String scope = scopeColumns.stream().map(c -> c + " = ? AND ").collect(Collectors.joining());
        String whereKey = " WHERE " + scope + keyColumn + " = ?";
        String values = String.join(", ", valueColumns);
        List<String> insertColumns = Stream.of(scopeColumns, List.of(keyColumn, "version"), valueColumns)
                .flatMap(List::stream).toList();
        this.selectSql = "SELECT version, " + values + " FROM " + table + whereKey;
        this.versionSql = "SELECT version FROM " + table + whereKey;
        this.insertSql = "INSERT INTO " + table + " (" + String.join(", ", insertColumns) + ") VALUES ("
                + insertColumns.stream().map(c -> c.equals("version") ? "1" : "?").collect(Collectors.joining(", ")) + ")";
        this.updateSql = "UPDATE " + table + " SET version = version + 1, "
                + valueColumns.stream().map(c -> c + " = ?").collect(Collectors.joining(", ")) + whereKey + " AND version = ?";
        this.deleteSql = "DELETE FROM " + table + whereKey + " AND version = ?";
        this.listSql = "SELECT " + keyColumn + ", version, " + values + " FROM " + table
                + (scopeColumns.isEmpty() ? "" : " WHERE " + scope.substring(0, scope.length() - " AND ".length()))
                + " ORDER BY " + keyColumn;
    }

    /**
     * The key as its column holds it.
     *
     * @param key the key
     * @return the column text
     */
    protected abstract String keyText(K key);

    /**
     * The key from its column.
     *
     * @param text the column text
     * @return the key
     */
    protected abstract K parseKey(String text);

    /**
     * The value as its columns hold it. Runs before any SQL, so a value refused here writes nothing.
     *
     * @param key the key
     * @param value the value
     * @param operation the operation, for errors
     * @return one text per value column
     */
    protected abstract String[] encode(K key, V value, String operation);

    /**
     * The value from its columns.
     *
     * @param key the key of the row
     * @param columns one text per value column
     * @param operation the operation, for errors
     * @return the value
     * @throws org.bmsdk.api.IntegrityException when the row does not decode
     */
    protected abstract V decode(K key, String[] columns, String operation);

    @Override
    public Optional<Versioned<K, V>> get(K key) {
        Objects.requireNonNull(key, "key");
        String op = operationPrefix + ".get";
        return db.call(op, "reading " + describe(key), c -> {
            try (PreparedStatement ps = c.prepareStatement(selectSql)) {
                bindKey(ps, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long version = rs.getLong(1);
                    return Optional.of(new Versioned<>(key, decode(key, columns(rs, 2), op), version));
                }
            }
        });
    }

    @Override
    public Versioned<K, V> create(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String op = operationPrefix + ".create";
        String[] encoded = encode(key, value, op);
        refuseWhatTheDatabaseCannotHold(key, encoded, op);
        try {
            db.call(op, "creating " + describe(key), c -> {
                try (PreparedStatement ps = c.prepareStatement(insertSql)) {
                    int i = bindKey(ps, key);
                    for (String column : encoded) {
                        ps.setString(i++, column);
                    }
                    return ps.executeUpdate();
                }
            });
        } catch (ConflictException e) {
            throw new ConflictException(describe(key) + " already exists", db.context(op), e);
        }
        return new Versioned<>(key, value, 1);
    }

    @Override
    public Versioned<K, V> update(K key, V value, long expectedVersion) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String op = operationPrefix + ".update";
        String[] encoded = encode(key, value, op);
        refuseWhatTheDatabaseCannotHold(key, encoded, op);
        int updated = db.call(op, "updating " + describe(key), c -> {
            try (PreparedStatement ps = c.prepareStatement(updateSql)) {
                int i = 1;
                for (String column : encoded) {
                    ps.setString(i++, column);
                }
                i = bindKey(ps, i, key);
                ps.setLong(i, expectedVersion);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            throw conflict(key, expectedVersion, op);
        }
        return new Versioned<>(key, value, expectedVersion + 1);
    }

    @Override
    public void delete(K key, long expectedVersion) {
        Objects.requireNonNull(key, "key");
        String op = operationPrefix + ".delete";
        int deleted = db.call(op, "deleting " + describe(key), c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteSql)) {
                int i = bindKey(ps, key);
                ps.setLong(i, expectedVersion);
                return ps.executeUpdate();
            }
        });
        if (deleted == 0) {
            throw conflict(key, expectedVersion, op);
        }
    }

    @Override
    public List<Versioned<K, V>> list() {
        String op = operationPrefix + ".list";
        List<Versioned<K, V>> all = db.call(op, "listing " + kind + "s", c -> {
            try (PreparedStatement ps = c.prepareStatement(listSql)) {
                int i = 1;
                for (String s : scopeValues) {
                    ps.setString(i++, s);
                }
                List<Versioned<K, V>> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        K key = parseKey(rs.getString(1));
                        out.add(new Versioned<>(key, decode(key, columns(rs, 3), op), rs.getLong(2)));
                    }
                }
                return out;
            }
        });
        // The database's collation (locale-aware on PostgreSQL) need not match the keys' own order,
        // which the contract promises; the SQL ORDER BY only saves this sort most of its work.
        all.sort(Comparator.comparing(Versioned::key));
        return all;
    }

    /**
     * The key in messages, such as {@code node n1}.
     *
     * @param key the key
     * @return the description
     */
    protected String describe(K key) {
        return kind + " " + keyText(key);
    }

    /**
     * PostgreSQL's text types cannot hold U+0000 (the server refuses it as an invalid byte
     * sequence); say so before writing, in words, rather than with the server's encoding error.
     */
    private void refuseWhatTheDatabaseCannotHold(K key, String[] encoded, String op) {
        if (db.dialect() != Dialect.POSTGRESQL) {
            return;
        }
        boolean nul = keyText(key).indexOf('\u0000') >= 0;
        for (String column : encoded) {
            nul |= column != null && column.indexOf('\u0000') >= 0;
        }
        if (nul) {
            throw new ConfigurationException(kind + " " + keyText(key).replace("\u0000", "\\u0000")
                    + " holds the character U+0000, which PostgreSQL cannot store; encode it (JSON does)", db.context(op));
        }
    }

    private ConflictException conflict(K key, long expectedVersion, String op) {
        Long now = db.call(op, "reading the version of " + describe(key), c -> {
            try (PreparedStatement ps = c.prepareStatement(versionSql)) {
                bindKey(ps, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
        return new ConflictException(describe(key) + " is " + (now == null ? "absent" : "at version " + now)
                + ", not at version " + expectedVersion, db.context(op));
    }

    private int bindKey(PreparedStatement ps, K key) throws SQLException {
        return bindKey(ps, 1, key);
    }

    /** Binds the scope values and the key from parameter {@code first}; returns the next index. */
    private int bindKey(PreparedStatement ps, int first, K key) throws SQLException {
        int i = first;
        for (String s : scopeValues) {
            ps.setString(i++, s);
        }
        ps.setString(i++, keyText(key));
        return i;
    }

    private String[] columns(ResultSet rs, int first) throws SQLException {
        int n = rs.getMetaData().getColumnCount() - first + 1;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = rs.getString(first + i);
        }
        return out;
    }
}
