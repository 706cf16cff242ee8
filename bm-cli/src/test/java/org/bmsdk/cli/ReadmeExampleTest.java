package org.bmsdk.cli;

import static org.bmsdk.api.lifecycle.LifecycleEvent.DONE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.MANAGE;
import static org.bmsdk.api.lifecycle.LifecycleEvent.PROVIDE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.lifecycle.LifecycleEvent;
import org.bmsdk.api.lifecycle.NodeLifecycle;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.store.jdbc.JdbcStore;
import org.bmsdk.testkit.docs.DocSnippets;
import org.bmsdk.testkit.machine.SampleRack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's example, compiled and run. Regions between {@code tag::NAME[]} and
 * {@code end::NAME[]} must appear verbatim in README.md, so the documentation cannot rot.
 */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRuns(@TempDir Path dir) {
        HardwareInventory inventory = SampleRack.machines().get(1).toInventory(); // general-1: 32 cores, 128 GiB, 2x 960GB SSD
        // tag::example[]
        // Nodes live in a store: an embedded H2 file here, PostgreSQL when controllers share the work.
        // A node keeps where its BMC credentials are (env:, file:, a vault), never the credentials.
        Store store = JdbcStore.h2(dir.resolve("bm"));
        Node node = Node.builder(NodeId.of("rack1-u7"))
                .bmc(BmcEndpoint.builder("redfish://10.0.0.7")
                        .credentials(CredentialRef.env("BMC_USER", "BMC_PASSWORD"))
                        .build())
                .inventory(inventory)
                .build();
        store.nodes().create(node.id(), node);

        // Each step is checked by the lifecycle state machine and written compare-and-set,
        // so two controllers never both move one node. PROVIDE goes through cleaning:
        // a node never becomes AVAILABLE without it.
        NodeLifecycle lifecycle = NodeLifecycle.create();
        for (LifecycleEvent event : List.of(MANAGE, DONE, PROVIDE, DONE)) {
            store.nodes().modify(node.id(),
                    n -> n.toBuilder().lifecycle(lifecycle.fire(n.lifecycleState(), event)).build());
        }

        // Pick the smallest machine that fits what a flavor asks for.
        Requirements flavor = Requirements.parse(
                "cpu.cores >= 16 and memory >= 64GiB and disk.media == SSD and disk.size >= 400GB");
        List<Node> fits = flavor.rank(store.nodes().list().stream().map(Versioned::value).toList());
        // end::example[]
        store.close();
        Versioned<NodeId, Node> stored;
        try (Store reopened = JdbcStore.h2(dir.resolve("bm"))) {
            stored = reopened.nodes().get(NodeId.of("rack1-u7")).orElseThrow();
        }
        assertEquals(ProvisionState.AVAILABLE, stored.value().provisionState());
        assertEquals(5, stored.version());
        assertEquals(List.of(NodeId.of("rack1-u7")), fits.stream().map(Node::id).toList());
    }

    @Test
    void everyTaggedRegionAppearsVerbatimInTheReadme() {
        DocSnippets.assertShownIn("README.md", ReadmeExampleTest.class);
    }
}
