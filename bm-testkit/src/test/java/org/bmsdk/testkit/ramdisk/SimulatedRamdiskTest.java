package org.bmsdk.testkit.ramdisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SampleRack;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ramdisk over real SSH (Apache MINA's client): up only while the machine runs it, on the port
 * published when it was attached, with the host key published then; the heartbeat follows the host.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatedRamdiskTest {

    static final Duration POST = Duration.ofSeconds(2);
    static final Duration BOOT = Duration.ofSeconds(10);

    static SshClient client;

    @TempDir
    Path dir;

    ManualClock clock;
    SimulatedMachine machine;
    SimulatedRamdisk ramdisk;

    @BeforeAll
    static void startClient() {
        client = SshClient.setUpDefaultClient();
        client.start();
    }

    @AfterAll
    static void stopClient() throws IOException {
        client.stop();
    }

    @BeforeEach
    void attach() {
        clock = ManualClock.create(Instant.parse("2026-01-01T00:00:00Z"));
        machine = SimulatedMachine.create(SampleRack.machine(1, "node-1").toBuilder().postTime(POST).bootTime(BOOT).build(), clock);
        ramdisk = SimulatedRamdisk.attach(machine, RamdiskSpec.builder().login("root", Secret.of("s3cret-lab")).build());
    }

    @AfterEach
    void close() {
        ramdisk.close();
        machine.close();
    }

    void bootFrom(BootDevice device) {
        machine.setBootOverride(BootOverride.once(device));
        if (!machine.powerOn()) {
            machine.reset();
        }
        clock.advance(POST.plus(BOOT));
        assertEquals(OsState.RUNNING, machine.osState());
    }

    ClientSession login(String password) throws IOException {
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE,
                ramdisk.writeKnownHosts(dir.resolve("known_hosts"))));
        ClientSession session = client.connect("root", "127.0.0.1", ramdisk.sshPort()).verify(Duration.ofSeconds(10)).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(Duration.ofSeconds(10));
        return session;
    }

    static boolean accepts(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 2000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    @Test
    void aNetworkBootBringsTheRamdiskUpAndPowerOffDropsItsConnections() throws Exception {
        int port = ramdisk.sshPort();
        assertFalse(ramdisk.isListening());
        assertFalse(accepts(ramdisk.address()), "nothing answers while the machine is off");
        bootFrom(BootDevice.PXE);
        assertTrue(ramdisk.isListening());
        try (ClientSession session = login("s3cret-lab")) {
            assertEquals("NAME=\"sda\" SIZE=\"960000000000\" ROTA=\"0\" TYPE=\"disk\"\n"
                    + "NAME=\"sdb\" SIZE=\"960000000000\" ROTA=\"0\" TYPE=\"disk\"\n",
                    session.executeRemoteCommand("lsblk --bytes --nodeps --noheadings --pairs --output NAME,SIZE,ROTA,TYPE"));
            assertTrue(session.executeRemoteCommand("lldpctl -f keyvalue").contains("lldp.eth1.port.ifname=Ethernet1/4\n"));
            machine.powerOff();
            assertTrue(session.waitFor(java.util.EnumSet.of(org.apache.sshd.client.session.ClientSession.ClientSessionEvent.CLOSED),
                    Duration.ofSeconds(10)).contains(org.apache.sshd.client.session.ClientSession.ClientSessionEvent.CLOSED));
        }
        assertFalse(accepts(ramdisk.address()));
        bootFrom(BootDevice.PXE);
        assertEquals(port, ramdisk.sshPort());
        try (ClientSession session = login("s3cret-lab")) {
            assertEquals("node-1\n", session.executeRemoteCommand("hostname"));
        }
        assertEquals(2, ramdisk.logins());
        assertTrue(ramdisk.commands().contains("hostname"));
    }

    @Test
    void aWrongPasswordAndAWrongHostKeyAreRefused() throws Exception {
        bootFrom(BootDevice.PXE);
        assertThrows(IOException.class, () -> login("wrong").close());
        try (SimulatedMachine other = SimulatedMachine.create(machine.spec(), clock);
                SimulatedRamdisk impostor = SimulatedRamdisk.attach(other, ramdisk.spec())) {
            assertFalse(impostor.knownHostsLine().substring(impostor.knownHostsLine().indexOf(' '))
                    .equals(ramdisk.knownHostsLine().substring(ramdisk.knownHostsLine().indexOf(' '))), "each ramdisk has its own key");
        }
    }

    @Test
    void aDiskStreamsOutWithCatAndBackInWithDd() throws Exception {
        bootFrom(BootDevice.PXE);
        Map<String, String> devices = ramdisk.devicePaths();
        assertEquals("/dev/sda", devices.values().iterator().next());
        String disk = devices.keySet().iterator().next();
        byte[] data = new byte[5 << 20];
        new java.util.Random(5).nextBytes(data);
        try (ClientSession session = login("s3cret-lab")) {
            try (var channel = session.createExecChannel("dd of=/dev/sda bs=4M conv=fsync status=none")) {
                channel.open().verify(Duration.ofSeconds(10));
                channel.getInvertedIn().write(data);
                channel.getInvertedIn().close();
                channel.waitFor(java.util.EnumSet.of(org.apache.sshd.client.channel.ClientChannelEvent.EXIT_STATUS), Duration.ofSeconds(20));
                assertEquals(0, channel.getExitStatus());
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(data, machine.disk(disk).read(0, data.length));
            try (var channel = session.createExecChannel("cat /dev/sda")) {
                channel.open().verify(Duration.ofSeconds(10));
                InputStream in = channel.getInvertedOut();
                byte[] head = in.readNBytes(data.length);
                org.junit.jupiter.api.Assertions.assertArrayEquals(data, head, "cat streams the disk from its start");
            }
            // The session survives a reader that stopped half-way through a 960 GB disk.
            assertEquals("0\n", session.executeRemoteCommand("cmp -n 1000 /dev/sdb /dev/zero && echo 0"));
        }
    }

    @Test
    void theHeartbeatAnswersWhileTheTenantOsOrTheRamdiskRuns() throws Exception {
        InetSocketAddress heartbeat = machine.heartbeat();
        assertFalse(accepts(heartbeat));
        bootFrom(BootDevice.DISK);
        assertTrue(machine.isHostUp());
        assertFalse(ramdisk.isListening(), "the tenant OS runs no ramdisk");
        assertTrue(machine.console().text().contains("Debian GNU/Linux 12 node-1 ttyS0"));
        try (Socket s = new Socket()) {
            s.connect(heartbeat, 2000);
            assertEquals("bm-testkit heartbeat node-1\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
        machine.injectNmi();
        assertEquals(OsState.PANICKED, machine.osState());
        assertTrue(machine.console().text().contains("Kernel panic - not syncing: NMI"));
        assertFalse(accepts(heartbeat), "a panicked host answers nothing");
        bootFrom(BootDevice.PXE);
        assertTrue(accepts(heartbeat));
        assertEquals(heartbeat, machine.heartbeat());
        bootFrom(BootDevice.BIOS_SETUP);
        assertFalse(accepts(heartbeat), "firmware setup is no OS");
    }

    @Test
    void aNetworkBootWithASanTargetBootsTheTenantOsFromTheVolumeNotTheRamdisk() throws Exception {
        InetSocketAddress heartbeat = machine.heartbeat();
        String target = "iscsi:127.0.0.1::3260:1:iqn.2024-01.org.bmsdk:vol1";
        machine.setSanBootTarget(target);
        bootFrom(BootDevice.PXE);
        assertEquals(org.bmsdk.testkit.machine.BootedImage.VOLUME_OS, machine.currentBoot().orElseThrow().image());
        assertEquals(java.util.Optional.of(target), machine.currentBoot().orElseThrow().mediaUri());
        assertFalse(ramdisk.isListening());
        assertTrue(accepts(heartbeat), "the tenant OS on the volume answers");
        String console = machine.console().text();
        assertTrue(console.contains("Booting from SAN device 0x80 (" + target + ")"), console);
        assertTrue(console.indexOf("Debian GNU/Linux 12 node-1 ttyS0") > console.indexOf("Booting from SAN device"), console);

        machine.clearSanBootTarget();
        bootFrom(BootDevice.PXE);
        assertTrue(ramdisk.isListening(), "without a SAN target a network boot brings the ramdisk up again");
    }
}
