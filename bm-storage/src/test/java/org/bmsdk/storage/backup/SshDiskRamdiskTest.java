package org.bmsdk.storage.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.testkit.machine.DiskContents;
import org.bmsdk.testkit.machine.DiskSpec;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedDisk;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.ramdisk.RamdiskSpec;
import org.bmsdk.testkit.ramdisk.SimulatedRamdisk;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's disk backed up over SSH from its simulated service ramdisk with {@code cat}, and restored
 * through {@code dd}, byte for byte: the streaming shapes SshDisk uses work on the simulator as on a
 * real ramdisk.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SshDiskRamdiskTest {

    @TempDir
    Path dir;

    @Test
    void aDiskIsBackedUpFromTheRamdiskAndRestoredToIt() throws Exception {
        ManualClock clock = ManualClock.create();
        MachineSpec spec = MachineSpec.builder("node-9").postTime(Duration.ofSeconds(1)).bootTime(Duration.ofSeconds(1))
                .disk(DiskSpec.of("Disk.Bay.0", DiskMedia.SSD, DiskProtocol.SATA, 24L << 20).withInitialContents(DiskContents.pattern(9)))
                .build();
        Secret password = Secret.of("ramdisk-test-pw");
        try (SimulatedMachine machine = SimulatedMachine.create(spec, clock);
                SimulatedRamdisk ramdisk = SimulatedRamdisk.attach(machine, RamdiskSpec.builder().login("root", password).build());
                SshClient client = SshClient.create()) {
            machine.setBootOverride(BootOverride.once(BootDevice.PXE));
            machine.powerOn();
            clock.advance(Duration.ofSeconds(2));
            SimulatedDisk disk = machine.disk("Disk.Bay.0");
            String original = disk.sha256();
            try (SshConnection node = client.connect(SshOptions.builder().host(ramdisk.host()).port(ramdisk.sshPort()).username("root")
                    .password(password).knownHosts(ramdisk.writeKnownHosts(dir.resolve("known_hosts"))).build());
                    DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                    BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL).build()) {
                BackupSource source = SshDisk.source(node, "/dev/sda");
                assertEquals(24L << 20, source.size().orElseThrow());
                BackupResult backup = engine.backup(source);

                disk.write(5 << 20, new byte[1 << 20]);
                assertNotEquals(original, disk.sha256());
                engine.restore(backup.snapshot().id(), SshDisk.target(node, "/dev/sda"));
                assertEquals(original, disk.sha256());
            }
        }
    }
}
