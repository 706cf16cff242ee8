package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bmsdk.api.credentials.Secret;
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

/** {@code bmctl console --endpoint ssh+idrac://…|ssh+ilo://…} against bm-testkit's simulated vendor consoles. */
class ConsoleSshTest {

    @TempDir
    Path dir;
    SimulatedMachine machine;
    SimulatedVendorConsole bmc;
    Path knownHosts;

    @AfterEach
    void stop() {
        ConsoleCommand.stdin = () -> System.in;
        ConsoleCommand.terminal = () -> System.console() != null;
        if (bmc != null) {
            bmc.close();
        }
        if (machine != null) {
            machine.close();
        }
    }

    void start(VendorConsoleFlavor flavor) throws Exception {
        machine = SimulatedMachine.create(MachineSpec.builder("cli-node").build());
        bmc = SimulatedVendorConsole.start(VendorConsoleSpec.builder().flavor(flavor)
                .credentials("admin", Secret.of("lab-password")).build(), machine);
        knownHosts = Files.writeString(dir.resolve("known_hosts"), bmc.knownHostsLine() + "\n");
    }

    static Map<String, String> env() {
        return Map.of("BMCTL_USERNAME", "admin", "BMCTL_PASSWORD", "lab-password");
    }

    @ParameterizedTest
    @EnumSource(VendorConsoleFlavor.class)
    void interactiveTypesIntoTheMachineAndShowsItsAnswer(VendorConsoleFlavor flavor) throws Exception {
        start(flavor);
        // the machine answers the keystrokes, as a getty would
        machine.console().subscribeInput(b -> machine.console().write("\r\ncli-node login: "));
        ConsoleCommand.stdin = () -> ConsoleCommandTest.typing("root\r", 1500, "~.never sent\r");
        Run r = Run.of(env(), "console", "--endpoint", bmc.endpoint(), "--known-hosts", knownHosts.toString(), "--interactive");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("cli-node login: "), r.out());
        assertTrue(r.err().contains("connected to " + bmc.endpoint()), r.err());
        assertEquals("root\r", machine.console().inputText(), "only the keystrokes before ~. reached the machine");
        assertEquals(1, bmc.logins());
    }

    @Test
    void anUnknownHostKeyIsRefused() throws Exception {
        start(VendorConsoleFlavor.IDRAC);
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        Run r = Run.of(env(), "console", "--endpoint", bmc.endpoint(), "--known-hosts", empty.toString(), "--for", "1s");
        assertEquals(1, r.status(), r.toString());
        assertEquals(0, bmc.logins());
        assertFalse(r.err().contains("lab-password"), r.err());
    }

    @Test
    void anUnknownVendorIsBadUsage() throws Exception {
        Run r = Run.of(env(), "console", "--endpoint", "ssh+supermicro://127.0.0.1:22", "--for", "1s");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("ssh+idrac, ssh+ilo"), r.err());
    }
}
