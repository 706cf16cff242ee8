package org.bmsdk.storage.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bmsdk.api.TransportException;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.fixture.OpenSshExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups of a node's disk over SSH from the real OpenSSH server on 127.0.0.1 (the "disk" is an
 * image file the server's user reads with cat), and restores back through dd.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SshDiskTest {

    @RegisterExtension
    static final OpenSshExtension openSsh = new OpenSshExtension();

    @TempDir
    Path dir;

    @Test
    void aDiskIsBackedUpOverSshIncrementallyAndRestoredOverSshByteForByte() throws Exception {
        byte[] first = Images.random(21, 6 << 20);
        byte[] second = Images.change(first, 0.01, 3, 22);
        Path disk = Images.write(dir.resolve("node-disk"), first);
        try (SshConnection node = openSsh.client().connect(openSsh.server().keyLogin().build());
                DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL).build()) {
            BackupSource source = SshDisk.source(node, disk.toString());
            assertEquals(first.length, source.size().orElseThrow());
            BackupResult one = engine.backup(source);
            assertEquals("ssh://127.0.0.1:" + openSsh.server().port() + disk, one.snapshot().source());
            Files.write(disk, second);
            BackupResult two = engine.backup(source);
            assertTrue(two.bytesNew() < second.length * 0.1, "the second backup over SSH stored " + two.bytesNew());

            Path spare = dir.resolve("spare-disk");
            engine.restore(one.snapshot().id(), SshDisk.target(node, spare.toString()));
            assertArrayEquals(first, Files.readAllBytes(spare));
            engine.restore(two.snapshot().id(), SshDisk.target(node, spare.toString()));
            assertArrayEquals(second, Files.readAllBytes(spare));
            assertTrue(engine.verify().isClean());
        }
    }

    @Test
    void aMissingDeviceIsAnErrorNotAnEmptyDisk() {
        try (SshConnection node = openSsh.client().connect(openSsh.server().keyLogin().build());
                DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"));
                BackupEngine engine = BackupEngine.builder(repository).build()) {
            TransportException e = assertThrows(TransportException.class,
                    () -> engine.backup(SshDisk.source(node, dir.resolve("no-such-disk").toString())));
            assertTrue(e.getMessage().contains("exited with status 1"), e.getMessage());
            assertTrue(e.getMessage().contains("No such file"), e.getMessage());
            assertTrue(engine.list().isEmpty());
            assertThrows(IllegalArgumentException.class, () -> SshDisk.source(node, "/dev/sda; rm -rf /"));
        }
    }

    @Test
    void aConnectionCutHalfWayLeavesNoSnapshotAndTheNextRunGoesOn() throws Exception {
        byte[] image = Images.random(23, 12 << 20);
        Path disk = Images.write(dir.resolve("node-disk"), image);
        try (DirectoryRepository repository = DirectoryRepository.open(dir.resolve("repo"))) {
            SshConnection doomed = openSsh.client().connect(openSsh.server().keyLogin().build());
            AtomicBoolean cut = new AtomicBoolean();
            try (BackupEngine engine = BackupEngine.builder(repository).chunkSizes(BackupEngineTest.SMALL)
                    .progressInterval(java.time.Duration.ZERO).listener(p -> {
                        if (p.bytesRead() > image.length / 3 && cut.compareAndSet(false, true)) {
                            doomed.close();
                        }
                    }).build()) {
                assertThrows(TransportException.class, () -> engine.backup(SshDisk.source(doomed, disk.toString())));
                assertTrue(cut.get());
                assertTrue(engine.list().isEmpty(), "no snapshot from a cut run");
            }
            int kept = repository.chunks().size();
            assertTrue(kept > 0);
            try (SshConnection node = openSsh.client().connect(openSsh.server().keyLogin().build());
                    BackupEngine engine = BackupEngine.builder(repository).build()) {
                BackupResult again = engine.backup(SshDisk.source(node, disk.toString()));
                assertTrue(again.bytesReused() >= (long) kept * BackupEngineTest.SMALL.min(), again.toString());
                assertTrue(engine.verify().isClean());
                engine.restore(again.snapshot().id(), RestoreTarget.path(dir.resolve("restored")));
                assertArrayEquals(image, Files.readAllBytes(dir.resolve("restored")));
            }
        }
    }
}
