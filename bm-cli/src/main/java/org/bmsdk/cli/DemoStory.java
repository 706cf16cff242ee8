package org.bmsdk.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.time.Clock;
import java.util.Optional;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.lifecycle.ProvisionState;
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
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.api.workflow.BootSource;
import org.bmsdk.api.workflow.DeployRequest;
import org.bmsdk.api.workflow.NodeWorkflows;
import org.bmsdk.api.workflow.Workflow;
import org.bmsdk.api.workflow.WorkflowListener;
import org.bmsdk.api.workflow.WorkflowStep;
import org.bmsdk.storage.backup.BackupEngine;
import org.bmsdk.storage.backup.BackupKey;
import org.bmsdk.storage.backup.BackupResult;
import org.bmsdk.storage.backup.DirectoryRepository;
import org.bmsdk.storage.backup.RestoreResult;
import org.bmsdk.storage.backup.SshDisk;
import org.bmsdk.storage.iscsi.IpxeSanboot;
import org.bmsdk.api.DriverContext;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.testkit.machine.SimulatedDisk;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.network.Reachability;

/**
 * The story {@code bmctl demo} tells: machines' lives on the simulated lab, each act through the
 * library's public interfaces (the node workflows, the drivers over real sockets, the store, the
 * kept console log, the backup engine). The lab itself is consulted only for what a data centre
 * would show with a cable tester (who reaches whom) and asked only for what its PXE server and a
 * tenant's workload would do.
 */
final class DemoStory {

    /** The flavors of the two tenants: the smallest machine that fits each is theirs. */
    static final String TENANT_A_FLAVOR = "cpu.cores >= 24 and disk.media == SSD";
    static final String TENANT_B_FLAVOR = "disk.media == NVMe";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final DemoLab lab;
    private final Narrator narrator;
    private final Path dir;
    private volatile Narrator.Progress progress = line -> { };
    private final NodeWorkflows workflows;
    private final List<NodeId> nodes = new ArrayList<>();
    private NodeId tenantA;
    private NodeId tenantB;
    /** What the lab's PXE server hands a machine that boots tenant-a's volume. */
    private String tenantAVolumeBoot;

    DemoStory(DemoLab lab, Narrator narrator) {
        this.lab = lab;
        this.narrator = narrator;
        this.dir = lab.dir();
        this.workflows = lab.workflows(new Narration());
    }

    /** Tells each step of the workflows as it ends, to whichever act is running. */
    private final class Narration implements WorkflowListener {
        @Override
        public void stepSucceeded(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, String detail) {
            progress.say(String.format("%-7s %-18s %s", node.value(), step.name().toLowerCase(Locale.ROOT), detail));
        }

        @Override
        public void stepFailed(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, BareMetalException error) {
            progress.say(String.format("%-7s %-18s FAILED: %s", node.value(), step.name().toLowerCase(Locale.ROOT), error.getMessage()));
        }
    }

    /** Tells the story; each act runs only if the ones before it succeeded. */
    void tell() {
        act("Enroll, verify and inspect every machine: inventory over Redfish, cabling from LLDP in the service ramdisk",
                this::enrollAndInspect);
        act("Clean every machine on the cleaning network: erase its disks, reset its BIOS, verify both", this::cleanAll);
        act("Allocate by capability: the smallest machine that fits each tenant's flavor", this::allocate);
        act("Deploy tenant-a's machine on its own VLAN, booting from an iSCSI volume, its console kept by the library",
                this::deployTenantA);
        act("Deploy tenant-b's machine on its VLAN, and prove tenant-a cannot reach it", this::deployTenantBAndIsolate);
        act("Inject an NMI: the crash dump lands in the kept console log; reset the machine", this::nmi);
        act("Shut tenant-a's machine down gracefully, without forcing", this::shutDown);
        act("Back its local disk up from the service ramdisk, and restore it onto another machine", this::backupAndRestore);
        act("Pull the power of tenant-a's machine: detection, fencing and failover to a spare, with no one's help", this::failover);
    }

    private void act(String title, Runnable work) {
        narrator.step(title, p -> {
            progress = p;
            work.run();
        });
    }

    private BmcClient bmc(NodeId id) {
        return BmcDriverRegistry.loadInstalled().connect(lab.redfishEndpoint(lab.machines().indexOf(lab.machine(id))),
                DriverContext.defaults());
    }

    private Node node(NodeId id) {
        return lab.store().nodes().get(id).orElseThrow().value();
    }

    /** Runs one workflow per node on a thread each, as a controller's conductors would. */
    private void eachNode(java.util.function.Consumer<NodeId> work) {
        List<CompletableFuture<Void>> all = nodes.stream().map(id -> CompletableFuture.runAsync(() -> work.accept(id))).toList();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void enrollAndInspect() {
        for (int i = 0; i < lab.machines().size(); i++) {
            NodeId id = NodeId.of(lab.machines().get(i).name());
            nodes.add(id);
            BmcEndpoint endpoint = lab.redfishEndpoint(i);
            workflows.enroll(Node.builder(id).bmc(endpoint).build());
        }
        eachNode(id -> {
            workflows.verify(id);
            workflows.inspect(id);
        });
        for (NodeId id : nodes) {
            Node n = node(id);
            progress.say(String.format("%-7s %-10s %s; ports %s", id.value(), n.provisionState(), SelectCommand.summary(n.inventory()),
                    n.ports().stream().map(Port::link).filter(l -> l != null).map(l -> l.switchId() + "/" + l.portId()).toList()));
        }
    }

    private void cleanAll() {
        // The last tenant's leftovers, for the erase to remove.
        lab.machines().forEach(m -> m.disks().forEach(d -> d.write(0, "the last tenant's data".getBytes(StandardCharsets.UTF_8))));
        eachNode(workflows::provide);
        for (NodeId id : nodes) {
            SimulatedMachine m = lab.machine(id);
            progress.say(String.format("%-7s %s; the lab sees its disks zeroed: %s, its BIOS at defaults: %s", id.value(),
                    node(id).provisionState(), m.disks().stream().allMatch(SimulatedDisk::isZeroed),
                    m.bios().current().equals(m.bios().defaults())));
        }
    }

    private void allocate() {
        tenantA = allocate("tenant-a", TENANT_A_FLAVOR);
        tenantB = allocate("tenant-b", TENANT_B_FLAVOR);
    }

    private NodeId allocate(String tenant, String flavor) {
        Node n = workflows.allocate(Requirements.parse(flavor), tenant, null);
        progress.say(String.format("%-8s flavor \"%s\": %s, %s", tenant, flavor, n.id().value(), SelectCommand.summary(n.inventory())));
        return n.id();
    }

    private List<PortBinding> bindings(NodeId id, TenantNetwork net) {
        return node(id).ports().stream().map(Port::link).filter(l -> l != null).map(l -> PortBinding.of(l, net.id())).toList();
    }

    private void deployTenantA() {
        DemoConsole console = lab.console(tenantA);
        TenantNetwork net = lab.networks().createNetwork("tenant-a", "net", false);
        String volume = lab.storage().create(new VolumeSpec(tenantA.value() + "-root", 1L << 30, false)).id();
        progress.say("network tenant-a/net on VLAN " + net.vlan().value() + "; volume " + volume + " (1 GiB) on the storage host");
        // What the lab's PXE server hands the machine: the iPXE script that boots the volume.
        VolumeTarget target = VolumeTarget.of(lab.storagePortal(), lab.storage().targetIqn(volume), 1, null);
        tenantAVolumeBoot = IpxeSanboot.uri(target);
        lab.machine(tenantA).setSanBootTarget(tenantAVolumeBoot);
        DeployRequest.Builder request = DeployRequest.builder().volume(volume).connector(DemoLab.initiator(tenantA))
                .boot(BootSource.volume());
        bindings(tenantA, net).forEach(request::binding);
        Node active = workflows.deploy(tenantA, request.build());
        for (String landmark : List.of("Registered SAN device", "Linux version", "login:")) {
            progress.say("console: " + console.awaitLine(landmark, TIMEOUT));
        }
        progress.say(tenantA.value() + " is " + active.provisionState() + " for " + active.owner().orElseThrow()
                + "; the kept console log holds " + console.log().written() + " bytes");
    }

    private void deployTenantBAndIsolate() {
        TenantNetwork net = lab.networks().createNetwork("tenant-b", "net", false);
        DeployRequest.Builder request = DeployRequest.builder().boot(BootSource.pxe());
        bindings(tenantB, net).forEach(request::binding);
        Node active = workflows.deploy(tenantB, request.build());
        progress.say("network tenant-b/net on VLAN " + net.vlan().value() + "; " + tenantB.value() + " is " + active.provisionState());
        Reachability cabling = lab.cabling();
        String a = node(tenantA).ports().get(0).mac().value();
        String b = node(tenantB).ports().get(0).mac().value();
        Set<String> reached = cabling.reachableFrom(a, lab.switches());
        boolean crosses = cabling.canReach(a, b, lab.switches()) || cabling.canReach(b, a, lab.switches());
        progress.say(tenantA.value() + " reaches " + tenantB.value() + ": " + crosses + " (it reaches only " + reached + ", its own NICs)");
        if (crosses) {
            throw new IllegalStateException("tenant-a's machine reaches tenant-b's");
        }
    }

    private void nmi() {
        DemoConsole console = lab.console(tenantA);
        int mark = console.mark();
        try (BmcClient bmc = bmc(tenantA)) {
            PowerControl power = bmc.require(PowerControl.class);
            power.perform(PowerAction.INJECT_NMI, TIMEOUT);
            progress.say("console: " + console.awaitLineAfter(mark, "Kernel panic", TIMEOUT));
            progress.say("console: " + console.awaitLineAfter(mark, "end Kernel panic", TIMEOUT));
            // A panicked kernel halts (kernel.panic=0, the default): only a reset brings it back.
            power.perform(PowerAction.REBOOT, TIMEOUT);
            progress.say("reset through the BMC; console: " + console.awaitLineAfter(mark, "login:", TIMEOUT));
        }
        String kept = console.log().text();
        progress.say("the kept log holds the crash dump: " + kept.contains("Kernel panic - not syncing: NMI"));
    }

    private void shutDown() {
        try (BmcClient bmc = bmc(tenantA)) {
            PowerControl power = bmc.require(PowerControl.class);
            boolean graceful = power.gracefulShutdown(TIMEOUT, false);
            progress.say(tenantA.value() + (graceful ? " shut itself down on the ACPI request" : " was already off") + "; power "
                    + power.powerState());
        }
    }

    private void backupAndRestore() {
        SimulatedMachine source = lab.machine(tenantA);
        SimulatedDisk disk = source.disks().get(0);
        // The tenant's workload wrote to its local scratch disk while it ran.
        byte[] data = ("tenant-a's scratch data\n").repeat(200_000).getBytes(StandardCharsets.UTF_8);
        disk.write(4096, data);
        // Another free machine whose first disk can hold this one's.
        NodeId spare = nodes.stream().filter(id -> !id.equals(tenantA) && !id.equals(tenantB))
                .filter(id -> lab.machine(id).disks().get(0).spec().sizeBytes() >= disk.spec().sizeBytes()).findFirst().orElseThrow();
        try {
            Path repo = Files.createDirectories(dir.resolve("backups"));
            BackupKey key = BackupKey.generate();
            try (BackupEngine engine = BackupEngine.builder(DirectoryRepository.open(repo)).key(key).build()) {
                String device = "/dev/" + disk.spec().name();
                BackupResult result;
                try (SshConnection ramdisk = bootRamdisk(tenantA)) {
                    result = engine.backup(SshDisk.source(ramdisk, device));
                }
                progress.say(String.format("%s:%s backed up as snapshot %s: %,d bytes read, %,d stored (zstd, AES-GCM)", tenantA.value(),
                        device, result.snapshot().id(), result.bytesRead(), result.bytesStored()));
                progress.say("verify: " + (engine.verify().damage().isEmpty() ? "every chunk re-read and re-hashed, no damage" : "DAMAGE"));
                SimulatedDisk target = lab.machine(spare).disks().get(0);
                RestoreResult restored;
                try (SshConnection ramdisk = bootRamdisk(spare)) {
                    restored = engine.restore(result.snapshot().id(), SshDisk.target(ramdisk, "/dev/" + target.spec().name()));
                }
                boolean same = java.util.Arrays.equals(target.read(4096, data.length), data);
                progress.say(String.format("restored onto %s:/dev/%s, %,d bytes; the tenant's data is there: %s", spare.value(),
                        target.spec().name(), restored.bytesWritten(), same));
                if (!same) {
                    throw new IllegalStateException("the restored disk differs from the backed-up one");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            powerOff(tenantA);
            powerOff(spare);
        }
    }

    /** Boots the node into the service ramdisk (the lab's PXE server hands that out once no volume is set) and logs in. */
    private SshConnection bootRamdisk(NodeId id) {
        lab.machine(id).clearSanBootTarget();
        try (BmcClient bmc = bmc(id)) {
            bmc.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE));
            PowerControl power = bmc.require(PowerControl.class);
            power.perform(power.powerState() == org.bmsdk.api.bmc.PowerState.ON ? PowerAction.REBOOT : PowerAction.ON, TIMEOUT);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return lab.ssh().connect(lab.ramdisk(id));
            } catch (BareMetalException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                sleepFor(Duration.ofMillis(200));
            }
        }
    }

    private void powerOff(NodeId id) {
        try (BmcClient bmc = bmc(id)) {
            bmc.require(PowerControl.class).perform(PowerAction.OFF, TIMEOUT);
        }
    }

    private void failover() {
        DemoConsole console = lab.console(tenantA);
        int mark = console.mark();
        lab.machine(tenantA).setSanBootTarget(tenantAVolumeBoot);
        try (BmcClient bmc = bmc(tenantA)) {
            bmc.require(PowerControl.class).perform(PowerAction.ON, TIMEOUT);
        }
        progress.say(tenantA.value() + " back up from its volume; console: " + console.awaitLineAfter(mark, "login:", TIMEOUT));
        // The spares' firmware network-boots, and the lab's PXE server chains whoever boots to tenant-a's volume.
        for (NodeId id : nodes) {
            if (node(id).provisionState() == ProvisionState.AVAILABLE) {
                lab.machine(id).setSanBootTarget(tenantAVolumeBoot);
                try (BmcClient bmc = bmc(id)) {
                    bmc.require(BootControl.class).setBootOverride(BootOverride.persistent(BootDevice.PXE, BootMode.UEFI));
                }
            }
        }
        List<HaEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        HaListener narrate = e -> {
            events.add(e);
            if (e.kind() != HaEvent.Kind.ASSESSED || !e.detail().startsWith("HEALTHY")) {
                progress.say(String.format("%-7s %-16s %s%s", e.node().value(), e.kind().name().toLowerCase(Locale.ROOT),
                        e.stepIfAny().map(st -> st.name().toLowerCase(Locale.ROOT) + " ").orElse(""), e.detail()));
            }
        };
        org.bmsdk.ha.BmcConnector bmcs = n -> BmcDriverRegistry.loadInstalled().connect(n.bmcEndpoints().get(0), DriverContext.defaults());
        VolumeConnectors initiators = n -> Optional.of(DemoLab.initiator(n.id()));
        HostProbe heartbeat = TcpHostProbe.create(n -> Optional.of(lab.machine(n.id()).heartbeat()), Duration.ofMillis(300),
                Clock.systemUTC());
        FenceLadder fencer = FenceLadder.builder().level(BmcPowerFence.create(bmcs, TIMEOUT)).level(SwitchPortFence.create(lab.networks()))
                .then(VolumeExportFence.create(lab.storage(), initiators)).build();
        try (FailoverOrchestrator orchestrator = FailoverOrchestrator.builder().store(lab.store()).fencer(fencer).bmcs(bmcs)
                        .networks(lab.networks()).storage(lab.storage(), initiators).hostProbe(heartbeat)
                        .protection(n -> Protection.automatic(Requirements.parse(TENANT_A_FLAVOR))).listener(narrate).build();
                HaMonitor monitor = HaMonitor.builder().store(lab.store()).detector(DetectorOptions.defaults())
                        .bmcProbe(BmcProbe.create(bmcs, Clock.systemUTC())).hostProbe(heartbeat).stormGuard(StormGuard.defaults())
                        .orchestrator(orchestrator).listener(narrate).build()) {
            monitor.start(Duration.ofSeconds(1));
            awaitEvent(events, e -> e.node().equals(tenantA) && e.kind() == HaEvent.Kind.ASSESSED && e.detail().startsWith("HEALTHY"));
            progress.say("monitoring " + tenantA.value() + " and " + tenantB.value() + " (BMC power state, heartbeat), detection time "
                    + DetectorOptions.DEFAULT_DETECTION_TIME.toSeconds() + " s");
            sleepFor(Duration.ofSeconds(3));
            java.time.Instant pulled = java.time.Instant.now();
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
                    tenantA.value(), node(tenantA).provisionState()));
        }
    }

    private static HaEvent awaitEvent(List<HaEvent> events, java.util.function.Predicate<HaEvent> which) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<HaEvent> found = events.stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleepFor(Duration.ofMillis(100));
        }
        throw new org.bmsdk.api.OperationTimeoutException("no such HA event within 90 s; the last: "
                + (events.isEmpty() ? "none" : events.get(events.size() - 1)));
    }

    private static void sleepFor(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
