package org.bmsdk.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLNonTransientConnectionException;
import javax.sql.DataSource;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.store.jdbc.internal.JdbcUrls;
import org.bmsdk.testkit.tck.StoreTck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreTest {

    private static final String PASSWORD = "pw-Secret-4711";

    @TempDir
    Path dir;

    @Test
    void aFullNodeSurvivesClosingAndReopeningTheFile() {
        Node node = StoreTck.fullNode("n1");
        Path file = dir.resolve("bm").resolve("state");
        try (JdbcStore store = JdbcStore.h2(file)) {
            store.nodes().create(node.id(), node);
            store.nodes().update(node.id(), node.toBuilder().owner("other").build(), 1);
            store.records("vlans").create("vlan-100", "{\"tenant\":\"t1\"}");
        }
        assertTrue(Files.exists(dir.resolve("bm").resolve("state.mv.db")));
        try (JdbcStore reopened = JdbcStore.h2(dir.resolve("bm").resolve("state.mv.db"))) {
            assertEquals(new Versioned<>(node.id(), node.toBuilder().owner("other").build(), 2),
                    reopened.nodes().get(node.id()).orElseThrow());
            assertEquals("{\"tenant\":\"t1\"}", reopened.records("vlans").get("vlan-100").orElseThrow().value());
        }
    }

    @Test
    void databaseErrorsComeWrappedAndNameTheDatabase() throws Exception {
        Path file = dir.resolve("state");
        try (JdbcStore store = JdbcStore.h2(file)) {
            H2Console.execute(file, "DROP TABLE records");
            BareMetalException e = assertThrows(BareMetalException.class, () -> store.records("ns").get("k"));
            assertInstanceOf(java.sql.SQLException.class, e.getCause());
            assertEquals("jdbc", e.context().driverId());
            assertEquals("records.get", e.context().operation());
            assertEquals("jdbc:h2:file:" + file.toAbsolutePath(), e.context().endpoint());
        }
    }

    @Test
    void aDataSourceThatCannotConnectIsATransportError() {
        DataSource broken = dataSource(() -> {
            throw new SQLNonTransientConnectionException("connection refused", "08001");
        });
        TransportException e = assertThrows(TransportException.class, () -> JdbcStore.builder().dataSource(broken).build());
        assertTrue(e.isRetryable());
    }

    @Test
    void aWrongPasswordIsAnAuthenticationErrorThatShowsNoPassword() {
        try (JdbcStore store = JdbcStore.builder().url("jdbc:h2:file:" + dir.resolve("secured") + ";WRITE_DELAY=0")
                .credentials(Credentials.of("ops", PASSWORD)).build()) {
            store.records("ns").create("k", "v");
        }
        BareMetalException e = assertThrows(BareMetalException.class, () -> JdbcStore.builder()
                .url("jdbc:h2:file:" + dir.resolve("secured")).credentials(Credentials.of("ops", "wrong-" + PASSWORD)).build());
        assertInstanceOf(org.bmsdk.api.AuthenticationException.class, e, e.toString());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void aFileMadeByH2OpensThroughAPlainUrlToo() {
        Path file = dir.resolve("state");
        try (JdbcStore store = JdbcStore.h2(file)) {
            store.records("ns").create("k", "v");
        }
        try (JdbcStore store = JdbcStore.builder().url("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0").build()) {
            assertEquals("v", store.records("ns").get("k").orElseThrow().value());
        }
    }

    @Test
    void aStoreOverACallersDataSourceLeavesItOpen() throws Exception {
        DataSource ds = dataSource(() -> DriverManager.getConnection("jdbc:h2:mem:shared;DB_CLOSE_DELAY=-1"));
        try (JdbcStore store = JdbcStore.builder().dataSource(ds).build()) {
            store.records("ns").create("k", "v");
            assertEquals(1, store.schemaVersion());
        }
        try (JdbcStore again = JdbcStore.builder().dataSource(ds).build()) {
            assertEquals("v", again.records("ns").get("k").orElseThrow().value());
        }
    }

    @Test
    void theBuilderWantsExactlyOneDatabase() {
        assertThrows(IllegalStateException.class, () -> JdbcStore.builder().build());
        assertThrows(IllegalStateException.class, () -> JdbcStore.builder().h2File(dir.resolve("a")).url("jdbc:h2:mem:x").build());
        assertThrows(IllegalArgumentException.class, () -> JdbcStore.h2(dir.resolve("a;MODE=MySQL")));
    }

    @Test
    void urlsAreRedactedForErrors() {
        assertEquals("jdbc:h2:file:/var/lib/bm/state", JdbcUrls.redact("jdbc:h2:file:/var/lib/bm/state;PASSWORD=x;WRITE_DELAY=0"));
        assertEquals("jdbc:postgresql://db:5432/bm", JdbcUrls.redact("jdbc:postgresql://ops:pw@db:5432/bm?password=pw&ssl=true"));
    }

    /** Opens a connection, or fails. */
    private interface Connector {
        Connection connect() throws java.sql.SQLException;
    }

    /** A caller's data source, the least JDBC asks of one. */
    private static DataSource dataSource(Connector connector) {
        return (DataSource) Proxy.newProxyInstance(JdbcStoreTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connector.connect();
                    }
                    if (method.getName().equals("toString")) {
                        return "test data source";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
