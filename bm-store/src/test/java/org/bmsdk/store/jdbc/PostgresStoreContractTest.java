package org.bmsdk.store.jdbc;

import org.bmsdk.api.store.Store;
import org.bmsdk.store.fixture.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The contract against a real PostgreSQL server, each test in an empty schema, with a second store
 * (its own connections) for half the threads: the compare-and-set of several controllers sharing
 * one database.
 */
@Tag("interop")
class PostgresStoreContractTest extends StoreContract {

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
}
