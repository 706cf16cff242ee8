package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Serial-over-LAN: the driver's console against bm-testkit's IPMI simulator, over cipher suites 17
 * (which neither ipmi_sim nor pyghmi offers) and 3. Both ends are ours but written apart (the
 * simulator's SOL is also checked with ipmitool), and everything is checked on the simulated
 * machine's console: what it prints arrives whole and in order, what is typed reaches it once.
 */
class SolSimulatorRoundTripTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    SimulatedMachine machine;
    SimulatedIpmi sim;
    final ConsoleReads reads = new ConsoleReads();

    void start() {
        machine = SimulatedMachine.create(MachineSpec.builder("sol-node").consoleCapacity(256 * 1024).build());
        sim = SimulatedIpmi.start(IpmiSpec.defaults(), machine);
    }

    @AfterEach
    void stop() {
        reads.close();
        if (sim != null) {
            sim.close();
        }
        if (machine != null) {
            machine.close();
        }
    }

    BmcClient connect(IpmiOptions options) {
        return IpmiDriverProvider.create(options).connect(BmcEndpoint.builder(sim.uri().toString())
                .credentials(CredentialRef.inline(Credentials.of("admin", "password"))).build(), DriverContext.defaults());
    }

    /** Reads until the text read ends with {@code expected}'s last line, and returns all of it. */
    String readUntil(InputStream in, String expected) throws Exception {
        return reads.until(in, text -> text.length() >= expected.length(), WAIT, text -> text.length() + " of "
                + expected.length() + " characters within " + WAIT + "; first difference at " + firstDifference(expected, text));
    }

    static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Numbered lines, so that a lost, repeated or reordered piece shows where. */
    static String lines(String tag, int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            sb.append(tag).append(" line ").append(i).append(": the quick brown fox jumps over the lazy dog\r\n");
        }
        return sb.toString();
    }

    void type(ConsoleSession console, String text) throws IOException {
        console.output().write(text.getBytes(StandardCharsets.ISO_8859_1));
        console.output().flush();
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void consoleBothWaysThenCloseDeactivatesAndASecondOpenWorks(int suite) throws Exception {
        start();
        IpmiOptions options = IpmiSimulatorRoundTripTest.options(suite).build();
        try (BmcClient bmc = connect(options)) {
            try (ConsoleSession console = bmc.require(SerialConsole.class).open()) {
                await(sim::solActive, "SOL active on the simulator");
                String out = lines("boot", 0, 60);
                machine.console().write(out);
                assertEquals(out, readUntil(console.input(), out));

                type(console, "root\r");
                type(console, "ls -l /\r");
                await(() -> machine.console().inputText().equals("root\rls -l /\r"),
                        "keystrokes typed once, in order; got '" + machine.console().inputText() + "'");
            }
            await(() -> !sim.solActive(), "SOL deactivated on close");
            assertEquals("root\rls -l /\r", machine.console().inputText(), "nothing typed twice");

            try (ConsoleSession again = bmc.require(SerialConsole.class).open()) {
                await(sim::solActive, "SOL active again");
                String out = lines("again", 0, 5);
                machine.console().write(out);
                String seen = readUntil(again.input(), out);
                assertEquals(out, seen, "only what the machine printed since");
                type(again, "exit\r");
                await(() -> machine.console().inputText().endsWith("exit\r"), "keystrokes of the second console");
            }
            await(() -> !sim.solActive(), "SOL deactivated again");
            assertEquals(2, ((IpmiClient) bmc).sharedSession().console().activations());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void consoleArrivesWholeAndInOrderWithFivePercentLossBothWays(int suite) throws Exception {
        start();
        sim.faults().packetLoss(0.05, Long.getLong("bm.test.lossSeed", 7) + suite);
        IpmiOptions options = IpmiSimulatorRoundTripTest.options(suite).responseTimeout(Duration.ofMillis(100)).retransmissions(8).build();
        try (BmcClient bmc = connect(options); ConsoleSession console = bmc.require(SerialConsole.class).open()) {
            await(sim::solActive, "SOL active on the simulator");
            // 40 bursts, the way a console prints, and one long dump at the end
            StringBuilder all = new StringBuilder();
            for (int burst = 0; burst < 40; burst++) {
                String text = lines("burst " + burst, 0, 3);
                machine.console().write(text);
                all.append(text);
                Thread.sleep(20);
            }
            String dump = lines("dump", 0, 200);
            machine.console().write(dump);
            all.append(dump);
            String expected = all.toString();
            assertEquals(expected, readUntil(console.input(), expected));

            StringBuilder typed = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                String k = "cmd " + i + "\r";
                type(console, k);
                typed.append(k);
            }
            String want = typed.toString();
            await(() -> machine.console().inputText().equals(want),
                    "keystrokes typed once, in order, through the loss; got '" + machine.console().inputText() + "'");
        }
        assertTrue(sim.faults().lostDatagrams() > 0, "the simulator lost " + sim.faults().lostDatagrams() + " datagrams");
        await(() -> !sim.solActive(), "SOL deactivated on close");
    }
}
