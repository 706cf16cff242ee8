package org.bmsdk.hardware.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.agent.BlockDevice;
import org.bmsdk.hardware.agent.internal.AgentOutput;
import org.bmsdk.ssh.fixture.OpenSshExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SSH agent against a real OpenSSH server running the real dd and cmp, on an image file under
 * /dev/shm (a path under /dev/, as a device's is); and its lsblk parser on this machine's real lsblk.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SshRamdiskAgentOpenSshTest {

    @RegisterExtension
    static final OpenSshExtension openSsh = new OpenSshExtension();

    Path image;

    @BeforeEach
    void makeAnImage() throws Exception {
        image = Files.createTempFile(Path.of("/dev/shm"), "bmsdk-agent-", ".img");
    }

    @AfterEach
    void deleteImage() throws Exception {
        if (image != null) {
            Files.deleteIfExists(image);
        }
    }

    @Test
    void realDdErasesAndRealCmpProvesIt() throws Exception {
        byte[] data = new byte[(6 << 20) + 123];
        new Random(7).nextBytes(data);
        Files.write(image, data);
        BlockDevice device = new BlockDevice(image.toString(), data.length, false);
        try (SshRamdiskAgent agent = SshRamdiskAgent.of(openSsh.client().connect(openSsh.server().keyLogin().build()))) {
            assertFalse(agent.isErased(device, Duration.ofSeconds(30)));
            agent.erase(device, Duration.ofSeconds(30));
            assertTrue(agent.isErased(device, Duration.ofSeconds(30)));
            assertArrayEquals(new byte[data.length], Files.readAllBytes(image), "every byte zeroed");
            assertEquals(data.length, Files.size(image), "the image neither shrank nor grew");

            // A device shorter than the size asked for is not erased: cmp hits its end first.
            assertFalse(agent.isErased(new BlockDevice(image.toString(), data.length + 1L, false), Duration.ofSeconds(30)));
            DeviceException missing = assertThrows(DeviceException.class,
                    () -> agent.isErased(new BlockDevice("/dev/shm/bmsdk-no-such-disk", 10, false), Duration.ofSeconds(10)));
            assertTrue(missing.deviceCode().startsWith("cmp: /dev/shm/bmsdk-no-such-disk: No such file or directory"),
                    missing.deviceCode());
        }
    }

    @Test
    void anEraseThatRunsPastItsTimeoutIsATimeout() throws Exception {
        Files.write(image, new byte[16]);
        try (SshRamdiskAgent agent = SshRamdiskAgent.of(openSsh.client().connect(openSsh.server().keyLogin().build()))) {
            // An "erase" of 32 GiB into /dev/null: real work (seconds of dd), harmless, and it ends by itself
            // even if sshd lets it run on after the timeout.
            BlockDevice large = new BlockDevice("/dev/null", 32L << 30, false);
            assertThrows(OperationTimeoutException.class, () -> agent.erase(large, Duration.ofMillis(200)));
            assertTrue(agent.isErased(new BlockDevice(image.toString(), 16, false), Duration.ofSeconds(30)),
                    "the connection is still usable after a timeout");
        }
    }

    @Test
    void theLsblkParserReadsThisMachinesRealLsblk() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/lsblk")) || Files.isExecutable(Path.of("/bin/lsblk")), "lsblk is missing");
        Process p = new ProcessBuilder(List.of(AgentOutput.LSBLK.split(" "))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        List<BlockDevice> devices = AgentOutput.blockDevices(out);
        long disks = out.lines().filter(l -> l.contains("TYPE=\"disk\"") && !l.contains("SIZE=\"0\"")).count();
        assertEquals(disks, devices.size(), out);
        for (BlockDevice d : devices) {
            assertTrue(Files.exists(Path.of(d.path())), d + " exists");
        }
    }
}
