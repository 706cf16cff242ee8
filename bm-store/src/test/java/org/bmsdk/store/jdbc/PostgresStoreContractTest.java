package org.bmsdk.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.store.Store;
import org.bmsdk.store.fixture.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The contracts against a real PostgreSQL server, each test in an empty schema, with a second store
 * (its own connections) for half the threads: the compare-and-set of several controllers sharing
 * one database.
 */
@Tag("interop")
class PostgresStoreContractTest extends JdbcStoreContract {

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

    private String url;

    @Override
    protected Store openStore() throws Exception {
        url = server.newSchema();
        return JdbcStore.postgres(url, PostgresServer.USER, server.password());
    }

    @Override
    protected Store openSecondStore() {
        return JdbcStore.postgres(url, PostgresServer.USER, server.password());
    }

    @Override
    protected void execute(String sql) throws Exception {
        try (Connection c = server.connectUrl(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    protected List<String> query(String sql) throws Exception {
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
}
