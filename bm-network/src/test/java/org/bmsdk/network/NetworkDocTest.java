package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.network.TenantNetworks;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.testkit.docs.DocSnippets;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of docs/NETWORK.md, compiled and run against simulated switches. Regions between
 * {@code tag::NAME[]} and {@code end::NAME[]} must appear verbatim in that document.
 */
class NetworkDocTest {

    private static final String DOC = "docs/NETWORK.md";

    @TempDir
    Path dir;

    @Test
    void theTenantNetworkExampleRuns() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("tor-1", SwitchDialect.ARISTA_EOS),
                SwitchSpec.builder("tor-2", SwitchDialect.CISCO_IOS))) {
            SwitchEndpoint tor1 = lab.endpoint(lab.get("tor-1"));
            SwitchEndpoint tor2 = lab.endpoint(lab.get("tor-2"));
            Store store = InMemoryStore.create();
            // tag::tenant-networks[]
            try (BatchingSwitchFabric fabric = BatchingSwitchFabric.builder().endpoint(tor1).endpoint(tor2).build()) {
                TenantNetworks nets = StoreTenantNetworks.builder(store, fabric)
                        .vlanRanges(List.of(VlanRange.of(100, 999)))
                        .idleVlan(VlanId.of(4000)).provisioningVlan(VlanId.of(4001)).cleaningVlan(VlanId.of(4002))
                        .build();
                NodeId node = NodeId.of("node-1");
                LocalLinkConnection eth0 = LocalLinkConnection.of("tor-1", "Ethernet1");
                nets.attach(node, List.of(eth0));            // idle: shut down on VLAN 4000
                nets.flip(node, NetworkRole.PROVISIONING);    // access VLAN 4001 while the image is written
                TenantNetwork net = nets.createNetwork("tenant-a", "net-1", false);
                nets.bind(node, "tenant-a", List.of(PortBinding.of(eth0, net.id())));   // the tenant's VLAN
                // ... the tenant uses the machine; when it gives it back:
                nets.unbind(node);                            // idle again, verified, no tenant's any more
                nets.flip(node, NetworkRole.CLEANING);        // access VLAN 4002 while the disks are erased
            }
            // end::tenant-networks[]
            PortState port = lab.get("tor-1").runningConfig().port("Ethernet1").orElseThrow();
            assertTrue(port.enabled());
            assertEquals(VlanId.of(4002), port.accessVlan());
            assertTrue(lab.get("tor-1").runningConfig().vlans().contains(VlanId.of(100)), "tenant-a/net-1 got the first VLAN");
            assertFalse(lab.get("tor-2").commands().stream().anyMatch(c -> c.startsWith("interface")), "tor-2 was never touched");
        }
    }

    @Test
    void everyTaggedRegionAppearsVerbatimInTheDocument() {
        DocSnippets.assertShownIn(DOC, NetworkDocTest.class);
    }
}
