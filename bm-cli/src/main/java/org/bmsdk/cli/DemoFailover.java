package org.bmsdk.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.ha.BmcPowerFence;
import org.bmsdk.ha.BmcProbe;
import org.bmsdk.ha.DetectorOptions;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.FailoverStep;
import org.bmsdk.ha.FenceLadder;
import org.bmsdk.ha.HaEvent;
import org.bmsdk.ha.HaListener;
import org.bmsdk.ha.HaMonitor;
import org.bmsdk.ha.HostProbe;
import org.bmsdk.ha.Protection;
import org.bmsdk.ha.StormGuard;
import org.bmsdk.ha.SwitchPortFence;
import org.bmsdk.ha.TcpHostProbe;
import org.bmsdk.ha.VolumeConnectors;
import org.bmsdk.ha.VolumeExportFence;

/**
 * The demo's last act: bm-ha wired as a controller would wire it (the BMC fenced first, then the
 * switch ports, the volume exports revoked; a spare chosen by the tenant's flavor), watching the
 * ACTIVE nodes with the default 15 s detection time while tenant-a's machine loses its power.
 */
final class DemoFailover {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final DemoLab lab;
    private final Narrator.Progress progress;
    private final String flavor;

    DemoFailover(DemoLab lab, Narrator.Progress progress, String flavor) {
        this.lab = lab;
        this.progress = progress;
        this.flavor = flavor;
    }

    /**
     * Tells the act: tenant-a's machine back up, monitored with tenant-b's, then its power pulled.
     *
     * @param tenantA tenant-a's machine, ACTIVE and powered off
     * @param tenantB tenant-b's machine, ACTIVE and running
     * @param volumeBoot what the lab's PXE server hands a machine booting tenant-a's volume
     * @param nodes every node of the lab
     */
    void run(NodeId tenantA, NodeId tenantB, String volumeBoot, List<NodeId> nodes) {
        DemoConsole console = lab.console(tenantA);
        int mark = console.mark();
        lab.machine(tenantA).setSanBootTarget(volumeBoot);
        try (BmcClient bmc = lab.bmc(tenantA)) {
            bmc.require(PowerControl.class).perform(PowerAction.ON, TIMEOUT);
        }
        progress.say(tenantA.value() + " back up from its volume; console: " + console.awaitLineAfter(mark, "login:", TIMEOUT));
        // The spares' firmware network-boots, and the lab's PXE server chains whoever boots to tenant-a's volume.
        for (NodeId id : nodes) {
            if (lab.node(id).provisionState() == ProvisionState.AVAILABLE) {
                lab.machine(id).setSanBootTarget(volumeBoot);
                try (BmcClient bmc = lab.bmc(id)) {
                    bmc.require(BootControl.class).setBootOverride(BootOverride.persistent(BootDevice.PXE, BootMode.UEFI));
                }
            }
        }
        List<HaEvent> events = new CopyOnWriteArrayList<>();
        HaListener narrate = e -> {
            events.add(e);
            if (e.kind() != HaEvent.Kind.ASSESSED || !e.detail().startsWith("HEALTHY")) {
                progress.say(String.format("%-7s %-16s %s%s", e.node().value(), e.kind().name().toLowerCase(Locale.ROOT),
                        e.stepIfAny().map(st -> st.name().toLowerCase(Locale.ROOT) + " ").orElse(""), e.detail()));
            }
        };
        BmcConnector bmcs = n -> BmcDriverRegistry.loadInstalled().connect(n.bmcEndpoints().get(0), DriverContext.defaults());
        VolumeConnectors initiators = n -> Optional.of(DemoLab.initiator(n.id()));
        HostProbe heartbeat = TcpHostProbe.create(n -> Optional.of(lab.machine(n.id()).heartbeat()), Duration.ofMillis(300),
                Clock.systemUTC());
        FenceLadder fencer = FenceLadder.builder().level(BmcPowerFence.create(bmcs, TIMEOUT)).level(SwitchPortFence.create(lab.networks()))
                .then(VolumeExportFence.create(lab.storage(), initiators)).build();
        try (FailoverOrchestrator orchestrator = FailoverOrchestrator.builder().store(lab.store()).fencer(fencer).bmcs(bmcs)
                        .networks(lab.networks()).storage(lab.storage(), initiators).hostProbe(heartbeat)
                        .protection(n -> Protection.automatic(Requirements.parse(flavor))).listener(narrate).build();
                HaMonitor monitor = HaMonitor.builder().store(lab.store()).detector(DetectorOptions.defaults())
                        .bmcProbe(BmcProbe.create(bmcs, Clock.systemUTC())).hostProbe(heartbeat).stormGuard(StormGuard.defaults())
                        .orchestrator(orchestrator).listener(narrate).build()) {
            monitor.start(Duration.ofSeconds(1));
            awaitEvent(events, e -> e.node().equals(tenantA) && e.kind() == HaEvent.Kind.ASSESSED && e.detail().startsWith("HEALTHY"));
            progress.say("monitoring " + tenantA.value() + " and " + tenantB.value() + " (BMC power state, heartbeat), detection time "
                    + DetectorOptions.DEFAULT_DETECTION_TIME.toSeconds() + " s");
            DemoStory.sleepFor(Duration.ofSeconds(3));
            Instant pulled = Instant.now();
            lab.machine(tenantA).powerOff();
            progress.say("pulled the power of " + tenantA.value() + " (its BMC stays up)");
            HaEvent end = awaitEvent(events, e -> e.kind() == HaEvent.Kind.FAILOVER_DONE || e.kind() == HaEvent.Kind.FAILOVER_FAILED);
            if (end.kind() != HaEvent.Kind.FAILOVER_DONE) {
                throw new IllegalStateException("the failover failed: " + end.detail());
            }
            HaEvent on = events.stream().filter(e -> e.kind() == HaEvent.Kind.STEP_DONE && e.step() == FailoverStep.POWER_ON).findFirst()
                    .orElseThrow();
            Node spare = lab.store().nodes().list().stream().map(v -> v.value())
                    .filter(n -> n.provisionState() == ProvisionState.ACTIVE && "tenant-a".equals(n.owner().orElse(""))).findFirst()
                    .orElseThrow();
            progress.say(String.format("failure to spare powered on: %.1f s; %s is ACTIVE for tenant-a on its VLAN and volume; %s is %s,"
                    + " in maintenance for repair", Duration.between(pulled, on.at()).toMillis() / 1000.0, spare.id().value(),
                    tenantA.value(), lab.node(tenantA).provisionState()));
        }
    }

    private static HaEvent awaitEvent(List<HaEvent> events, Predicate<HaEvent> which) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<HaEvent> found = events.stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            DemoStory.sleepFor(Duration.ofMillis(100));
        }
        throw new OperationTimeoutException("no such HA event within 90 s; the last: "
                + (events.isEmpty() ? "none" : events.get(events.size() - 1)));
    }
}
