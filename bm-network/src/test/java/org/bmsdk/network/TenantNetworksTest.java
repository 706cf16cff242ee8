package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.PartialFailureException;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.testkit.network.Reachability;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant networks end to end on an IOS and an EOS switch joined by a trunk, over SSH, with the
 * cabling's {@link Reachability} saying who reaches whom.
 */
class TenantNetworksTest {

    private static final VlanId IDLE = VlanId.of(999);
    private static final VlanId PROVISIONING = VlanId.of(900);
    private static final VlanId CLEANING = VlanId.of(901);
    private static final String A1 = SwitchDialect.CISCO_IOS.portName(1);
    private static final String A2 = SwitchDialect.CISCO_IOS.portName(2);
    private static final String A3 = SwitchDialect.CISCO_IOS.portName(3);
    private static final String B1 = SwitchDialect.ARISTA_EOS.portName(1);
    private static final String B3 = SwitchDialect.ARISTA_EOS.portName(3);

    @TempDir
    Path dir;

    private Lab lab;
    private BatchingSwitchFabric fabric;
    private StoreTenantNetworks nets;
    private final Reachability cabling = Reachability.builder()
            .nic("x1", "sw-a", A1).nic("x2", "sw-b", B1).nic("y1", "sw-a", A2)
            .nic("z-a", "sw-a", A3).nic("z-b", "sw-b", B3)
            .link("sw-a", SwitchDialect.CISCO_IOS.portName(8), "sw-b", SwitchDialect.ARISTA_EOS.portName(8))
            .build();

    @BeforeEach
    void start() {
        lab = new Lab(dir, SwitchSpec.builder("sw-a", SwitchDialect.CISCO_IOS), SwitchSpec.builder("sw-b", SwitchDialect.ARISTA_EOS));
        BatchingSwitchFabric.Builder b = BatchingSwitchFabric.builder();
        lab.switches.switches().forEach(sw -> b.endpoint(lab.endpoint(sw)));
        fabric = b.build();
        nets = StoreTenantNetworks.builder(InMemoryStore.create(), fabric).vlanRanges(List.of(VlanRange.of(100, 101)))
                .vniRanges(List.of(VniRange.of(5000, 5009))).idleVlan(IDLE).provisioningVlan(PROVISIONING)
                .cleaningVlan(CLEANING).build();
        Set<VlanId> trunked = Set.of(VlanId.of(100), VlanId.of(101), PROVISIONING, CLEANING);
        fabric.applyOrThrow(List.of(PortIntent.trunk("sw-a", SwitchDialect.CISCO_IOS.portName(8), null, trunked),
                PortIntent.trunk("sw-b", SwitchDialect.ARISTA_EOS.portName(8), null, trunked)));
    }

    @AfterEach
    void stop() {
        fabric.close();
        lab.close();
    }

    private Set<String> reach(String nic) {
        return cabling.reachableFrom(nic, lab.switches);
    }

    private static LocalLinkConnection link(String sw, String port) {
        return LocalLinkConnection.of(sw, port);
    }

    @Test
    void nodesFlipBetweenOperatorAndTenantNetworksAndReachOnlyTheirOwnTenant() {
        NodeId x = NodeId.of("x");
        NodeId y = NodeId.of("y");
        nets.attach(x, List.of(link("sw-a", A1), link("sw-b", B1)));
        nets.attach(y, List.of(link("sw-a", A2)));
        assertEquals(Set.of(), reach("x1"), "attached nodes start idle");
        assertFalse(lab.get("sw-a").runningConfig().port(A1).orElseThrow().enabled());

        nets.flip(x, NetworkRole.PROVISIONING);
        nets.flip(y, NetworkRole.PROVISIONING);
        assertEquals(Set.of("x2", "y1"), reach("x1"), "the provisioning network is shared, as in Ironic");

        TenantNetwork a = nets.createNetwork("tenant-a", "net", false);
        TenantNetwork b = nets.createNetwork("tenant-b", "net", true);
        assertEquals(a, nets.createNetwork("tenant-a", "net", false), "creating it again returns it");
        assertFalse(a.vlan().equals(b.vlan()));
        assertNull(a.vni());
        assertNotNull(b.vni());

        nets.bind(x, "tenant-a", List.of(PortBinding.of(link("sw-a", A1), a.id()), PortBinding.of(link("sw-b", B1), a.id())));
        nets.bind(y, "tenant-b", List.of(PortBinding.of(link("sw-a", A2), b.id())));
        assertEquals(Set.of("x2"), reach("x1"));
        assertEquals(Set.of(), reach("y1"));

        // The same binding again sends no configuration, only read-backs.
        int before = lab.get("sw-a").commands().size();
        nets.bind(y, "tenant-b", List.of(PortBinding.of(link("sw-a", A2), b.id())));
        assertEquals(List.of("show running-config"), lab.get("sw-a").commands().subList(before, lab.get("sw-a").commands().size()));

        ConflictException other = assertThrows(ConflictException.class,
                () -> nets.bind(y, "tenant-a", List.of(PortBinding.of(link("sw-a", A2), a.id()))));
        assertTrue(other.getMessage().contains("tenant-b's; unbind it first"), other.getMessage());
        assertThrows(ConflictException.class, () -> nets.bind(y, "tenant-b", List.of(PortBinding.of(link("sw-a", A2), a.id()))),
                "another tenant's network");
        assertThrows(ConflictException.class, () -> nets.attach(NodeId.of("thief"), List.of(link("sw-a", A2))), "y's port");

        nets.flip(x, NetworkRole.CLEANING);
        assertEquals(Set.of("x2"), reach("x1"), "x's own two NICs, on the cleaning network");
        assertEquals(Set.of(), reach("y1"));
        nets.flip(x, NetworkRole.TENANT);
        assertEquals(Set.of("x2"), reach("x1"));

        NodeNetworks freed = nets.unbind(y);
        assertNull(freed.tenant());
        assertEquals(Set.of(), reach("y1"));
        nets.deleteNetwork(b.id());
        // A trunk: untagged tenant-a/net, tagged tenant-a/net2.
        TenantNetwork a2 = nets.createNetwork("tenant-a", "net2", false);
        assertThrows(ConflictException.class, () -> nets.createNetwork("tenant-c", "net", false), "the two VLANs are taken");
        nets.bind(y, "tenant-a", List.of(PortBinding.of(link("sw-a", A2), a.id(), a2.id())));
        PortState trunk = lab.get("sw-a").runningConfig().port(A2).orElseThrow();
        assertEquals(PortState.Mode.TRUNK, trunk.mode());
        assertEquals(a.vlan(), trunk.nativeVlan());
        assertEquals(new TreeSet<>(Set.of(a.vlan(), a2.vlan())), new TreeSet<>(trunk.allowedVlans()));
        assertEquals(Set.of("x1", "x2"), reach("y1"));

        assertThrows(org.bmsdk.api.ConfigurationException.class, () -> nets.flip(y, NetworkRole.RESCUE), "no rescue VLAN configured");
        nets.detach(y);
        assertEquals(Set.of(), reach("y1"), "detached: idle");
        assertTrue(nets.node(y).isEmpty());
        nets.attach(NodeId.of("y-new"), List.of(link("sw-a", A2)));
        assertThrows(ConflictException.class, () -> nets.attach(NodeId.of("x"), List.of(link("sw-a", A2))), "x has other ports");
    }

    @Test
    void aSwitchFailingHalfWayLeavesEveryPortOfTheNodeIsolatedAndSaysWhere() {
        NodeId z = NodeId.of("z");
        NodeId x = NodeId.of("x");
        TenantNetwork a = nets.createNetwork("tenant-a", "net", false);
        nets.attach(z, List.of(link("sw-a", A3), link("sw-b", B3)));
        nets.attach(x, List.of(link("sw-a", A1)));
        nets.bind(z, "tenant-a", List.of(PortBinding.of(link("sw-a", A3), a.id()), PortBinding.of(link("sw-b", B3), a.id())));
        nets.bind(x, "tenant-a", List.of(PortBinding.of(link("sw-a", A1), a.id())));
        assertEquals(Set.of("x1", "z-b"), reach("z-a"));

        // sw-b drops the session on the move, and again on the driver's one retry.
        SimulatedSwitch swB = lab.get("sw-b");
        swB.faults().dropSessionOn("switchport access vlan " + CLEANING).dropSessionOn("switchport access vlan " + CLEANING);
        PartialFailureException e = assertThrows(PartialFailureException.class, () -> nets.flip(z, NetworkRole.CLEANING));
        assertEquals(Map.of("sw-a " + A3, "isolated: shut access 999", "sw-b " + B3, "isolated: shut access 999"), e.parts());
        assertTrue(e.getMessage().contains("sw-b " + B3) && e.getMessage().contains("every port is isolated"), e.getMessage());
        assertEquals(Set.of(), reach("z-a"));
        assertEquals(Set.of(), reach("z-b"));
        assertEquals(Set.of(), reach("x1"), "z's other port, on sw-a, went idle too");
        NodeNetworks rec = nets.node(z).orElseThrow();
        assertEquals(NetworkRole.IDLE, rec.role());
        assertFalse(rec.quarantined());
        assertEquals("tenant-a", rec.tenant(), "still the tenant's: nothing else may have it before a verified unbind");

        // A refusal, then a refused isolation: the node is quarantined and says where each port is.
        nets.flip(z, NetworkRole.TENANT);
        assertEquals(Set.of("x1", "z-b"), reach("z-a"));
        swB.faults().failNext("switchport access vlan " + CLEANING, "% Invalid input detected at '^' marker.")
                .failNext("shutdown", "% Invalid input detected at '^' marker.");
        PartialFailureException twice = assertThrows(PartialFailureException.class, () -> nets.flip(z, NetworkRole.CLEANING));
        assertEquals("isolated: shut access 999", twice.parts().get("sw-a " + A3));
        assertTrue(twice.parts().get("sw-b " + B3).startsWith("NOT isolated: up access " + a.vlan()), twice.parts().toString());
        assertTrue(twice.getMessage().contains("quarantined"), twice.getMessage());
        assertTrue(nets.node(z).orElseThrow().quarantined());
        TenantNetwork b = nets.createNetwork("tenant-b", "net", false);
        assertThrows(ConflictException.class, () -> nets.bind(z, "tenant-b", List.of(PortBinding.of(link("sw-a", A3), b.id()))),
                "never another tenant's while quarantined");

        NodeNetworks freed = nets.unbind(z);
        assertFalse(freed.quarantined());
        assertNull(freed.tenant());
        assertTrue(PortIntent.idle("sw-b", B3, IDLE).satisfiedBy(swB.runningConfig().port(B3).orElseThrow()));
    }

    @Test
    void networkIdsAreFreedOnlyWhenTheNetworkIsGoneFromEverySwitch() throws Exception {
        NodeId x = NodeId.of("x");
        nets.attach(x, List.of(link("sw-a", A1)));
        TenantNetwork a = nets.createNetwork("tenant-a", "net", true);
        nets.bind(x, "tenant-a", List.of(PortBinding.of(link("sw-a", A1), a.id())));
        assertTrue(lab.get("sw-b").runningConfig().vlans().contains(a.vlan()), "the trunk set up every VLAN");

        ConflictException inUse = assertThrows(ConflictException.class, () -> nets.deleteNetwork(a.id()));
        assertTrue(inUse.getMessage().contains("in use by node x"), inUse.getMessage());
        assertEquals(a, nets.network(a.id()).orElseThrow(), "still there after the refusal");

        nets.unbind(x);
        lab.get("sw-b").faults().failNext("no vlan " + a.vlan(), "% VLAN is in use");
        assertThrows(PartialFailureException.class, () -> nets.deleteNetwork(a.id()));
        assertThrows(ConflictException.class, () -> nets.createNetwork("tenant-a", "net", false), "being deleted");
        assertTrue(nets.networks().isEmpty(), "a network being deleted is not listed");
        TenantNetwork b = nets.createNetwork("tenant-b", "net", false);
        assertFalse(b.vlan().equals(a.vlan()), "the VLAN is not free while a switch still has it");

        nets.deleteNetwork(a.id());
        for (SimulatedSwitch sw : lab.switches.switches()) {
            assertFalse(sw.runningConfig().vlans().contains(a.vlan()), sw.name());
        }
        TenantNetwork c = nets.createNetwork("tenant-c", "net", true);
        assertEquals(a.vlan(), c.vlan(), "freed once the network was gone");

        // Concurrent creations: one VLAN per network, never one VLAN for two.
        nets.deleteNetwork(b.id());
        nets.deleteNetwork(c.id());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TenantNetwork>> made = new ArrayList<>();
            for (int k = 0; k < 16; k++) {
                String tenant = "t" + (k % 4);
                made.add(pool.submit(() -> {
                    go.await();
                    try {
                        return nets.createNetwork(tenant, "n", true);
                    } catch (ConflictException full) {
                        return null;
                    }
                }));
            }
            go.countDown();
            Set<TenantNetwork> got = new HashSet<>();
            for (Future<TenantNetwork> f : made) {
                if (f.get() != null) {
                    got.add(f.get());
                }
            }
            assertEquals(2, got.size(), "two VLANs in the range, so two of the four networks: " + got);
            assertEquals(2, got.stream().map(TenantNetwork::vlan).distinct().count());
            assertEquals(2, got.stream().map(TenantNetwork::vni).distinct().count());
            assertEquals(got, Set.copyOf(nets.networks()));
        } finally {
            pool.shutdownNow();
        }
    }
}
