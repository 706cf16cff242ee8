package org.bmsdk.testkit.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.ipmi.IpmiPrivilege;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.IpmiUser;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine without sockets: session setup, limits, privileges, retransmissions, timeouts, SOL. */
class EngineTest {

    final ManualClock clock = ManualClock.create();
    final SimulatedMachine machine = SimulatedMachine.create(MachineSpec.builder("eng").build(), clock);
    final MemoryTransport transport = new MemoryTransport();
    final BmcEngine engine = new BmcEngine(IpmiSpec.builder().clock(clock)
            .users(IpmiUser.of("admin", "password", IpmiPrivilege.ADMINISTRATOR), IpmiUser.of("oper", "operpass", IpmiPrivilege.OPERATOR))
            .build(), machine, transport);
    int port = 40000;

    TestConsole console() {
        return new TestConsole(engine, transport, port++);
    }

    @AfterEach
    void close() {
        engine.close();
        machine.close();
        assertEquals(0, engine.failures(), "the engine never fails on input");
    }

    @Test
    void refusesSuiteZeroAndMissingAlgorithmsLikeAHardenedBmc() {
        TestConsole c = console();
        assertEquals(0x04, c.open(0x00, 0x00, 0x00, 0)); // suite 0: RAKP-none
        assertEquals(0x05, c.open(0x01, 0x00, 0x01, 0)); // no integrity
        assertEquals(0x10, c.open(0x01, 0x01, 0x00, 0)); // no confidentiality
        assertEquals(0x11, c.open(0x01, 0x04, 0x01, 0)); // SHA-1 auth with SHA-256 integrity: no such suite
        assertEquals(0, engine.sessionCount());
        IpmiSpec only17 = IpmiSpec.builder().cipherSuites(17).clock(clock).build();
        BmcEngine e = new BmcEngine(only17, machine, transport);
        assertEquals(0x11, new TestConsole(e, transport, 1).open(Suite.SUITE_3, 0));
    }

    @Test
    void opensSessionsOverBothSuitesUntilTheSlotsRunOut() {
        for (int i = 0; i < 4; i++) {
            console().login(i % 2 == 0 ? Suite.SUITE_17 : Suite.SUITE_3, "admin", "password");
        }
        assertEquals(4, engine.activeSessionCount());
        assertEquals(0x01, console().open(Suite.SUITE_17, 0), "insufficient resources");
    }

    @Test
    void looksUsersUpByNameOnlyOrByNameAndRole() {
        TestConsole c = console();
        assertEquals(0, c.open(Suite.SUITE_17, 0));
        assertEquals(0x0A, c.rakp1("oper", 0x04), "an operator asking for ADMINISTRATOR, as ipmitool does by default");
        assertEquals(0, c.open(Suite.SUITE_17, 0));
        assertEquals(0x0A, c.rakp1("oper", 0x14), "the same with name-only lookup");
        assertEquals(0, c.open(Suite.SUITE_17, 0));
        assertEquals(0x0D, c.rakp1("nobody", 0x14));
        assertEquals(0, c.open(Suite.SUITE_17, 0));
        assertEquals(0x0D, c.rakp1("", 0x14), "no null user");
        assertEquals(0, c.open(Suite.SUITE_17, 0));
        assertEquals(0, c.rakp1("oper", 0x03));
        assertEquals(0, c.rakp3("operpass"));
        assertEquals(1, engine.sessionCount(), "failed RAKP 1s freed their slots");
        TestConsole.Reply r = c.command(0x00, 0x02, 0x01);
        assertEquals(0xD4, r.completion(), "a session starts at User level");
        assertEquals(0x81, c.command(0x06, 0x3B, 4).completion(), "above the operator's limit");
        assertEquals(0, c.command(0x06, 0x3B, 3).completion());
        assertEquals(0, c.command(0x00, 0x02, 0x01).completion());
        assertEquals(PowerState.ON, machine.powerState());
        assertEquals(0xD4, c.command(0x0C, 0x21, 0x0E, 0x01, 0x00).completion(), "SOL configuration needs ADMINISTRATOR");
    }

    @Test
    void aWrongPasswordFailsRakpAndFreesTheSlot() {
        TestConsole c = console();
        assertEquals(0, c.open(Suite.SUITE_3, 0));
        assertEquals(0, c.rakp1("admin", 0x14));
        assertEquals(0x0F, c.rakp3("guess"));
        assertEquals(0, engine.sessionCount());
    }

    @Test
    void theWrongKeyFaultMakesRakp2UnverifiableAndRefuseLoginsSaysUnauthorizedName() {
        engine.faults().wrongKey(true);
        TestConsole c = console();
        assertEquals(0, c.open(Suite.SUITE_17, 0));
        assertEquals(0, c.rakp1("admin", 0x14));
        List<byte[]> again = c.exchange(rakp1Again(c));
        byte[] rakp2 = Wire.parse(again.get(0), again.get(0).length).payload();
        assertFalse(c.rakp2Valid("password", java.util.Arrays.copyOfRange(rakp2, 40, rakp2.length)));
        assertEquals(0x0F, c.rakp3("password"));
        engine.faults().clear();
        engine.faults().refuseLogins(true);
        assertEquals(0, c.open(Suite.SUITE_17, 0));
        assertEquals(0x0D, c.rakp1("admin", 0x14));
    }

    /** The last RAKP 1 again, as a retransmission: the engine answers it with the same RAKP 2. */
    private static byte[] rakp1Again(TestConsole c) {
        byte[] p = new byte[28 + c.user.length];
        p[0] = (byte) c.tag;
        Wire.putU32(p, 4, c.bmcId);
        System.arraycopy(c.rm, 0, p, 8, 16);
        p[24] = (byte) c.role;
        p[27] = (byte) c.user.length;
        System.arraycopy(c.user, 0, p, 28, c.user.length);
        return Wire.build(null, Wire.PAYLOAD_RAKP1, 0, 0, p);
    }

    @Test
    void answersPresessionQueriesInTheFormatAsked() {
        TestConsole c = console();
        byte[] v15 = Wire.buildV15(new Wire.Request(0x06, 0, 0x81, 1, 0, 0x38, Wire.bytes(0x8E, 0x04)).encode());
        List<byte[]> r = c.exchange(v15);
        assertEquals(1, r.size());
        assertEquals(0x00, r.get(0)[4], "answered with an IPMI v1.5 header");
        byte[] m = Wire.parse(r.get(0), r.get(0).length).payload();
        assertEquals(0, m[6]);
        assertEquals((byte) 0x80, m[8], "IPMI v2.0 extended data, no v1.5 authentication type");
        assertEquals(0x02, m[10], "IPMI v2.0 supported");
        byte[] suites = Wire.build(null, 0, 0, 0, new Wire.Request(0x06, 0, 0x81, 2, 0, 0x54, Wire.bytes(0x0E, 0x00, 0x80)).encode());
        r = c.exchange(suites);
        m = Wire.parse(r.get(0), r.get(0).length).payload();
        assertArrayEquals(Wire.bytes(0x01, 0xC0, 17, 0x03, 0x44, 0x81, 0xC0, 3, 0x01, 0x41, 0x81), java.util.Arrays.copyOfRange(m, 7, m.length - 1));
        byte[] chassis = Wire.build(null, 0, 0, 0, new Wire.Request(0x00, 0, 0x81, 3, 0, 0x02, Wire.bytes(1)).encode());
        assertTrue(c.exchange(chassis).isEmpty(), "nothing else outside a session");
        assertEquals(PowerState.OFF, machine.powerState());
        byte[] ping = {0x06, 0x00, (byte) 0xFF, 0x06, 0x00, 0x00, 0x11, (byte) 0xBE, (byte) 0x80, 0x33, 0x00, 0x00};
        byte[] pong = c.exchange(ping).get(0);
        assertEquals(0x40, pong[8]);
        assertEquals(0x33, pong[9]);
    }

    @Test
    void aRetransmittedRequestIsAnsweredWithoutRunningTwiceAndAReplayIsDropped() {
        TestConsole c = console().login(Suite.SUITE_17, "admin", "password");
        machine.powerOn();
        int entries = machine.eventLog().entries().size();
        byte[] cycle = c.commandPacket(0x00, 0x02, 0x02);
        assertEquals(0, c.reply(c.exchange(cycle)).completion());
        assertTrue(c.exchange(cycle).isEmpty(), "the same packet again is a replay");
        // The same request (same rqSeq) in a new packet, as a console retransmits after a lost answer.
        c.rqSeq--;
        assertEquals(0, c.command(0x00, 0x02, 0x02).completion());
        assertEquals(entries + 1, machine.eventLog().entries().size(), "one power cycle, not two");
    }

    @Test
    void unknownCommandsGetC1AndBadLengthsC7() {
        TestConsole c = console().login(Suite.SUITE_3, "admin", "password");
        assertEquals(0xC1, c.command(0x30, 0x99).completion());
        assertEquals(0xC1, c.command(0x06, 0x99).completion());
        assertEquals(0xC7, c.command(0x00, 0x02).completion());
        assertEquals(0xCC, c.command(0x00, 0x02, 0x09).completion());
        assertEquals(0xD5, c.command(0x00, 0x02, 0x04).completion(), "no NMI for a machine that is off");
    }

    @Test
    void idleSessionsTimeOutAndClosedOnesAreGone() {
        TestConsole a = console().login(Suite.SUITE_17, "admin", "password");
        TestConsole b = console().login(Suite.SUITE_17, "admin", "password");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(0, a.command(0x06, 0x01).completion());
        clock.advance(Duration.ofSeconds(31));
        engine.sweep();
        assertEquals(1, engine.sessionCount(), "b idled 61 s, a only 31 s");
        assertNull(b.command(0x06, 0x01));
        TestConsole.Reply closed = a.command(0x06, 0x3C, TestConsole.le(a.bmcId)[0], TestConsole.le(a.bmcId)[1], TestConsole.le(a.bmcId)[2],
                TestConsole.le(a.bmcId)[3]);
        assertEquals(0, closed.completion());
        assertEquals(0, engine.sessionCount());
        assertNull(a.command(0x06, 0x01));
    }

    @Test
    void solCarriesTheConsoleBothWaysWithAcksAndRetransmissions() {
        TestConsole a = console().login(Suite.SUITE_17, "admin", "password");
        TestConsole b = console().login(Suite.SUITE_3, "admin", "password");
        assertEquals(1, a.command(0x0C, 0x22, 0x0E, 0x01, 0, 0).data()[1], "SOL enabled");
        TestConsole.Reply port = a.command(0x0C, 0x22, 0x0E, 0x08, 0, 0);
        assertEquals(engine.port(), Wire.u16(port.data(), 1));
        TestConsole.Reply on = a.command(0x06, 0x48, 0x01, 0x01, 0xC0, 0, 0, 0);
        assertEquals(0, on.completion());
        assertEquals(12, on.data().length);
        assertEquals(0x80, b.command(0x06, 0x48, 0x01, 0x01, 0xC0, 0, 0, 0).completion(), "payload already active");
        assertEquals(1, b.command(0x06, 0x4A, 0x01).data()[1], "instance 1 active");

        machine.console().write("login: ");
        transport.runTasks();
        List<byte[]> out = a.solPayloads(transport.take().stream().map(MemoryTransport.Sent::datagram).toList());
        assertEquals(1, out.size());
        assertEquals(1, out.get(0)[0]);
        assertEquals("login: ", new String(out.get(0), 4, out.get(0).length - 4, StandardCharsets.US_ASCII));
        transport.runTasks(); // no ack yet: the retry timer sends it again
        List<byte[]> again = a.solPayloads(transport.take().stream().map(MemoryTransport.Sent::datagram).toList());
        assertEquals(1, again.size());
        assertArrayEquals(out.get(0), again.get(0));
        assertTrue(a.sol(0, 1, 7, new byte[0]).isEmpty(), "an ack-only packet gets no answer");
        transport.runTasks();
        assertTrue(transport.take().isEmpty(), "acknowledged: nothing more to send");

        List<byte[]> ack = a.sol(1, 0, 0, "root\r".getBytes(StandardCharsets.US_ASCII));
        assertEquals(1, ack.size());
        assertEquals(1, ack.get(0)[1], "acks packet 1");
        assertEquals(5, ack.get(0)[2], "accepted 5 characters");
        a.sol(1, 0, 0, "root\r".getBytes(StandardCharsets.US_ASCII)); // retransmitted by the console
        assertEquals("root\r", machine.console().inputText(), "typed once");

        transport.take();
        assertEquals(0, b.reply(b.exchange(b.commandPacket(0x06, 0x49, 0x01, 0x01, 0, 0, 0, 0))).completion());
        List<byte[]> notice = a.solPayloads(transport.take(a.me));
        assertEquals(1, notice.size(), "the console that lost the payload is told");
        assertEquals(0x30, notice.get(0)[3] & 0x30, "SOL deactivating, character transfer unavailable");
        assertFalse(engine.solActive(), "an administrator may end another session's SOL");
        assertEquals(0x80, a.command(0x06, 0x49, 0x01, 0x01, 0, 0, 0, 0).completion(), "already deactivated");
        assertNotNull(a.command(0x06, 0x48, 0x01, 0x01, 0xC0, 0, 0, 0));
        assertTrue(engine.solActive());
    }
}
