package org.bmsdk.store.jdbc.internal;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that differs between the databases we run on, in one place, so that the rest of the
 * code (and the migration scripts, through placeholders) stays plain ANSI SQL.
 */
public enum Dialect {

    /** H2 2.x, embedded or as a server. */
    H2("CHARACTER LARGE OBJECT", false),
    /** PostgreSQL. */
    POSTGRESQL("TEXT", true),
    /** Any other database: ANSI types, and DDL assumed not to be transactional. */
    GENERIC("CLOB", false);

    /** H2's vendor codes that are not told apart by SQLState alone. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final int H2_CONCURRENT_UPDATE = 90131;
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final int H2_DATABASE_CLOSED = 90098;
    private static final int H2_DATABASE_AT_SHUTDOWN = 90121;

    private final String largeText;
    private final boolean transactionalDdl;

    Dialect(String largeText, boolean transactionalDdl) {
        this.largeText = largeText;
        this.transactionalDdl = transactionalDdl;
    }

    /**
     * Chooses the dialect for a database product name, as JDBC metadata reports it.
     *
     * @param productName such as {@code H2} or {@code PostgreSQL}
     * @return the dialect, {@link #GENERIC} when unknown
     */
    public static Dialect forProduct(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.equals("h2")) {
            return H2;
        }
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        return GENERIC;
    }

    /**
     * Whether DDL takes part in transactions. Where it does not (H2 commits before each DDL
     * statement), a migration records its version only after its statements ran, so a failed one
     * is tried again rather than marked done.
     *
     * @return true when DDL is rolled back with the transaction
     */
    public boolean transactionalDdl() {
        return transactionalDdl;
    }

    /**
     * The placeholders that migration scripts may use, with their values for this dialect.
     *
     * @return placeholder name to SQL text
     */
    public Map<String, String> placeholders() {
        return Map.of("LARGE_TEXT", largeText);
    }

    /**
     * Classifies a vendor error that its SQLState and exception class do not make clear.
     *
     * @param e the error
     * @return the kind of failure, empty when the generic rules apply
     */
    public Optional<SqlErrors.Kind> classify(SQLException e) {
        if (this == H2) {
            switch (e.getErrorCode()) {
                case H2_CONCURRENT_UPDATE:
                case H2_LOCK_TIMEOUT:
                    return Optional.of(SqlErrors.Kind.CONFLICT);
                case H2_DATABASE_ALREADY_OPEN:
                case H2_DATABASE_CLOSED:
                case H2_DATABASE_AT_SHUTDOWN:
                    return Optional.of(SqlErrors.Kind.TRANSPORT);
                default:
                    return Optional.empty();
            }
        }
        if (this == POSTGRESQL && e.getSQLState() != null) {
            // 57P01..57P03: the server is shutting down or not yet up; 53300: too many connections.
            String state = e.getSQLState();
            if (state.startsWith("57P") || state.equals("53300")) {
                return Optional.of(SqlErrors.Kind.TRANSPORT);
            }
        }
        return Optional.empty();
    }
}
