package org.bmsdk.hardware.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.agent.BlockDevice;
import org.bmsdk.api.agent.LldpNeighbor;
import org.bmsdk.api.agent.RamdiskAgent;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.NicSpec;
import org.bmsdk.testkit.machine.SampleRack;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.ramdisk.RamdiskSpec;
import org.bmsdk.testkit.ramdisk.SimulatedRamdisk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SSH agent against the simulated ramdisk of a simulated machine, booted over the network on real time. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SshRamdiskAgentSimulatorTest {

    static final Secret PASSWORD = Secret.of("lab-Pa55word");
    static SshClient ssh;

    @TempDir
    Path dir;

    SimulatedMachine machine;
    SimulatedRamdisk ramdisk;
    Node node = Node.builder(NodeId.of("storage-1")).name("storage-1").build();

    @BeforeAll
    static void client() {
        ssh = SshClient.create();
    }

    @AfterAll
    static void closeClient() {
        ssh.close();
    }

    @BeforeEach
    void start() {
        MachineSpec spec = SampleRack.machine(3, "storage-1").toBuilder()
                .postTime(Duration.ofMillis(300)).bootTime(Duration.ofMillis(700)).build();
        machine = SimulatedMachine.create(spec);
        // The previous tenant's data, near the end of the first disk.
        byte[] data = new byte[1 << 20];
        new java.util.Random(42).nextBytes(data);
        machine.disk("nvme0n1").write(3_840_000_000_000L - (5 << 20), data);
        ramdisk = SimulatedRamdisk.attach(machine, RamdiskSpec.builder().login("root", PASSWORD).build());
    }

    @AfterEach
    void stop() {
        ramdisk.close();
        machine.close();
    }

    SshRamdiskAgentConnector connector(Path knownHosts) {
        return SshRamdiskAgentConnector.builder()
                .client(ssh)
                .retryInterval(Duration.ofMillis(100))
                .options(n -> SshOptions.builder().host(ramdisk.host()).port(ramdisk.sshPort()).username("root")
                        .password(PASSWORD).knownHosts(knownHosts).build())
                .build();
    }

    @Test
    void theAgentWaitsForTheRamdiskThenListsErasesAndProvesEveryDisk() throws Exception {
        Path knownHosts = ramdisk.writeKnownHosts(dir.resolve("known_hosts"));
        machine.setBootOverride(BootOverride.once(BootDevice.PXE));
        machine.powerOn();
        try (RamdiskAgent agent = connector(knownHosts).connect(node, Duration.ofSeconds(30))) {
            List<BlockDevice> disks = agent.blockDevices();
            assertEquals(10, disks.size());
            assertEquals(new BlockDevice("/dev/nvme0n1", 3_840_000_000_000L, false), disks.get(0));
            assertEquals(new BlockDevice("/dev/sda", 8_000_000_000_000L, true), disks.get(2));
            BlockDevice used = disks.get(0);
            assertFalse(agent.isErased(used, Duration.ofSeconds(30)));
            agent.erase(used, Duration.ofSeconds(30));
            assertTrue(agent.isErased(used, Duration.ofSeconds(30)));
            assertTrue(machine.disk("nvme0n1").isZeroed());
            assertTrue(agent.isErased(disks.get(1), Duration.ofSeconds(30)), "a blank disk is erased already");

            List<LldpNeighbor> neighbors = agent.lldpNeighbors();
            List<NicSpec> cabled = machine.nics().stream().filter(n -> n.cabledTo().isPresent()).toList();
            assertEquals(cabled.size(), neighbors.size());
            for (int i = 0; i < cabled.size(); i++) {
                assertEquals(cabled.get(i).mac(), neighbors.get(i).mac());
                assertEquals(cabled.get(i).cabledTo().get(), neighbors.get(i).link());
            }

            DeviceException missing = assertThrows(DeviceException.class,
                    () -> agent.erase(new BlockDevice("/dev/sdz", 1000, true), Duration.ofSeconds(10)));
            assertEquals("dd: failed to open '/dev/sdz': Permission denied", missing.deviceCode());
        }
    }

    @Test
    void aRamdiskThatNeverComesUpTimesOutAndAnUnknownHostKeyIsRefused() throws Exception {
        Path knownHosts = ramdisk.writeKnownHosts(dir.resolve("known_hosts"));
        OperationTimeoutException late = assertThrows(OperationTimeoutException.class,
                () -> connector(knownHosts).connect(node, Duration.ofMillis(800)));
        assertTrue(late.getMessage().contains("storage-1"), late.getMessage());
        assertFalse(late.getMessage().contains(PASSWORD.reveal()));

        Path stranger = Files.writeString(dir.resolve("other_known_hosts"),
                ramdisk.knownHostsLine().replaceFirst("]:\\d+ ", "]:" + (ramdisk.sshPort() == 65535 ? 1 : ramdisk.sshPort() + 1) + " ") + "\n");
        machine.setBootOverride(BootOverride.once(BootDevice.PXE));
        machine.powerOn();
        connector(knownHosts).connect(node, Duration.ofSeconds(30)).close();
        assertThrows(AuthenticationException.class, () -> connector(stranger).connect(node, Duration.ofSeconds(5)));
    }
}
