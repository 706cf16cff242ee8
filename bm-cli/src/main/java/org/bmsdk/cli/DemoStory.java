package org.bmsdk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
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

    /** Runs one workflow per node on a thread each, as a controller's conductors would. */
    private void eachNode(Consumer<NodeId> work) {
        List<CompletableFuture<Void>> all = nodes.stream().map(id -> CompletableFuture.runAsync(() -> work.accept(id))).toList();
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
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
            Node n = lab.node(id);
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
                    lab.node(id).provisionState(), m.disks().stream().allMatch(SimulatedDisk::isZeroed),
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
        return lab.node(id).ports().stream().map(Port::link).filter(l -> l != null).map(l -> PortBinding.of(l, net.id())).toList();
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
        String a = lab.node(tenantA).ports().get(0).mac().value();
        String b = lab.node(tenantB).ports().get(0).mac().value();
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
        try (BmcClient bmc = lab.bmc(tenantA)) {
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
        try (BmcClient bmc = lab.bmc(tenantA)) {
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
                boolean same = Arrays.equals(target.read(4096, data.length), data);
                progress.say(String.format("restored onto %s:/dev/%s, %,d bytes; the tenant's data is there: %s", spare.value(),
                        target.spec().name(), restored.bytesWritten(), same));
                if (!same) {
                    throw new IllegalStateException("the restored disk differs from the backed-up one");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            powerOff(tenantA);
            powerOff(spare);
        }
    }

    /** Boots the node into the service ramdisk (the lab's PXE server hands that out once no volume is set) and logs in. */
    private SshConnection bootRamdisk(NodeId id) {
        lab.machine(id).clearSanBootTarget();
        try (BmcClient bmc = lab.bmc(id)) {
            bmc.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE));
            PowerControl power = bmc.require(PowerControl.class);
            power.perform(power.powerState() == PowerState.ON ? PowerAction.REBOOT : PowerAction.ON, TIMEOUT);
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
        try (BmcClient bmc = lab.bmc(id)) {
            bmc.require(PowerControl.class).perform(PowerAction.OFF, TIMEOUT);
        }
    }

    private void failover() {
        new DemoFailover(lab, progress, TENANT_A_FLAVOR).run(tenantA, tenantB, tenantAVolumeBoot, nodes);
    }

    static void sleepFor(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
