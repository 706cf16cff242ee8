package org.bmsdk.hardware.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.testkit.console.SimulatedVendorConsole;
import org.bmsdk.testkit.console.VendorConsoleFlavor;
import org.bmsdk.testkit.console.VendorConsoleSpec;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console log kept per node, fed by one device session over the SSH console and over IPMI SOL:
 * several readers at once, a reader that never reads holding up no one, the bound and the dropped
 * count, and the session reopened when the BMC drops it.
 */
class KeptConsoleTest {

    @TempDir
    Path dir;
    SimulatedMachine machine;
    SimulatedVendorConsole idrac;
    SimulatedIpmi ipmi;
    BmcClient bmc;
    SshConsole ssh;
    KeptConsole kept;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {kept, ssh, bmc, idrac, ipmi, machine}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort
                }
            }
        }
    }

    SshConsole sshConsole() throws Exception {
        machine = SimulatedMachine.create(MachineSpec.builder("kept-node").build());
        idrac = SimulatedVendorConsole.start(VendorConsoleSpec.builder().flavor(VendorConsoleFlavor.IDRAC).build(), machine);
        Path known = dir.resolve("known_hosts");
        Files.writeString(known, idrac.knownHostsLine() + "\n");
        ssh = SshConsole.builder(SshOptions.builder().host(idrac.host()).port(idrac.port()).username("root")
                .password(Secret.of("calvin")).knownHosts(known).build(), ConsoleDialect.IDRAC).build();
        return ssh;
    }

    @Test
    void readersShareOneDeviceSessionAndASlowOneHoldsUpNoOne() throws Exception {
        kept = KeptConsole.builder(sshConsole()).name("kept-node").capacity(4096).reconnectDelay(Duration.ofMillis(50)).start();
        ConsoleText.await(() -> idrac.connectedConsoles() == 1, "the kept console connected");
        ConsoleReader slow = kept.reader(); // never read until the end
        try (ConsoleReader fast = kept.reader(); ConsoleText seen = new ConsoleText(fast)) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                String line = "boot line " + i + ": the quick brown fox jumps over the lazy dog\r\n";
                all.append(line);
                machine.console().write(line);
                // a fast reader stays within the capacity; the slow one falls far behind meanwhile
                seen.awaitContains(line);
            }
            machine.console().write("END\r\n");
            all.append("END\r\n");
            seen.awaitContains("END\r\n");
            // the reader that kept up saw every byte, in order
            assertEquals(all.toString(), seen.text());
            assertEquals(1, idrac.connectedConsoles(), "one device session, whatever the readers");
            long written = all.length();
            ConsoleText.await(() -> kept.written() == written, "the log took everything");
            assertEquals(written - 4096, kept.dropped());
            assertEquals(4096, kept.bytes().length);
            assertTrue(all.toString().endsWith(kept.text()), "the log keeps a suffix of the output");
            // the slow reader starts reading now: it gets the suffix kept, and is told how much it missed
            byte[] rest = new byte[8192];
            int n = slow.read(rest);
            assertEquals(written - 4096, slow.skipped());
            assertEquals(kept.text(), new String(rest, 0, n, StandardCharsets.ISO_8859_1));
        } finally {
            slow.close();
        }
    }

    @Test
    void reopensTheSessionWhenTheBmcDropsIt() throws Exception {
        kept = KeptConsole.builder(sshConsole()).name("kept-node").reconnectDelay(Duration.ofMillis(50)).start();
        try (ConsoleSession viewer = kept.open(); ConsoleText seen = new ConsoleText(viewer.input())) {
            ConsoleText.await(() -> idrac.connectedConsoles() == 1, "connected");
            machine.console().write("before the drop\r\n");
            seen.awaitContains("before the drop");
            idrac.dropSessions();
            ConsoleText.await(() -> kept.sessionsOpened() == 2 && kept.connected() && idrac.connectedConsoles() == 1,
                    "reconnected, now " + kept);
            machine.console().write("after the drop\r\n");
            seen.awaitContains("after the drop");
            // keystrokes of a viewer reach the machine through the new session
            viewer.output().write("x".getBytes(StandardCharsets.US_ASCII));
            ConsoleText.await(() -> machine.console().inputText().contains("x"), "typed through the kept console");
        }
    }

    @Test
    void keepsTheLogOverIpmiSerialOverLanToo() throws Exception {
        machine = SimulatedMachine.create(MachineSpec.builder("sol-kept").postTime(Duration.ofMillis(50)).build());
        ipmi = SimulatedIpmi.start(IpmiSpec.defaults(), machine);
        bmc = IpmiDriverProvider.create(IpmiOptions.defaults()).connect(BmcEndpoint.builder(ipmi.uri().toString())
                .credentials(CredentialRef.inline(Credentials.of("admin", "password"))).build(), DriverContext.defaults());
        machine.powerOn();
        kept = KeptConsole.builder(bmc.require(SerialConsole.class)).name("sol-kept").reconnectDelay(Duration.ofMillis(50))
                .start();
        ConsoleText.await(kept::connected, "SOL activated");
        try (ConsoleReader a = kept.reader(); ConsoleReader b = kept.reader();
                ConsoleText ta = new ConsoleText(a); ConsoleText tb = new ConsoleText(b)) {
            machine.console().write("over SOL to two readers\r\n");
            ta.awaitContains("over SOL to two readers");
            tb.awaitContains("over SOL to two readers");
        }
        assertTrue(kept.text().contains("over SOL to two readers"), kept.text());
    }
}
