package org.bmsdk.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;

/**
 * A database as the store uses it: where connections come from, its dialect, and the one place
 * where JDBC errors become bm-api exceptions. Thread-safe; every call borrows its own connection.
 */
public final class Database implements AutoCloseable {

    /** The driver id that errors of this module name. */
    public static final String DRIVER_ID = "jdbc";

    /** Gives a connection; the caller closes it. */
    @FunctionalInterface
    public interface ConnectionSource {
        /**
         * Opens or borrows a connection.
         *
         * @return the connection
         * @throws SQLException when none can be had
         */
        Connection get() throws SQLException;
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work.
         *
         * @param connection the connection, in auto-commit mode
         * @return the result
         * @throws SQLException when the database fails
         */
        T run(Connection connection) throws SQLException;
    }

    private final ConnectionSource connections;
    private final AutoCloseable owned;
    private final String displayName;
    private final Dialect dialect;
    private volatile boolean closed;

    private Database(ConnectionSource connections, AutoCloseable owned, String displayName, Dialect dialect) {
        this.connections = connections;
        this.owned = owned;
        this.displayName = displayName;
        this.dialect = dialect;
    }

    /**
     * Connects once to learn the dialect.
     *
     * @param connections where connections come from
     * @param owned what to close with this database (a pool we made), or null when the caller owns it
     * @param displayName the database as errors name it, without credentials; null to take the URL
     *     the driver reports, redacted
     * @return the database
     * @throws BareMetalException when the database cannot be reached
     */
    public static Database open(ConnectionSource connections, AutoCloseable owned, String displayName) {
        String name = displayName == null ? "a data source" : displayName;
        try (Connection c = connections.get()) {
            if (displayName == null) {
                String url = c.getMetaData().getURL();
                name = url == null ? name : JdbcUrls.redact(url);
            }
            Dialect dialect = Dialect.forProduct(c.getMetaData().getDatabaseProductName());
            return new Database(connections, owned, name, dialect);
        } catch (SQLException e) {
            closeQuietly(owned);
            throw SqlErrors.translate(e, Dialect.GENERIC, ErrorContext.of(name, DRIVER_ID, "store.open"), "opening " + name);
        } catch (RuntimeException e) {
            closeQuietly(owned);
            throw e;
        }
    }

    /** @return the dialect */
    public Dialect dialect() {
        return dialect;
    }

    /** @return the database as errors name it */
    public String displayName() {
        return displayName;
    }

    /**
     * The context that errors of an operation carry.
     *
     * @param operation such as {@code nodes.update}
     * @return the context
     */
    public ErrorContext context(String operation) {
        return ErrorContext.of(displayName, DRIVER_ID, operation);
    }

    /**
     * Runs work on a connection in auto-commit mode, translating JDBC errors.
     *
     * @param <T> the result type
     * @param operation the operation, for errors
     * @param what what is being done, for errors (such as {@code update of node n1})
     * @param work the work
     * @return its result
     * @throws BareMetalException when the database fails
     */
    public <T> T call(String operation, String what, Work<T> work) {
        if (closed) {
            throw new IllegalStateException("the store over " + displayName + " is closed");
        }
        try (Connection c = connections.get()) {
            // A DataSource from the caller may hand out connections outside auto-commit.
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            return work.run(c);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, dialect, context(operation), what);
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param c a connection in auto-commit mode, from {@link #call}
     * @param work the work
     * @param <T> the result type
     * @return its result
     * @throws SQLException when the database fails
     */
    public static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Releases the pool this database made; a caller's DataSource stays open. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(owned);
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            // Nothing more can be done on close; the data is committed already.
            org.slf4j.LoggerFactory.getLogger(Database.class).warn("closing the connection pool failed", e);
        }
    }
}
