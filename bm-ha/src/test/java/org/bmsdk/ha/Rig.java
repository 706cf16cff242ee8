package org.bmsdk.ha;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.testkit.time.ManualClock;

/**
 * A tenant node n1 (class gpu) on two ports and one volume, and spares s1 (class cpu) and s2 (class
 * gpu), all in fakes that count real changes.
 */
final class Rig {

    static final NodeId N1 = NodeId.of("n1");
    static final NodeId S1 = NodeId.of("s1");
    static final NodeId S2 = NodeId.of("s2");

    final ManualClock clock = ManualClock.create();
    final Store store;
    final Fakes.Bmcs bmcs = new Fakes.Bmcs();
    final Fakes.Networks networks = new Fakes.Networks();
    final Fakes.Links links = new Fakes.Links();
    final Fakes.Storage storage = new Fakes.Storage();
    final List<HaEvent> events = new CopyOnWriteArrayList<>();
    Protection protection = Protection.automatic(Requirements.parse("resource_class == gpu"));

    Rig() {
        this(InMemoryStore.create());
    }

    Rig(Store store) {
        this.store = store;
        node(N1, "gpu", ProvisionState.ACTIVE, 1);
        node(S1, "cpu", ProvisionState.AVAILABLE, 3);
        node(S2, "gpu", ProvisionState.AVAILABLE, 5);
        bmcs.get("s1").power = org.bmsdk.api.bmc.PowerState.OFF;
        bmcs.get("s2").power = org.bmsdk.api.bmc.PowerState.OFF;
        List<LocalLinkConnection> ports = networks.node(N1).orElseThrow().ports();
        networks.bind(N1, "t1", List.of(PortBinding.of(ports.get(0), "t1/app"), PortBinding.of(ports.get(1), "t1/storage", "t1/app")));
        networks.flip(N1, NetworkRole.TENANT);
        storage.create(new VolumeSpec("vol-n1", 1 << 30, false));
        storage.attach("vol-n1", connector(N1));
        networks.binds.set(0);
        storage.attaches.set(0);
    }

    private void node(NodeId id, String resourceClass, ProvisionState state, int firstPort) {
        Node.Builder b = Node.builder(id).resourceClass(resourceClass).provisionState(state);
        if (state == ProvisionState.ACTIVE) {
            b.owner("t1");
        }
        store.nodes().create(id, b.build());
        bmcs.add(id);
        networks.attach(id, List.of(LocalLinkConnection.of("tor-1", "Ethernet1/" + firstPort),
                LocalLinkConnection.of("tor-1", "Ethernet1/" + (firstPort + 1))));
    }

    static VolumeConnector connector(NodeId id) {
        return VolumeConnector.iscsi("iqn.2024-01.org.bmsdk:" + id.value());
    }

    FenceLadder fencer() {
        return FenceLadder.builder().level(BmcPowerFence.create(bmcs, Duration.ofSeconds(5))).level(SwitchPortFence.create(networks))
                .then(VolumeExportFence.create(storage, n -> Optional.of(connector(n.id())))).build();
    }

    FailoverOrchestrator.Builder orchestrator(String controllerId) {
        return FailoverOrchestrator.builder().store(store).fencer(fencer()).bmcs(bmcs).networks(networks)
                .storage(storage, n -> Optional.of(connector(n.id()))).hostProbe(bmcs.hostProbe(clock)).protection(n -> protection)
                .listener(events::add).clock(clock).controllerId(controllerId).confirmUp(Duration.ofSeconds(1), Duration.ofMillis(10))
                .stepTimeout(Duration.ofSeconds(10)).powerTimeout(Duration.ofSeconds(5));
    }

    Node node(NodeId id) {
        return store.nodes().get(id).orElseThrow().value();
    }

    long count(HaEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }
}
