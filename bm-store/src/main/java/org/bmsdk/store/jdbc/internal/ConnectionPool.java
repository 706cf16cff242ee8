package org.bmsdk.store.jdbc.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a few idle connections of a server database for reuse, because opening one costs a TCP
 * connection, a server process and a password exchange (scram-sha-256 hashes on purpose, for
 * milliseconds) on every call otherwise. It bounds only what it keeps, not what it hands out: the
 * store's callers are a controller's few threads, and the server's own connection limit applies.
 *
 * <p>A connection comes back to the pool when its user closes it, unless it is broken (closed by
 * the driver after an I/O error) or was left outside auto-commit, which would leak a transaction
 * into the next user; one idle for longer than {@link #VALIDATE_AFTER} is checked before reuse,
 * since a server or a firewall may have dropped it. Thread-safe.
 */
public final class ConnectionPool implements AutoCloseable {

    /** Idle time after which a connection is checked before it is handed out again. */
    static final Duration VALIDATE_AFTER = Duration.ofSeconds(30);
    private static final int VALIDATE_TIMEOUT_SECONDS = 5;

    /** An idle connection and when it came back. */
    private record Idle(Connection connection, long since) {
    }

    private final Database.ConnectionSource opener;
    private final LinkedBlockingDeque<Idle> idle;
    private volatile boolean closed;

    /**
     * A pool over a source of new connections.
     *
     * @param opener opens a new connection
     * @param maxIdle how many idle connections to keep at most
     */
    public ConnectionPool(Database.ConnectionSource opener, int maxIdle) {
        if (maxIdle < 1) {
            throw new IllegalArgumentException("maxIdle must be at least 1, but was " + maxIdle);
        }
        this.opener = opener;
        this.idle = new LinkedBlockingDeque<>(maxIdle);
    }

    /**
     * Borrows a connection: closing it gives it back.
     *
     * @return the connection, in auto-commit mode
     * @throws SQLException when a new one cannot be opened
     */
    public Connection get() throws SQLException {
        if (closed) {
            throw new SQLException("the connection pool is closed", "08003");
        }
        Idle i;
        while ((i = idle.pollFirst()) != null) {
            Connection c = i.connection();
            boolean stale = System.nanoTime() - i.since() > VALIDATE_AFTER.toNanos();
            if (!stale || isValid(c)) {
                return lend(c);
            }
            closeQuietly(c);
        }
        return lend(opener.get());
    }

    /** @return the number of idle connections kept now */
    public int idleCount() {
        return idle.size();
    }

    /** Closes the idle connections; those lent out are closed when given back. */
    @Override
    public void close() {
        closed = true;
        Idle i;
        while ((i = idle.pollFirst()) != null) {
            closeQuietly(i.connection());
        }
    }

    private Connection lend(Connection real) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            if (returned.compareAndSet(false, true)) {
                                giveBack(real);
                            }
                            return null;
                        case "isClosed":
                            return returned.get() || real.isClosed();
                        case "unwrap":
                        case "isWrapperFor":
                            break;
                        case "toString":
                            return "pooled " + real;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            if (returned.get()) {
                                throw new SQLException("connection already given back to the pool", "08003");
                            }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void giveBack(Connection c) {
        try {
            if (closed || c.isClosed() || !c.getAutoCommit() || !idle.offerFirst(new Idle(c, System.nanoTime()))) {
                closeQuietly(c);
            } else if (closed) {
                // close() ran between the check and the offer: do not keep it.
                close();
            }
        } catch (SQLException e) {
            closeQuietly(c);
        }
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(VALIDATE_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // It is being dropped; a failure to close it changes nothing.
        }
    }
}
