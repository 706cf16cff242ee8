package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.OpenSessionRequest;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.OpenSessionResponse;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp1;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp2;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp34;

/**
 * Fuzzes every decoder: arbitrary bytes and mutated valid packets give a decoded value or a typed
 * drop ({@link MalformedPacketException}), never another exception, and the transport's dispatch
 * never throws at all.
 */
class PacketFuzzTest {

    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 623);
    static final byte[] K1 = SpecVectorsTest.range(1, 32);
    static final byte[] K2 = SpecVectorsTest.range(0x41, 32);
    static final int CONSOLE = 0x01020304;
    static final int BMC = 0x0A0B0C0D;
    static UdpTransport transport;

    @BeforeContainer
    static void open() throws Exception {
        transport = UdpTransport.open("fuzz");
    }

    @AfterContainer
    static void close() {
        transport.close();
    }

    /** Decodes d every way the driver can; only typed drops may escape. */
    static void decodeEveryWay(byte[] d) {
        typed(() -> RmcpFrame.decode(d));
        typed(() -> RmcpFrame.decode(d).message(true));
        typed(() -> LanMessage.decode(d, true));
        typed(() -> LanMessage.decode(d, false));
        typed(() -> OpenSessionRequest.decode(d));
        typed(() -> OpenSessionResponse.decode(d));
        typed(() -> Rakp1.decode(d));
        typed(() -> Rakp2.decode(d));
        typed(() -> Rakp34.decode(d));
        typed(() -> DeviceId.decode(d));
        typed(() -> ChassisStatus.decode(d));
        typed(() -> BootFlags.decodeResponse(d));
        typed(() -> SelRecord.decode(d).toLogEntry());
        typed(() -> FruData.parse(d));
        typed(() -> CipherSuiteRecords.ids(d));
        typed(() -> SolPacket.decode(d));
        typed(() -> SolCommands.Activation.decode(d).chunk());
        typed(() -> Crypto.decrypt(Arrays.copyOf(K2, 16), d));
        for (CipherSuite s : CipherSuite.values()) {
            typed(() -> new SessionSecurity(s, CONSOLE, BMC, K1, K2).open(RmcpFrame.decode(d)));
        }
        transport.dispatch(PEER, d);
    }

    interface Decode {
        Object run() throws MalformedPacketException;
    }

    static void typed(Decode d) {
        try {
            d.run();
        } catch (MalformedPacketException e) {
            assertTrue(e.reason() != null);
        }
    }

    @Property
    void arbitraryBytes(@ForAll @Size(max = 1100) byte[] d) {
        decodeEveryWay(d);
    }

    @Property
    void bytesThatLookLikeRmcp(@ForAll("rmcpish") byte[] d) {
        decodeEveryWay(d);
    }

    @Provide
    Arbitrary<byte[]> rmcpish() {
        Arbitrary<byte[]> tail = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        return Arbitraries.of(0x00, 0x06, 0x02, 0x46, 0xC0, 0xD1).flatMap(format -> tail.map(t -> {
            byte[] head = {0x06, 0x00, (byte) 0xFF, 0x07, (byte) (format == 0x00 ? 0 : 6), (byte) (format == 0 ? 0 : format)};
            return Bytes.concat(head, t);
        }));
    }

    @Property
    void mutatedSessionPacketsOpenToTheOriginalOrAreDropped(@ForAll("suite") CipherSuite suite,
            @ForAll @Size(max = 80) byte[] payload, @ForAll("mutations") List<int[]> mutations) throws Exception {
        SessionSecurity bmc = new SessionSecurity(suite, BMC, CONSOLE, K1, K2);
        SessionSecurity console = new SessionSecurity(suite, CONSOLE, BMC, K1, K2);
        byte[] packet = bmc.seal(RmcpFrame.IPMI, payload);
        byte[] mutated = mutate(packet, mutations);
        try {
            byte[] opened = console.open(RmcpFrame.decode(mutated));
            // only a mutation that changed nothing authenticated may pass, and then the payload is intact
            assertArrayEquals(payload, opened);
        } catch (MalformedPacketException e) {
            assertTrue(e.reason() != null);
        }
        decodeEveryWay(mutated);
    }

    @Property
    void mutatedSetupAndPresessionPacketsAreTypedDrops(@ForAll @Size(max = 40) byte[] data,
            @ForAll("mutations") List<int[]> mutations) {
        List<byte[]> valid = List.of(
                RmcpFrame.presession(LanMessage.request(6, 0x38, 1, data).encode()),
                RmcpFrame.rmcpPlus(RmcpFrame.OPEN_SESSION_RESPONSE, new OpenSessionResponse(1, 0, 4, 7, 9, 1, 1, 1).encode()),
                RmcpFrame.rmcpPlus(RmcpFrame.RAKP_2, new Rakp2(1, 0, 7, new byte[16], new byte[16], data).encode()),
                RmcpFrame.rmcpPlus(RmcpFrame.RAKP_4, new Rakp34(1, 0, 7, data).encode()));
        for (byte[] v : valid) {
            decodeEveryWay(mutate(v, mutations));
        }
    }

    @Provide
    Arbitrary<CipherSuite> suite() {
        return Arbitraries.of(CipherSuite.class);
    }

    /** Each mutation: {kind, position, value}: 0 flip a byte, 1 cut the tail, 2 insert a byte, 3 delete a byte. */
    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> one = Arbitraries.integers().between(0, 3).flatMap(kind -> Arbitraries.integers().between(0, 2000)
                .flatMap(at -> Arbitraries.integers().between(1, 255).map(v -> new int[] {kind, at, v})));
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    static byte[] mutate(byte[] in, List<int[]> mutations) {
        byte[] b = in.clone();
        for (int[] m : mutations) {
            int at = b.length == 0 ? 0 : m[1] % b.length;
            switch (m[0]) {
                case 0 -> {
                    if (b.length > 0) {
                        b[at] ^= (byte) m[2];
                    }
                }
                case 1 -> b = Arrays.copyOf(b, at);
                case 2 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) m[2];
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> {
                    if (b.length > 0) {
                        byte[] c = new byte[b.length - 1];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                        b = c;
                    }
                }
            }
        }
        return b;
    }

    @Property(tries = 200)
    void aReplayedPacketIsDroppedAsReplayed(@ForAll("suite") CipherSuite suite, @ForAll @Size(max = 40) byte[] payload,
            @ForAll @IntRange(min = 1, max = 20) int later) throws Exception {
        SessionSecurity bmc = new SessionSecurity(suite, BMC, CONSOLE, K1, K2);
        SessionSecurity console = new SessionSecurity(suite, CONSOLE, BMC, K1, K2);
        byte[] first = bmc.seal(RmcpFrame.IPMI, payload);
        console.open(RmcpFrame.decode(first));
        for (int i = 0; i < later; i++) {
            console.open(RmcpFrame.decode(bmc.seal(RmcpFrame.IPMI, payload)));
        }
        try {
            console.open(RmcpFrame.decode(first));
            throw new AssertionError("a replay was accepted");
        } catch (MalformedPacketException e) {
            assertEquals(later < ReplayWindow.BEHIND ? DropReason.REPLAYED : DropReason.OUT_OF_WINDOW, e.reason());
        }
    }
}
