package org.bmsdk.api.store;

import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;

/**
 * The durable state of a controller: its nodes, and namespaced records of anything else that must
 * survive a crash (allocations, workflow progress, failover steps), each written compare-and-set.
 *
 * <p>{@link InMemoryStore} is the default for tests and single-process use; bm-store adds one over
 * JDBC (an embedded H2 file, PostgreSQL for several controllers). Credentials are never stored in
 * clear: a node's BMC endpoints keep {@link org.bmsdk.api.credentials.CredentialRef}s, and a
 * durable store refuses inline credentials with a {@link org.bmsdk.api.ConfigurationException}.
 */
public interface Store extends AutoCloseable {

    /**
     * The nodes.
     *
     * @return the node map
     */
    VersionedStore<NodeId, Node> nodes();

    /**
     * Records of one namespace (such as {@code vlan-allocations} or {@code workflow}), as text the
     * caller encodes (JSON is usual).
     *
     * @param namespace letters, digits, {@code .}, {@code _} and {@code -}, 1 to 64 characters
     * @return the record map of that namespace
     */
    VersionedStore<String, String> records(String namespace);

    /** Releases connections; the data stays. */
    @Override
    void close();
}
