package org.bmsdk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.api.workflow.NodeWorkflows;
import org.bmsdk.api.workflow.WorkflowListener;
import org.bmsdk.api.workflow.WorkflowTimeouts;
import org.bmsdk.network.BatchingSwitchFabric;
import org.bmsdk.network.StoreTenantNetworks;
import org.bmsdk.network.VlanRange;
import org.bmsdk.network.VniRange;
import org.bmsdk.hardware.agent.SshRamdiskAgentConnector;
import org.bmsdk.hardware.console.KeptConsole;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.storage.iscsi.TgtStorage;
import org.bmsdk.store.jdbc.JdbcStore;
import org.bmsdk.testkit.machine.DiskSpec;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.network.Reachability;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;

/**
 * The lab {@code bmctl demo} runs on, wired to the library as a controller would wire it: the
 * store in an H2 file, tenant networks over a batching fabric on the lab's switch, the tgt driver on
 * the lab's storage host, and one serial console per machine kept open.
 */
final class DemoLab implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** How much smaller the demo's disks are than the sample rack's. */
    static final long DISK_SCALE = 100_000;

    private final LabCommand.Lab lab;
    private final Path dir;
    private final Path credentialsFile;
    private final JdbcStore store;
    private final BatchingSwitchFabric fabric;
    private final StoreTenantNetworks networks;
    private final SshClient ssh = SshClient.create();
    private final TgtStorage storage;
    private final Map<NodeId, DemoConsole> consoles = new HashMap<>();
    private final Secret chapKey = Secret.of(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));

    private DemoLab(LabCommand.Lab lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
        this.credentialsFile = writeCredentials(dir.resolve("bmc.credentials"), lab.credentials());
        this.store = JdbcStore.h2(dir.resolve("demo"));
        BatchingSwitchFabric.Builder b = BatchingSwitchFabric.builder();
        for (SimulatedSwitch sw : switches().switches()) {
            b.endpoint(SwitchEndpoint.builder(sw.name(), sw.sshUri().toString(), sw.dialect().id())
                    .credentials(CredentialRef.inline(lab.credentials()))
                    .knownHosts(lab.switches().orElseThrow().knownHosts())
                    .commandTimeout(COMMAND_TIMEOUT).build());
        }
        this.fabric = b.build();
        this.networks = StoreTenantNetworks.builder(store, fabric).vlanRanges(List.of(VlanRange.of(100, 199)))
                .vniRanges(List.of(VniRange.of(5000, 5099))).idleVlan(VlanId.of(999)).provisioningVlan(VlanId.of(900))
                .cleaningVlan(VlanId.of(901)).build();
        LabStorage host = lab.storage();
        this.storage = TgtStorage.builder(ssh.connect(SshOptions.builder().host(host.host().host()).port(host.host().sshPort())
                        .knownHosts(host.knownHosts()).credentials(host.login()).commandTimeout(COMMAND_TIMEOUT).build()))
                .directory(VolumeCommand.DEFAULT_DIRECTORY).portal(host.host().portal()).chapKey(chapKey)
                .commandTimeout(COMMAND_TIMEOUT).build();
    }

    /**
     * Starts the lab: machines behind Redfish (HTTPS) and IPMI BMCs, one switch, the storage host.
     *
     * @param machines how many machines
     * @return the running lab
     */
    static DemoLab start(int machines) {
        Path dir;
        try {
            dir = Files.createTempDirectory("bmctl-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the demo's directory", e);
        }
        List<MachineSpec> specs = new ArrayList<>();
        for (int i = 0; i < machines; i++) {
            specs.add(small(LabCommand.Lab.machine(i)));
        }
        LabCommand.Lab lab = LabCommand.Lab.start(specs, false, 1, null);
        try {
            return new DemoLab(lab, dir);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private static Path writeCredentials(Path file, Credentials login) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "username=" + login.username() + "\npassword=" + login.password().reveal() + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's credentials file", e);
        }
    }

    /** The machine with disks {@value #DISK_SCALE} times smaller, so that reading a whole one takes a moment. */
    private static MachineSpec small(MachineSpec m) {
        return m.toBuilder().disks(m.disks().stream()
                .map(d -> DiskSpec.of(d.name(), d.media(), d.protocol(), d.sizeBytes() / DISK_SCALE).withSerial(d.serial())).toList())
                .build();
    }

    List<SimulatedMachine> machines() {
        return lab.machines();
    }

    SimulatedSwitches switches() {
        return lab.switches().orElseThrow().switches();
    }

    /** @return the demo's own directory (the store, the credentials file, the backup repository) */
    Path dir() {
        return dir;
    }

    JdbcStore store() {
        return store;
    }

    StoreTenantNetworks networks() {
        return networks;
    }

    /**
     * Machine {@code i}'s Redfish BMC as the store keeps it: the login by reference to a file only
     * this user can read, since the store refuses inline secrets.
     */
    BmcEndpoint redfishEndpoint(int machine) {
        return lab.redfishEndpoint(machine).toBuilder().credentials(CredentialRef.file(credentialsFile)).build();
    }

    /** @return the lab's cabling, to tell who reaches whom on the switches as they are configured */
    Reachability cabling() {
        Reachability.Builder b = Reachability.builder();
        for (SimulatedMachine m : machines()) {
            m.nics().forEach(n -> n.cabledTo().ifPresent(c -> b.nic(n.mac().value(), c.switchId(), c.portId())));
        }
        return b.build();
    }

    /**
     * The machine's serial console over IPMI Serial-over-LAN, opened on first use and kept open.
     *
     * @param node the machine
     * @return its console
     */
    synchronized DemoConsole console(NodeId node) {
        return consoles.computeIfAbsent(node, id -> {
            BmcClient client = BmcDriverRegistry.loadInstalled().connect(lab.ipmiEndpoint(index(id)), DriverContext.defaults());
            try {
                return new DemoConsole(client, KeptConsole.builder(client.require(SerialConsole.class)).name(id.value()).start());
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        });
    }

    /** @return a client of the node's Redfish BMC; the caller closes it */
    BmcClient bmc(NodeId node) {
        return BmcDriverRegistry.loadInstalled().connect(redfishEndpoint(index(node)), DriverContext.defaults());
    }

    /** @return the node's record in the store */
    Node node(NodeId node) {
        return store.nodes().get(node).orElseThrow().value();
    }

    SimulatedMachine machine(NodeId node) {
        return machines().get(index(node));
    }

    private int index(NodeId node) {
        for (int i = 0; i < machines().size(); i++) {
            if (machines().get(i).name().equals(node.value())) {
                return i;
            }
        }
        throw new IllegalArgumentException("no lab machine is named " + node.value());
    }

    /** @return the tgt driver on the lab's storage host, connected once for the demo */
    TgtStorage storage() {
        return storage;
    }

    /** @return the storage host's iSCSI portal, {@code HOST:PORT} */
    String storagePortal() {
        return lab.storage().host().portal();
    }

    /** @return the iSCSI initiator name of a lab machine */
    static VolumeConnector initiator(NodeId node) {
        return VolumeConnector.iscsi(LabStorage.iqn(node.value()));
    }

    /**
     * The node workflows wired to the lab: Redfish BMCs through the drivers, tenant networks on the
     * switch, volumes on the storage host, and the service ramdisk's agent over SSH.
     *
     * @param listener told of every step
     * @return the workflows
     */
    NodeWorkflows workflows(WorkflowListener listener) {
        return NodeWorkflows.builder(store)
                .bmcs(BmcConnector.of(BmcDriverRegistry.loadInstalled(), DriverContext.defaults()))
                .networks(networks)
                .storage(storage)
                .agents(SshRamdiskAgentConnector.builder().client(ssh).retryInterval(Duration.ofMillis(200))
                        .options(n -> lab.ramdisks().ssh(index(n.id()))).build())
                .timeouts(new WorkflowTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60),
                        Duration.ofSeconds(10)))
                .listener(listener)
                .build();
    }

    /** @return how to log in to the node's service ramdisk, once it runs */
    SshOptions ramdisk(NodeId node) {
        return lab.ramdisks().ssh(index(node));
    }

    /** @return the SSH client the demo's connections share */
    SshClient ssh() {
        return ssh;
    }

    @Override
    public void close() {
        try {
            consoles.values().forEach(DemoConsole::close);
            storage.close();
            ssh.close();
            fabric.close();
            store.close();
        } finally {
            lab.close();
            deleteDir();
        }
    }

    private void deleteDir() {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // Only the demo's H2 file: the OS's temporary directory cleaning takes it.
        }
    }
}
