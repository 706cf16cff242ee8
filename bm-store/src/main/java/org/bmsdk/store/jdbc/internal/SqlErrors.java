package org.bmsdk.store.jdbc.internal;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;

/**
 * Turns {@link SQLException}s into bm-api exceptions, so that no caller ever depends on JDBC's.
 * SQLState classes (ANSI) decide first, then the JDBC 4 exception subclasses, then the dialect's
 * vendor codes for what neither makes clear.
 */
public final class SqlErrors {

    /** What kind of failure an SQL error is, as bm-api tells them apart. */
    public enum Kind {
        /** An integrity violation or a lost race: {@link ConflictException}. */
        CONFLICT,
        /** The database could not be reached or went away: {@link TransportException}. */
        TRANSPORT,
        /** The database refused the user or password: {@link AuthenticationException}. */
        AUTHENTICATION,
        /** Anything else: {@link BareMetalException}. */
        OTHER
    }

    private SqlErrors() {
    }

    /**
     * Classifies an error.
     *
     * @param e the error
     * @param dialect the database's dialect
     * @return the kind
     */
    public static Kind classify(SQLException e, Dialect dialect) {
        Kind vendor = dialect.classify(e).orElse(null);
        if (vendor != null) {
            return vendor;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("23") || state.startsWith("40") || e instanceof SQLIntegrityConstraintViolationException
                || e instanceof SQLTransactionRollbackException) {
            return Kind.CONFLICT;
        }
        if (state.startsWith("08") || e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                || e instanceof SQLTimeoutException) {
            return Kind.TRANSPORT;
        }
        if (state.startsWith("28") || e instanceof SQLInvalidAuthorizationSpecException) {
            return Kind.AUTHENTICATION;
        }
        return Kind.OTHER;
    }

    /**
     * Wraps an error in the bm-api exception for its kind.
     *
     * @param e the error
     * @param dialect the database's dialect
     * @param context the database and the operation
     * @param what what was being done, such as {@code update of node n1}
     * @return the exception to throw
     */
    public static BareMetalException translate(SQLException e, Dialect dialect, ErrorContext context, String what) {
        String message = what + " failed: " + describe(e);
        switch (classify(e, dialect)) {
            case CONFLICT:
                return new ConflictException(message, context, e);
            case TRANSPORT:
                return new TransportException(message, context, e);
            case AUTHENTICATION:
                return new AuthenticationException(message, context, e);
            default:
                return new BareMetalException(message, context, e instanceof SQLTransientException, e);
        }
    }

    /** SQLState and the first line of the driver's message: H2's carry the statement after it. */
    private static String describe(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        return (e.getSQLState() == null ? "" : "SQLState " + e.getSQLState() + ": ") + text.strip();
    }
}
