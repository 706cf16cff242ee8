package org.bmsdk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
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
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.network.BatchingSwitchFabric;
import org.bmsdk.network.StoreTenantNetworks;
import org.bmsdk.network.VlanRange;
import org.bmsdk.network.VniRange;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.storage.iscsi.IpxeSanboot;
import org.bmsdk.storage.iscsi.TgtStorage;
import org.bmsdk.store.jdbc.JdbcStore;
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

    private final LabCommand.Lab lab;
    private final Path dir;
    private final Path credentialsFile;
    private final JdbcStore store;
    private final BatchingSwitchFabric fabric;
    private final StoreTenantNetworks networks;
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
        LabCommand.Lab lab = LabCommand.Lab.start(machines, false, 1, null);
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

    List<SimulatedMachine> machines() {
        return lab.machines();
    }

    SimulatedSwitches switches() {
        return lab.switches().orElseThrow().switches();
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
                return new DemoConsole(client, client.require(SerialConsole.class).open());
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        });
    }

    private int index(NodeId node) {
        for (int i = 0; i < machines().size(); i++) {
            if (machines().get(i).name().equals(node.value())) {
                return i;
            }
        }
        throw new IllegalArgumentException("no lab machine is named " + node.value());
    }

    /**
     * Creates a volume on the storage host and exports it to the node's initiator with CHAP.
     *
     * @return what was done, for the narration
     */
    String attachVolume(NodeId node, Narrator.Progress p) {
        LabStorage storage = lab.storage();
        SshOptions options = SshOptions.builder().host(storage.host().host()).port(storage.host().sshPort())
                .knownHosts(storage.knownHosts()).credentials(storage.login()).commandTimeout(COMMAND_TIMEOUT).build();
        try (SshClient client = SshClient.create()) {
            SshConnection connection = client.connect(options);
            try (TgtStorage tgt = TgtStorage.builder(connection).directory(VolumeCommand.DEFAULT_DIRECTORY)
                    .portal(storage.host().portal()).chapKey(chapKey).commandTimeout(COMMAND_TIMEOUT).build()) {
                Volume volume = tgt.create(new VolumeSpec(node.value() + "-root", 1L << 30, false));
                VolumeConnector initiator = VolumeConnector.iscsi(LabStorage.iqn(node.value()));
                VolumeTarget target = tgt.attach(volume.id(), initiator);
                p.say("volume " + volume.id() + " (1 GiB) exported to " + initiator.initiator() + " only, CHAP on");
                p.say("its iPXE boot script: " + IpxeSanboot.uri(target));
                return "attached volumes on the storage host: " + tgt.list().size();
            }
        }
    }

    @Override
    public void close() {
        try {
            consoles.values().forEach(DemoConsole::close);
            fabric.close();
            store.close();
        } finally {
            lab.close();
            deleteDir();
        }
    }

    private void deleteDir() {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Only the demo's H2 file: the OS's temporary directory cleaning takes it.
        }
    }
}
