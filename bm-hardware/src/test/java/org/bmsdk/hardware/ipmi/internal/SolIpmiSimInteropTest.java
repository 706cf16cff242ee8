package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiConsoleSession;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.IpmiPrivilege;
import org.bmsdk.hardware.ipmi.peers.FakeSerialConsole;
import org.bmsdk.hardware.ipmi.peers.IpmiSim;
import org.bmsdk.hardware.ipmi.peers.LossyUdpRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serial-over-LAN against OpenIPMI's ipmi_sim, whose SOL connects to a {@link FakeSerialConsole}
 * standing in for the machine's serial port: what the machine prints arrives on the console
 * session's input, keystrokes reach the serial line, close deactivates, a stale activation of ours
 * is cleared, another session's is not.
 */
@Tag("interop")
class SolIpmiSimInteropTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    IpmiSim sim;
    final ConsoleReads reads = new ConsoleReads();

    @BeforeEach
    void start() throws Exception {
        sim = IpmiSim.start(dir, null, true);
    }

    @AfterEach
    void stop() {
        reads.close();
        if (sim != null) {
            sim.close();
        }
    }

    static IpmiOptions.Builder options() {
        return IpmiSimInteropTest.options();
    }

    BmcClient connect(IpmiOptions options, String uri, String user, String password) {
        return IpmiDriverProvider.create(options).connect(BmcEndpoint.builder(uri)
                .credentials(CredentialRef.inline(Credentials.of(user, password))).build(), DriverContext.defaults());
    }

    BmcClient admin(IpmiOptions options) {
        return connect(options, sim.uri(), IpmiSim.ADMIN, sim.password());
    }

    /** Reads until the text has arrived, and returns everything read. */
    String readUntil(InputStream in, String expected) throws Exception {
        return readUntil(in, expected, WAIT);
    }

    String readUntil(InputStream in, String expected, Duration wait) throws Exception {
        return reads.until(in, expected, wait, text -> text.length() + " characters arrived, ending: "
                + text.substring(Math.max(0, text.length() - 200)));
    }

    void awaitReceived(FakeSerialConsole console, byte[] expected) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!contains(console.received(), expected) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(contains(console.received(), expected), "the serial line got: " + new String(console.received(),
                StandardCharsets.ISO_8859_1));
    }

    static boolean contains(byte[] hay, byte[] needle) {
        return new String(hay, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void outputArrivesKeystrokesReachTheSerialLineAndBreakIsSent() throws Exception {
        try (BmcClient bmc = admin(options().build()); ConsoleSession console = bmc.require(SerialConsole.class).open()) {
            sim.console().print(ascii("BIOS v1.0 booting...\r\n"));
            readUntil(console.input(), "BIOS v1.0 booting...\r\n");
            console.output().write(ascii("root\r"));
            console.output().flush();
            awaitReceived(sim.console(), ascii("root\r"));
            String echoed = readUntil(console.input(), "root" + FakeSerialConsole.PROMPT);
            assertFalse(echoed.contains("BIOS"), "output read once is not delivered again: " + echoed);
            IpmiConsoleSession ipmi = assertInstanceOf(IpmiConsoleSession.class, console);
            ipmi.sendBreak();
            // ipmi_sim passes a BREAK to a TCP console as telnet IAC BREAK, written out with the next keystrokes
            console.output().write(ascii("\r"));
            awaitReceived(sim.console(), new byte[] {(byte) 0xFF, (byte) 0xF3});
        }
    }

    @Test
    void opensShareOnePayloadEachSeesOutputFromThenOnAndCloseDeactivates() throws Exception {
        try (BmcClient bmc = admin(options().build())) {
            SolConsole shared = ((IpmiClient) bmc).sharedSession().console();
            ConsoleSession first = bmc.require(SerialConsole.class).open();
            sim.console().print(ascii("one\r\n"));
            readUntil(first.input(), "one\r\n");
            try (BmcClient other = admin(options().build()); ConsoleSession second = other.require(SerialConsole.class).open()) {
                assertEquals(1, shared.activations(), "both share one payload");
                assertEquals(2, shared.readers());
                sim.console().print(ascii("two\r\n"));
                readUntil(first.input(), "two\r\n");
                String seen = readUntil(second.input(), "two\r\n");
                assertFalse(seen.contains("one"), "a reader sees the output from its opening on: " + seen);
                first.close();
                assertEquals(-1, first.input().read(), "a closed session's input ends");
                sim.console().print(ascii("three\r\n"));
                readUntil(second.input(), "three\r\n");
            }
            assertEquals(0, shared.readers());
            // closed and deactivated: someone else (another user, another session) can activate it now
            try (BmcClient operator = connect(options().privilege(IpmiPrivilege.OPERATOR).build(), sim.uri(), IpmiSim.OPERATOR,
                    sim.operatorPassword()); ConsoleSession again = operator.require(SerialConsole.class).open()) {
                sim.console().print(ascii("four\r\n"));
                readUntil(again.input(), "four\r\n");
            }
            try (ConsoleSession reopened = bmc.require(SerialConsole.class).open()) {
                sim.console().print(ascii("five\r\n"));
                readUntil(reopened.input(), "five\r\n");
                assertEquals(2, shared.activations());
            }
        }
    }

    @Test
    void anotherSessionsConsoleIsLeftAloneUnlessTakenOver() throws Exception {
        try (BmcClient operator = connect(options().privilege(IpmiPrivilege.OPERATOR).build(), sim.uri(), IpmiSim.OPERATOR,
                sim.operatorPassword()); ConsoleSession theirs = operator.require(SerialConsole.class).open()) {
            try (BmcClient bmc = admin(options().build())) {
                ConflictException e = assertThrows(ConflictException.class, () -> bmc.require(SerialConsole.class).open());
                assertTrue(e.getMessage().contains("another session"), e.getMessage());
            }
            sim.console().print(ascii("still theirs\r\n"));
            readUntil(theirs.input(), "still theirs\r\n");
            try (BmcClient bmc = admin(options().consoleTakeover(true).build()); ConsoleSession mine = bmc.require(SerialConsole.class).open()) {
                sim.console().print(ascii("now mine\r\n"));
                readUntil(mine.input(), "now mine\r\n");
                assertEquals(1, ((IpmiClient) bmc).sharedSession().console().staleCleared());
                // the other console notices when the BMC stops answering its keystrokes, and ends
                theirs.output().write(ascii("anyone there?"));
                Future<Integer> end = reads.submit(() -> {
                    byte[] buf = new byte[256];
                    while (theirs.input().read(buf) >= 0) {
                        // output from before the takeover
                    }
                    return -1;
                });
                assertEquals(-1, end.get(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aDroppedSessionIsReplacedAndItsStaleActivationCleared() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(sim.port(), 0, 1)) {
            IpmiOptions options = options().responseTimeout(Duration.ofMillis(200)).retransmissions(2)
                    .keepAliveInterval(Duration.ofSeconds(1)).build();
            try (BmcClient bmc = connect(options, "ipmi://127.0.0.1:" + relay.port(), IpmiSim.ADMIN, sim.password());
                    ConsoleSession console = bmc.require(SerialConsole.class).open()) {
                SolConsole shared = ((IpmiClient) bmc).sharedSession().console();
                sim.console().print(ascii("before\r\n"));
                readUntil(console.input(), "before\r\n");
                IpmiSession first = ((IpmiClient) bmc).sharedSession().current();
                relay.setLoss(1.0);
                console.output().write(ascii("x"));
                SolLinkCut.awaitBrokenAndASetupLost(first, relay, WAIT);
                relay.setLoss(0);
                SolLinkCut.awaitReactivated(shared, WAIT.multipliedBy(2));
                assertEquals(1, shared.staleCleared(), "the activation left on the dropped session was ours and cleared");
                sim.console().print(ascii("after\r\n"));
                readUntil(console.input(), "after\r\n");
                awaitReceived(sim.console(), ascii("x"));
            }
        }
    }

    @Test
    void consoleTextArrivesCompleteAndInOrderThroughFivePercentLoss() throws Exception {
        try (LossyUdpRelay relay = new LossyUdpRelay(sim.port(), 0.05, Long.getLong("bm.test.lossSeed", 42))) {
            IpmiOptions options = options().responseTimeout(Duration.ofMillis(150)).retransmissions(8).build();
            StringBuilder typed = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                typed.append("echo keystroke-").append(i).append(';');
            }
            try (BmcClient bmc = connect(options, "ipmi://127.0.0.1:" + relay.port(), IpmiSim.ADMIN, sim.password());
                    ConsoleSession console = bmc.require(SerialConsole.class).open()) {
                // A booting machine prints in bursts. ipmi_sim counts its retransmissions per burst (after 4 in one
                // burst it drops everything buffered) and stops reading a console that filled its 16 KiB, so bursts
                // of a few packets: that is ipmi_sim's limit, not the driver's.
                StringBuilder shown = new StringBuilder();
                StringBuilder printed = new StringBuilder();
                for (int burst = 0; burst < 40; burst++) {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < 10; i++) {
                        text.append(String.format("line %04d of the kernel's boot messages%n", burst * 10 + i));
                    }
                    printed.append(text);
                    sim.console().print(ascii(text.toString()));
                    shown.append(readUntil(console.input(), String.format("line %04d of the kernel's boot messages%n", burst * 10 + 9),
                            Duration.ofSeconds(30)));
                }
                assertEquals(printed.toString(), shown.toString(), "complete and in order, nothing twice");
                console.output().write(ascii(typed.toString()));
                long end = System.nanoTime() + WAIT.toNanos() * 2;
                while (sim.console().received().length < typed.length() && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertArrayEquals(ascii(typed.toString()), sim.console().received(), "keystrokes once each, in order");
            }
            assertTrue(relay.dropped() > 0, "the relay lost " + relay.dropped() + " of " + (relay.dropped() + relay.forwarded()));
        }
    }

    /**
     * ipmi_sim times a session out about 30 s after its last command, SOL traffic or not: an open
     * console keeps its session alive (without keep-alives this console goes silent).
     */
    @Test
    void aConsoleStaysUpLongerThanTheBmcsSessionTimeout() throws Exception {
        try (BmcClient bmc = admin(options().build()); ConsoleSession console = bmc.require(SerialConsole.class).open()) {
            sim.console().print(ascii("first\r\n"));
            readUntil(console.input(), "first\r\n");
            Thread.sleep(40_000);
            sim.console().print(ascii("forty seconds later\r\n"));
            readUntil(console.input(), "forty seconds later\r\n");
            assertEquals(1, ((IpmiClient) bmc).sharedSession().console().activations(), "in the first session still");
        }
    }

    @Test
    void keepsABoundedConsoleLog() throws Exception {
        Path logs = dir.resolve("logs");
        try (BmcClient bmc = admin(options().consoleLog(logs, 1000).build());
                ConsoleSession console = bmc.require(SerialConsole.class).open()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 120; i++) {
                text.append(String.format("log line %03d%n", i));
            }
            sim.console().print(ascii(text.toString()));
            readUntil(console.input(), "log line 119\n");
        }
        Path log = logs.resolve("127.0.0.1_" + sim.port() + ".log");
        Path rotated = logs.resolve("127.0.0.1_" + sim.port() + ".log.1");
        assertTrue(Files.size(log) <= 1000 && Files.size(rotated) <= 1000, Files.size(log) + " and " + Files.size(rotated));
        String kept = Files.readString(rotated) + Files.readString(log);
        assertTrue(kept.endsWith("log line 119\n"), kept);
        assertTrue(kept.length() >= 1000, "at least the cap's worth is kept: " + kept.length());
    }
}
