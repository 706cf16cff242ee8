package org.bmsdk.store.jdbc.internal;

import java.util.List;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;

/**
 * The {@code nodes} table: each node as JSON, with its provision state and owner copied into
 * indexed columns so that they can be queried without decoding every row.
 */
public final class NodeTable extends VersionedTable<NodeId, Node> {

    /** The width of the {@code owner} column, in characters. */
    public static final int MAX_OWNER_LENGTH = 255;

    /**
     * The table of a database.
     *
     * @param db the database
     */
    public NodeTable(Database db) {
        super(db, "node", "nodes", "nodes", List.of(), List.of(), "id", List.of("provision_state", "owner", "data"));
    }

    @Override
    protected String keyText(NodeId key) {
        return key.value();
    }

    @Override
    protected NodeId parseKey(String text) {
        try {
            return NodeId.of(text);
        } catch (IllegalArgumentException e) {
            throw new IntegrityException("the nodes table holds an invalid id: " + e.getMessage(), db.context("nodes.list"), e);
        }
    }

    @Override
    protected String[] encode(NodeId key, Node value, String operation) {
        if (!key.equals(value.id())) {
            throw new IllegalArgumentException("key " + key + " is not the node's id " + value.id());
        }
        String owner = value.owner().orElse(null);
        if (owner != null && owner.codePointCount(0, owner.length()) > MAX_OWNER_LENGTH) {
            throw new ConfigurationException("node " + key + ": owner must be at most " + MAX_OWNER_LENGTH
                    + " characters, but has " + owner.codePointCount(0, owner.length()), db.context(operation));
        }
        return new String[] {value.provisionState().name(), owner, NodeCodec.encode(value, db.context(operation))};
    }

    @Override
    protected Node decode(NodeId key, String[] columns, String operation) {
        Node node;
        try {
            node = NodeCodec.decode(columns[2]);
        } catch (IntegrityException e) {
            throw new IntegrityException("node " + key + ": " + e.getMessage(), db.context(operation), e);
        }
        if (!node.id().equals(key)) {
            throw new IntegrityException("node " + key + ": the record holds node " + node.id(), db.context(operation));
        }
        return node;
    }
}
