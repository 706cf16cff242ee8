package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.peers.LossyUdpRelay;
import org.bmsdk.hardware.ipmi.peers.PyghmiBmc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serial-over-LAN against a pyghmi BMC (VirtualBMC's base), whose console echoes keystrokes and
 * answers a line with a login prompt, and which activates SOL only while the machine is on.
 */
@Tag("interop")
class SolPyghmiInteropTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final String PROMPT = "\r\nfake-node login: ";

    @TempDir
    Path dir;
    PyghmiBmc bmc;
    final ConsoleReads reads = new ConsoleReads();

    @AfterEach
    void stop() {
        reads.close();
        if (bmc != null) {
            bmc.close();
        }
    }

    BmcClient connect(String uri, IpmiOptions options) {
        return IpmiDriverProvider.create(options).connect(BmcEndpoint.builder(uri)
                .credentials(CredentialRef.inline(Credentials.of(PyghmiBmc.USER, bmc.password()))).build(), DriverContext.defaults());
    }

    String readUntil(InputStream in, String expected) throws Exception {
        return readUntil(in, expected, WAIT);
    }

    String readUntil(InputStream in, String expected, Duration wait) throws Exception {
        return reads.until(in, expected, wait, text -> "got '" + text + "'; the BMC printed: " + printed());
    }

    private String printed() {
        try {
            return bmc.output();
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** What the BMC's console received, from its recorded calls. */
    String typed() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (JsonNode call : bmc.calls()) {
            if (call.get("op").asText().equals("sol_input")) {
                sb.append(call.get("data").asText());
            }
        }
        return sb.toString();
    }

    void type(ConsoleSession console, String text) throws Exception {
        console.output().write(text.getBytes(StandardCharsets.ISO_8859_1));
        console.output().flush();
    }

    @Test
    void keystrokesReachTheConsoleItsAnswerComesBackAndCloseDeactivates() throws Exception {
        bmc = PyghmiBmc.start(dir, true);
        try (BmcClient client = connect(bmc.uri(), IpmiOptions.defaults())) {
            assertTrue(client.whyUnavailable(SerialConsole.class).isEmpty());
            try (ConsoleSession console = client.require(SerialConsole.class).open()) {
                type(console, "root\r");
                readUntil(console.input(), "root" + PROMPT);
                assertEquals("root\r", typed());
            }
            // deactivated on close: a new activation works
            try (ConsoleSession again = client.require(SerialConsole.class).open()) {
                type(again, "admin\r");
                String seen = readUntil(again.input(), "admin" + PROMPT);
                assertFalse(seen.contains("root"), seen);
            }
            assertEquals(2, ((IpmiClient) client).sharedSession().console().activations());
        }
        assertFalse(bmc.output().contains("Traceback"), bmc.output());
    }

    @Test
    void isRefusedWhileTheMachineIsOff() throws Exception {
        bmc = PyghmiBmc.start(dir, false);
        try (BmcClient client = connect(bmc.uri(), IpmiOptions.defaults())) {
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> client.require(SerialConsole.class).open());
            assertEquals(UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE, e.reason());
            assertTrue(e.getMessage().contains("off"), e.getMessage());
        }
    }

    @Test
    void aStaleActivationOfOursIsClearedAfterTheSessionDrops() throws Exception {
        bmc = PyghmiBmc.start(dir, true);
        try (LossyUdpRelay relay = new LossyUdpRelay(bmc.port(), 0, 1)) {
            IpmiOptions options = IpmiOptions.builder().responseTimeout(Duration.ofMillis(200)).retransmissions(2)
                    .keepAliveInterval(Duration.ofSeconds(1)).build();
            try (BmcClient client = connect("ipmi://127.0.0.1:" + relay.port(), options);
                    ConsoleSession console = client.require(SerialConsole.class).open()) {
                SolConsole shared = ((IpmiClient) client).sharedSession().console();
                type(console, "one\r");
                readUntil(console.input(), "one" + PROMPT);
                IpmiSession first = ((IpmiClient) client).sharedSession().current();
                relay.setLoss(1.0);
                SolLinkCut.awaitBrokenAndASetupLost(first, relay, WAIT);
                relay.setLoss(0);
                SolLinkCut.awaitReactivated(shared, WAIT.multipliedBy(2));
                // pyghmi keeps SOL active for a session that vanished and does not say whose it is:
                // the driver knows it left one behind on this BMC
                assertEquals(1, shared.staleCleared());
                type(console, "two\r");
                // pyghmi's console of the dropped session retries its last packet for a while, which slows it down
                readUntil(console.input(), "two" + PROMPT, Duration.ofSeconds(40));
            }
        }
    }
}
