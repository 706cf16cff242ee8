package org.bmsdk.testkit.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.time.ManualClock;

/**
 * The server-side decoder under arbitrary and mutated datagrams: it never fails, never acts on a
 * packet whose signature does not verify, and never lets a stranger take a session slot past the limit.
 */
class DecoderPropertiesTest {

    /** A BMC with one logged-in console, its machine off. */
    static final class Rig implements AutoCloseable {
        final ManualClock clock = ManualClock.create();
        final SimulatedMachine machine = SimulatedMachine.create(MachineSpec.builder("fuzz").build(), clock);
        final MemoryTransport transport = new MemoryTransport();
        final BmcEngine engine = new BmcEngine(IpmiSpec.builder().clock(clock).build(), machine, transport);
        final TestConsole console;

        Rig(Suite suite) {
            console = new TestConsole(engine, transport, 41000).login(suite, "admin", "password");
        }

        @Override
        public void close() {
            engine.close();
            machine.close();
        }
    }

    @Provide
    Arbitrary<byte[]> datagrams() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        // Mostly RMCP/IPMI-looking: the right header, an auth type and payload type the decoder branches on.
        Arbitrary<byte[]> rmcpish = Combinators.combine(Arbitraries.of(0x00, 0x06, 0x02, 0xFF),
                Arbitraries.of(0x00, 0x01, 0x10, 0x12, 0x14, 0x40, 0xC0, 0xC1, 0x02), random).as((auth, type, rest) -> {
                    byte[] b = Arrays.copyOf(new byte[] {0x06, 0x00, (byte) 0xFF, 0x07, auth.byteValue(), type.byteValue()}, 6 + rest.length);
                    System.arraycopy(rest, 0, b, 6, rest.length);
                    return b;
                });
        return Arbitraries.oneOf(random, rmcpish, rmcpish, rmcpish);
    }

    @Provide
    Arbitrary<List<byte[]>> datagramLists() {
        return datagrams().list().ofMaxSize(20);
    }

    @Property(tries = 500)
    void arbitraryDatagramsNeverCrashOrAct(@ForAll("datagramLists") List<byte[]> datagrams, @ForAll("suites") Suite suite) {
        try (Rig rig = new Rig(suite)) {
            for (byte[] d : datagrams) {
                rig.engine.receive(d, d.length, rig.console.me);
            }
            assertEquals(0, rig.engine.failures());
            assertEquals(PowerState.OFF, rig.machine.powerState());
            assertTrue(rig.engine.sessionCount() <= rig.engine.spec().maxSessions());
            assertEquals(0, rig.console.command(0x06, 0x01).completion(), "the real session still works");
        }
    }

    @Provide
    Arbitrary<Suite> suites() {
        return Arbitraries.of(Suite.values());
    }

    /** Byte positions and new values; applied in order. */
    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 200), Arbitraries.bytes()).as(Tuple::of).list().ofMinSize(1)
                .ofMaxSize(4);
    }

    @Property(tries = 300)
    void aMutatedSessionPacketIsDroppedUnlessOnlyUncoveredBytesChanged(@ForAll("suites") Suite suite,
            @ForAll("mutations") List<Tuple.Tuple2<Integer, Byte>> mutations, @ForAll boolean truncate) {
        try (Rig rig = new Rig(suite)) {
            byte[] good = rig.console.commandPacket(0x00, 0x02, 0x01); // chassis power up
            byte[] bad = good.clone();
            for (Tuple.Tuple2<Integer, Byte> m : mutations) {
                bad[m.get1() % bad.length] = m.get2();
            }
            if (truncate) {
                bad = Arrays.copyOf(bad, bad.length - 1 - mutations.get(0).get1() % 8);
            }
            boolean onlyReservedByte = !truncate && differingPositions(good, bad).stream().allMatch(i -> i == 1);
            List<byte[]> replies = rig.console.exchange(bad);
            assertEquals(0, rig.engine.failures());
            if (onlyReservedByte) {
                // RMCP's reserved byte is outside the integrity code: the packet is as good as the original.
                assertEquals(PowerState.ON, rig.machine.powerState());
                assertEquals(0, rig.console.reply(replies).completion());
            } else {
                assertEquals(PowerState.OFF, rig.machine.powerState(), "a packet that does not verify never acts");
                assertTrue(replies.isEmpty(), "nor is it answered");
                assertEquals(0, rig.console.command(0x06, 0x01).completion(), "and the session carries on");
            }
        }
    }

    @Property(tries = 300)
    void mutatedSessionSetupMessagesNeverCrashOrOverfillTheSlots(@ForAll("suites") Suite suite,
            @ForAll("mutations") List<Tuple.Tuple2<Integer, Byte>> mutations, @ForAll("steps") int step) {
        try (Rig rig = new Rig(suite)) {
            TestConsole c = new TestConsole(rig.engine, rig.transport, 41001);
            c.suite = suite;
            byte[] original = switch (step) {
                case 0 -> Wire.build(null, Wire.PAYLOAD_OPEN_SESSION_REQUEST, 0, 0, openRequest(suite));
                default -> {
                    c.open(suite, 0);
                    if (step == 2) {
                        c.rakp1("admin", 0x14);
                    }
                    yield step == 1 ? rakp1(c) : rakp3(c);
                }
            };
            byte[] bad = original.clone();
            for (Tuple.Tuple2<Integer, Byte> m : mutations) {
                bad[m.get1() % bad.length] = m.get2();
            }
            for (int i = 0; i < 6; i++) {
                c.exchange(bad);
            }
            assertEquals(0, rig.engine.failures());
            assertTrue(rig.engine.sessionCount() <= rig.engine.spec().maxSessions());
            assertTrue(rig.engine.activeSessionCount() <= 2);
            assertEquals(0, rig.console.command(0x06, 0x01).completion());
        }
    }

    @Provide
    Arbitrary<Integer> steps() {
        return Arbitraries.integers().between(0, 2);
    }

    private static byte[] openRequest(Suite s) {
        byte[] p = new byte[32];
        p[0] = 1;
        Wire.putU32(p, 4, 0x1234567);
        p[11] = 8;
        p[12] = (byte) s.auth();
        p[16] = 1;
        p[19] = 8;
        p[20] = (byte) s.integrity();
        p[24] = 2;
        p[27] = 8;
        p[28] = (byte) s.confidentiality();
        return p;
    }

    private static byte[] rakp1(TestConsole c) {
        byte[] p = new byte[33];
        p[0] = (byte) c.tag;
        Wire.putU32(p, 4, c.bmcId);
        p[24] = 0x14;
        p[27] = 5;
        System.arraycopy("admin".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, p, 28, 5);
        return Wire.build(null, Wire.PAYLOAD_RAKP1, 0, 0, p);
    }

    private static byte[] rakp3(TestConsole c) {
        byte[] k = "password".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] code = c.suite.hmac(k, c.rc == null ? new byte[16] : c.rc, TestConsole.le(c.consoleId), new byte[] {0x14, 5},
                "admin".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] p = new byte[8 + code.length];
        p[0] = (byte) c.tag;
        Wire.putU32(p, 4, c.bmcId);
        System.arraycopy(code, 0, p, 8, code.length);
        return Wire.build(null, Wire.PAYLOAD_RAKP3, 0, 0, p);
    }

    private static List<Integer> differingPositions(byte[] a, byte[] b) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                out.add(i);
            }
        }
        return out;
    }
}
