package org.bmsdk.hardware.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.testkit.console.SimulatedVendorConsole;
import org.bmsdk.testkit.console.VendorConsoleFlavor;
import org.bmsdk.testkit.console.VendorConsoleSpec;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SSH console driver against bm-testkit's simulated iDRAC and iLO CLIs: the console connected
 * by the vendor's command, output and keystrokes both ways, the escape on close, and the refusals
 * (unknown host key, wrong password, a console the BMC does not connect).
 */
class SshConsoleTest {

    @TempDir
    Path dir;
    SimulatedMachine machine;
    SimulatedVendorConsole bmc;
    SshConsole console;

    void start(VendorConsoleFlavor flavor) {
        machine = SimulatedMachine.create(MachineSpec.builder("ssh-node").build());
        bmc = SimulatedVendorConsole.start(VendorConsoleSpec.builder().flavor(flavor)
                .credentials("root", Secret.of("calvin")).build(), machine);
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
        if (bmc != null) {
            bmc.close();
        }
        if (machine != null) {
            machine.close();
        }
    }

    static ConsoleDialect dialect(VendorConsoleFlavor flavor) {
        return ConsoleDialect.of(flavor.id()).orElseThrow();
    }

    SshOptions ssh(String password, boolean trusted) throws Exception {
        Path known = dir.resolve("known_hosts");
        Files.writeString(known, trusted ? bmc.knownHostsLine() + "\n" : "");
        return SshOptions.builder().host(bmc.host()).port(bmc.port()).username("root").password(Secret.of(password))
                .knownHosts(known).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @ParameterizedTest
    @EnumSource(VendorConsoleFlavor.class)
    void streamsTheMachinesConsoleBothWaysAndEscapesOnClose(VendorConsoleFlavor flavor) throws Exception {
        start(flavor);
        console = SshConsole.builder(ssh("calvin", true), dialect(flavor)).promptTimeout(Duration.ofSeconds(10)).build();
        try (ConsoleSession s = console.open(); ConsoleText seen = new ConsoleText(s.input())) {
            ConsoleText.await(() -> bmc.connectedConsoles() == 1, "the BMC connected the console");
            machine.console().write("Debian GNU/Linux 12 ssh-node ttyS0\r\n\r\nssh-node login: ");
            String text = seen.awaitContains("ssh-node login: ");
            // the CLI conversation stays out of the console's stream: it starts with the machine's output
            assertTrue(text.startsWith("Debian GNU/Linux 12"), text);
            s.output().write("root\r".getBytes(StandardCharsets.US_ASCII));
            ConsoleText.await(() -> machine.console().inputText().contains("root\r"), "the keystrokes reached the machine");
        }
        ConsoleText.await(() -> bmc.connectedConsoles() == 0, "the escape released the BMC's console");
        assertEquals(List.of(flavor == VendorConsoleFlavor.IDRAC ? "console com2" : "vsp"), bmc.commands());
        String typed = machine.console().inputText();
        assertFalse(typed.contains("\u001c") || typed.contains("\u001b("), "the escape reached the machine: " + typed);
    }

    @Test
    void severalSessionsEachSeeTheOutput() throws Exception {
        start(VendorConsoleFlavor.ILO);
        console = SshConsole.builder(ssh("calvin", true), ConsoleDialect.ILO).build();
        try (ConsoleSession a = console.open(); ConsoleSession b = console.open();
                ConsoleText ta = new ConsoleText(a.input()); ConsoleText tb = new ConsoleText(b.input())) {
            ConsoleText.await(() -> bmc.connectedConsoles() == 2, "two consoles connected");
            machine.console().write("Kernel panic - not syncing: NMI\r\n");
            ta.awaitContains("Kernel panic");
            tb.awaitContains("Kernel panic");
        }
        assertEquals(2, bmc.logins());
    }

    @Test
    void rejectsAnUnknownHostKey() throws Exception {
        start(VendorConsoleFlavor.IDRAC);
        console = SshConsole.builder(ssh("calvin", false), ConsoleDialect.IDRAC).build();
        assertThrows(AuthenticationException.class, console::open);
        assertEquals(0, bmc.logins());
    }

    @Test
    void aRefusedLoginIsAnAuthenticationErrorWithoutThePassword() throws Exception {
        start(VendorConsoleFlavor.IDRAC);
        console = SshConsole.builder(ssh("wrong-password", true), ConsoleDialect.IDRAC).build();
        AuthenticationException e = assertThrows(AuthenticationException.class, console::open);
        assertFalse(e.getMessage().contains("wrong-password"), e.getMessage());
    }

    @Test
    void aConsoleTheBmcDoesNotConnectIsADeviceErrorWithItsLine() throws Exception {
        start(VendorConsoleFlavor.IDRAC);
        ConsoleDialect com9 = new ConsoleDialect("idrac", ConsoleDialect.IDRAC.prompt(), "console com9",
                ConsoleDialect.IDRAC.connected(), ConsoleDialect.IDRAC.refused(), ConsoleDialect.IDRAC.escape());
        console = SshConsole.builder(ssh("calvin", true), com9).promptTimeout(Duration.ofSeconds(10)).build();
        DeviceException e = assertThrows(DeviceException.class, console::open);
        assertTrue(e.getMessage().contains("ERROR: Invalid subcommand"), e.getMessage());
        assertEquals(0, bmc.connectedConsoles());
    }
}
