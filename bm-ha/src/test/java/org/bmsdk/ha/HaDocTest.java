package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.network.SwitchFabric;
import org.bmsdk.api.network.TenantNetworks;
import org.bmsdk.api.storage.BlockStorage;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.testkit.docs.DocSnippets;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/HA.md, compiled and run over the in-memory fakes. Regions between
 * {@code tag::NAME[]} and {@code end::NAME[]} must appear verbatim in that document.
 */
class HaDocTest {

    private static final String DOC = "docs/HA.md";

    @Test
    void theWiringExampleRuns() {
        Rig rig = new Rig();
        Store store = rig.store;
        BmcConnector bmcs = rig.bmcs;
        TenantNetworks networks = rig.networks;
        BlockStorage storage = rig.storage;
        HostProbe heartbeat = rig.bmcs.hostProbe(rig.clock);
        SwitchFabric fabric = rig.links;
        java.time.Clock clock = rig.clock;
        // tag::wiring[]
        VolumeConnectors initiators = node -> Optional.of(VolumeConnector.iscsi("iqn.2024-01.org.example:" + node.id()));
        FenceLadder fencer = FenceLadder.builder()
                .level(BmcPowerFence.create(bmcs, Duration.ofSeconds(30)))   // ForceOff, read back OFF
                .level(SwitchPortFence.create(networks))                     // else shut its ports, read back
                .then(VolumeExportFence.create(storage, initiators))         // and revoke its exports
                .build();
        FailoverOrchestrator failover = FailoverOrchestrator.builder()
                .store(store).fencer(fencer).bmcs(bmcs).networks(networks).storage(storage, initiators)
                .hostProbe(heartbeat)
                .protection(node -> Protection.automatic(Requirements.parse("resource_class == " + node.resourceClass())))
                .clock(clock)
                .build();
        HaMonitor monitor = HaMonitor.builder()
                .store(store).clock(clock)
                .detector(DetectorOptions.defaults())                        // 15 s detection
                .bmcProbe(BmcProbe.create(bmcs, clock)).hostProbe(heartbeat)
                .linkProbe(SwitchLinkProbe.create(networks, fabric, clock, Duration.ofMillis(500)))
                .stormGuard(StormGuard.defaults())                           // at most 10% of the fleet at once
                .orchestrator(failover)
                .build();
        monitor.start(Duration.ofSeconds(1));
        // end::wiring[]
        monitor.close();
        rig.bmcs.get("n1").hostUp = false;
        try (HaMonitor manual = HaMonitor.builder().store(store).clock(clock).bmcProbe(BmcProbe.create(bmcs, clock)).hostProbe(heartbeat)
                .orchestrator(failover).failoverExecutor(Runnable::run).build()) {
            for (int i = 0; i < 20; i++) {
                manual.runRound();
                rig.clock.advance(Duration.ofSeconds(1));
            }
        }
        failover.close();
        assertEquals(ProvisionState.ACTIVE, rig.node(Rig.S2).provisionState());
    }

    @Test
    void everyTaggedRegionAppearsVerbatimInTheDocument() {
        DocSnippets.assertShownIn(DOC, HaDocTest.class);
    }
}
