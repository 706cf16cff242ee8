package org.bmsdk.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.testkit.tck.StoreTck;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcStore} promises beyond {@link StoreTck}, on every database it runs on: rows as
 * an operator's SQL console sees them, secrets refused, damaged rows reported, errors wrapped.
 */
public abstract class JdbcStoreContract extends StoreTck {

    private static final String PASSWORD = "pw-Secret-4711";

    /**
     * Runs a statement on the store's database behind its back, as an operator would.
     *
     * @param sql the statement
     * @throws Exception when it fails
     */
    protected abstract void execute(String sql) throws Exception;

    /**
     * Runs a query on the store's database behind its back.
     *
     * @param sql the query
     * @return one string per row, columns joined by {@code |}
     * @throws Exception when it fails
     */
    protected abstract List<String> query(String sql) throws Exception;

    @Test
    void indexedColumnsFollowTheNode() throws Exception {
        store().nodes().create(NodeId.of("n1"), fullNode("n1"));
        store().nodes().create(NodeId.of("n2"), bareNode("n2"));
        assertEquals(List.of("n1|ACTIVE|tenant-\u00e9\u6771\ud83d\ude80", "n2|ENROLL|null"),
                query("SELECT id, provision_state, owner FROM nodes ORDER BY id"));
    }

    @Test
    void inlineCredentialsAreRefusedAndNothingIsWritten() {
        Node secret = fullNode("n1").toBuilder()
                .bmc(BmcEndpoint.builder("ipmi://10.0.0.9").credentials(CredentialRef.inline(Credentials.of("admin", PASSWORD))).build())
                .build();
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> store().nodes().create(secret.id(), secret));
        assertTrue(e.getMessage().contains("inline credentials cannot be stored; use env:, file: or an external reference"),
                e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
        assertTrue(store().nodes().get(secret.id()).isEmpty());

        store().nodes().create(secret.id(), fullNode("n1"));
        assertThrows(ConfigurationException.class, () -> store().nodes().update(secret.id(), secret, 1));
        assertEquals(1, store().nodes().get(secret.id()).orElseThrow().version());
    }

    @Test
    void anOwnerTooLongForItsColumnIsRefusedBeforeWriting() {
        Node node = bareNode("n1").toBuilder().owner("x".repeat(256)).build();
        assertThrows(ConfigurationException.class, () -> store().nodes().create(node.id(), node));
        assertTrue(store().nodes().list().isEmpty());
    }

    @Test
    void aRecordThatDoesNotDecodeIsAnIntegrityErrorNamingTheNode() throws Exception {
        store().nodes().create(NodeId.of("n1"), fullNode("n1"));
        store().nodes().create(NodeId.of("n2"), fullNode("n2"));
        execute("UPDATE nodes SET data = '{\"format\":1,\"id\":\"n1\"' WHERE id = 'n1'");
        execute("UPDATE nodes SET id = 'n3' WHERE id = 'n2'");
        IntegrityException e = assertThrows(IntegrityException.class, () -> store().nodes().get(NodeId.of("n1")));
        assertTrue(e.getMessage().contains("node n1"), e.getMessage());
        assertEquals("nodes.get", e.context().operation());
        IntegrityException moved = assertThrows(IntegrityException.class, () -> store().nodes().get(NodeId.of("n3")));
        assertTrue(moved.getMessage().contains("holds node n2"), moved.getMessage());
        assertThrows(IntegrityException.class, () -> store().nodes().list());
    }

    @Test
    void databaseErrorsComeWrappedAndNameTheOperation() throws Exception {
        execute("DROP TABLE records");
        BareMetalException e = assertThrows(BareMetalException.class, () -> store().records("ns").get("k"));
        assertInstanceOf(java.sql.SQLException.class, e.getCause());
        assertEquals("jdbc", e.context().driverId());
        assertEquals("records.get", e.context().operation());
        assertTrue(store().toString().contains(e.context().endpoint()), e.context().endpoint() + " vs " + store());
    }

    @Test
    void aClosedStoreRefusesWork() {
        store().close();
        store().close();
        assertThrows(IllegalStateException.class, () -> store().nodes().list());
    }
}
