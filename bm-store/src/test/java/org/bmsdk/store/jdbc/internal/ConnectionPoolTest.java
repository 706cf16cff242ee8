package org.bmsdk.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {

    private final List<Connection> opened = new ArrayList<>();

    private ConnectionPool pool(int maxIdle) {
        return new ConnectionPool(() -> {
            Connection c = DriverManager.getConnection("jdbc:h2:mem:pool;DB_CLOSE_DELAY=-1", "sa", "");
            opened.add(c);
            return c;
        }, maxIdle);
    }

    @Test
    void aConnectionGivenBackIsLentAgainInsteadOfOpeningAnother() throws Exception {
        try (ConnectionPool pool = pool(2)) {
            try (Connection c = pool.get()) {
                c.createStatement().execute("SELECT 1");
            }
            try (Connection c = pool.get()) {
                c.createStatement().execute("SELECT 1");
            }
            assertEquals(1, opened.size());
            assertEquals(1, pool.idleCount());
        }
        assertTrue(opened.get(0).isClosed(), "closing the pool closes its idle connections");
    }

    @Test
    void itKeepsNoMoreThanMaxIdle() throws Exception {
        try (ConnectionPool pool = pool(2)) {
            List<Connection> lent = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                lent.add(pool.get());
            }
            for (Connection c : lent) {
                c.close();
            }
            assertEquals(4, opened.size());
            assertEquals(2, pool.idleCount());
            assertEquals(2, opened.stream().filter(c -> {
                try {
                    return c.isClosed();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).count());
        }
    }

    @Test
    void aConnectionLeftInATransactionOrBrokenIsDropped() throws Exception {
        try (ConnectionPool pool = pool(4)) {
            Connection c = pool.get();
            c.setAutoCommit(false);
            c.close();
            assertEquals(0, pool.idleCount());
            assertTrue(opened.get(0).isClosed());

            Connection d = pool.get();
            opened.get(1).close();
            d.close();
            assertEquals(0, pool.idleCount());
            assertNotSame(opened.get(1), opened.get(0));
        }
    }

    @Test
    void aConnectionGivenBackCannotBeUsedAndClosingTwiceGivesItBackOnce() throws Exception {
        try (ConnectionPool pool = pool(4)) {
            Connection c = pool.get();
            c.close();
            c.close();
            assertEquals(1, pool.idleCount());
            assertTrue(c.isClosed());
            assertThrows(SQLException.class, c::createStatement);
        }
    }

    @Test
    void aClosedPoolLendsNothing() {
        ConnectionPool pool = pool(1);
        pool.close();
        assertThrows(SQLException.class, pool::get);
    }
}
