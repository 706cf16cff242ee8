package org.bmsdk.testkit.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated switches over SSH, driven by Apache SSHD's own client (a second, independent
 * client; bm-network's drivers and netmiko are the others): many switches in one JVM, the host
 * key in known_hosts form, the pager, initial configurations, the session limit.
 */
class SimulatedSwitchesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** A terminal on one switch: type lines, wait for text. */
    private static final class Terminal implements AutoCloseable {
        final ClientSession session;
        final ChannelShell shell;
        final OutputStream keys;
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();

        Terminal(SshClient client, SimulatedSwitch sw) throws IOException {
            session = client.connect(sw.spec().username(), sw.host(), sw.port()).verify(WAIT).getSession();
            session.addPasswordIdentity(sw.spec().password().reveal());
            session.auth().verify(WAIT);
            shell = session.createShellChannel();
            PipedInputStream in = new PipedInputStream();
            keys = new PipedOutputStream(in);
            shell.setIn(in);
            shell.setOut(screen);
            shell.setErr(screen);
            shell.open().verify(WAIT);
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.US_ASCII));
            keys.flush();
        }

        /** Waits until the screen (CRs removed) ends with {@code suffix}; returns it. */
        String await(String suffix) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String s = text();
                if (s.endsWith(suffix)) {
                    return s;
                }
                Thread.sleep(10);
            }
            throw new AssertionError("screen did not end with '" + suffix + "': " + text());
        }

        String text() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8).replace("\r", "");
            }
        }

        @Override
        public void close() throws IOException {
            shell.close();
            session.close();
        }
    }

    private SshClient client(SimulatedSwitches lab) {
        SshClient c = SshClient.setUpDefaultClient();
        // Only the host keys the lab wrote are trusted: this checks the known_hosts lines too.
        c.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE,
                lab.writeKnownHosts(dir.resolve("known_hosts"))));
        c.start();
        return c;
    }

    @Test
    void manySwitchesEachOnItsOwnPortWithLongOutputPagedUntilTerminalLengthZero() throws Exception {
        List<SwitchSpec> specs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            specs.add(SwitchSpec.builder("sw-" + i, i % 2 == 0 ? SwitchDialect.CISCO_IOS : SwitchDialect.ARISTA_EOS)
                    .ports(24).build());
        }
        try (SimulatedSwitches lab = SimulatedSwitches.start(specs); SshClient client = client(lab)) {
            assertEquals(12, lab.switches().stream().map(SimulatedSwitch::port).distinct().count());
            assertEquals(12, lab.knownHosts().lines().filter(l -> l.matches("\\[127\\.0\\.0\\.1]:\\d+ ecdsa-sha2-nistp256 \\S+")).count());
            SimulatedSwitch sw = lab.get("sw-4");
            try (Terminal t = new Terminal(client, sw)) {
                t.await("sw-4#");
                t.type("show running-config\n");
                t.await(" --More-- ");
                t.type(" ");
                t.await(" --More-- ");
                t.type("q");
                t.await("sw-4#");
                t.type("terminal length 0\n");
                t.await("terminal length 0\nsw-4#");
                int before = t.text().length();
                t.type("sh run\n");
                String all = t.await("end\nsw-4#").substring(before);
                assertTrue(!all.contains("--More--") && all.contains("interface GigabitEthernet1/0/24"), all);
                t.type("exit\n");
            }
        }
    }

    @Test
    void anInitialConfigurationIsRunningAndSavedAndAReloadDropsWhatWasNotSaved() throws Exception {
        SwitchConfig initial = new SwitchConfig(Set.of(VlanId.of(1), VlanId.of(10)),
                Map.of("Ethernet1", PortState.access("Ethernet1", VlanId.of(10))), Map.of());
        try (SimulatedSwitches lab = SimulatedSwitches.start(SwitchSpec.builder("leaf", SwitchDialect.ARISTA_EOS)
                .initialConfig(initial).build()); SshClient client = client(lab)) {
            SimulatedSwitch sw = lab.get("leaf");
            assertEquals(VlanId.of(10), sw.savedConfig().port("Ethernet1").orElseThrow().accessVlan());
            try (Terminal t = new Terminal(client, sw)) {
                t.await("leaf#");
                t.type("configure\ninterface Et1\nswitchport access vlan 20\nend\n");
                t.await("end\nleaf#");
            }
            assertEquals(VlanId.of(20), sw.runningConfig().port("Ethernet1").orElseThrow().accessVlan());
            sw.reload();
            assertEquals(VlanId.of(10), sw.runningConfig().port("Ethernet1").orElseThrow().accessVlan());
            assertEquals(List.of("configure", "interface Et1", "switchport access vlan 20", "end"), sw.commands());
        }
    }

    @Test
    void aSessionOverTheLimitIsClosedAtOnce() throws Exception {
        try (SimulatedSwitches lab = SimulatedSwitches.start(SwitchSpec.builder("sw", SwitchDialect.CISCO_IOS).build());
             SshClient client = client(lab)) {
            SimulatedSwitch sw = lab.get("sw");
            sw.faults().maxSessions(1);
            try (Terminal first = new Terminal(client, sw)) {
                first.await("sw#");
                assertThrows(IOException.class, () -> new Terminal(client, sw).close());
                assertEquals(1, sw.logins());
            }
        }
    }
}
