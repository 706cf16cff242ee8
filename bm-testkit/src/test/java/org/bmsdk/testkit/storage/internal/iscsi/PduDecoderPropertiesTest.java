package org.bmsdk.testkit.storage.internal.iscsi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bmsdk.testkit.storage.internal.MemoryFiles;
import org.bmsdk.testkit.storage.internal.TgtState;
import org.bmsdk.testkit.storage.internal.TgtStates;

/**
 * The PDU decoder and the text parser, fuzzed: any bytes give a PDU or an
 * {@link IscsiProtocolException}, nothing else; and a whole connection fed any PDUs after a login
 * ends without an unexpected exception.
 */
class PduDecoderPropertiesTest {

    @Property(tries = 3000)
    void anyBytesDecodeOrFailTyped(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            Pdu p = Pdu.decode(bytes, 8192);
            assertEquals(bytes.length, Pdu.BHS + p.ahsLength() + p.dataLength() + (4 - p.dataLength() % 4) % 4);
        } catch (IscsiProtocolException expected) {
            // typed: the connection is closed
        }
    }

    @Property(tries = 2000)
    void aHeaderWithAnyFieldsAndDataRoundTrips(@ForAll @IntRange(max = 63) int opcode, @ForAll @Size(48) byte[] header,
            @ForAll @Size(max = 600) byte[] data) throws Exception {
        Pdu p = Pdu.of(opcode);
        for (int i = 1; i < Pdu.BHS; i++) {
            if (i != 4 && i != 5 && i != 6 && i != 7) {
                p.put8(i, header[i]);
            }
        }
        p = p.withData(data);
        byte[] wire = p.encode();
        assertEquals(0, wire.length % 4);
        Pdu back = Pdu.decode(wire, 8192);
        assertArrayEquals(p.header(), back.header());
        assertArrayEquals(data, back.data());
        assertEquals(opcode, back.opcode());
    }

    @Property(tries = 2000)
    void anyTextParsesOrFailsTyped(@ForAll @Size(max = 120) byte[] bytes) {
        try {
            Map<String, String> keys = TextKeys.parse(bytes);
            assertEquals(keys, TextKeys.parse(TextKeys.encode(keys)));
        } catch (IscsiProtocolException expected) {
            // typed
        }
    }

    @Property(tries = 300)
    void aConnectionFedAnyPdusAfterALoginEndsCleanly(@ForAll("pdus") List<Pdu> pdus) throws Exception {
        MemoryFiles files = new MemoryFiles();
        TgtState tgt = TgtStates.oneTarget(files, "iqn.2024-01.x:t", 1 << 20, "ALL", null, null);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Pdu login = Pdu.of(Pdu.LOGIN).flags(0x80 | (1 << 2) | 3).put8(0, 0x40 | Pdu.LOGIN).withData(TextKeys.encode(Map.of(
                "InitiatorName", "iqn.2024-01.x:i", "TargetName", "iqn.2024-01.x:t", "SessionType", "Normal")));
        wire.writeBytes(login.encode());
        pdus.forEach(p -> wire.writeBytes(p.encode()));
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        LoginNegotiation.Targets targets = new LoginNegotiation.Targets() {
            @Override
            public Optional<TgtState.TargetView> find(String name) {
                return tgt.view(name);
            }

            @Override
            public boolean refuseAll() {
                return false;
            }
        };
        new IscsiConnection(new ByteArrayInputStream(wire.toByteArray()), answers, "127.0.0.1", () -> { }, tgt, files,
                "127.0.0.1:3260", targets, new Random(1)).run();
        Pdu first = Pdu.read(new ByteArrayInputStream(answers.toByteArray()), 1 << 20);
        assertEquals(Pdu.LOGIN_RESPONSE, first.opcode());
        assertEquals(0, first.u16(36), "the login succeeded");
        assertTrue(tgt.showTargets().contains("I_T nexus information:\n    LUN"), "the session is gone once the stream ends");
    }

    @Provide
    Arbitrary<List<Pdu>> pdus() {
        Arbitrary<Integer> opcodes = Arbitraries.oneOf(Arbitraries.of(Pdu.NOP_OUT, Pdu.SCSI_COMMAND, Pdu.TASK_MGMT, Pdu.TEXT,
                Pdu.DATA_OUT, Pdu.LOGOUT, Pdu.SNACK, Pdu.LOGIN), Arbitraries.integers().between(0, 63));
        Arbitrary<Integer> cdbOps = Arbitraries.of(0x00, 0x03, 0x12, 0x25, 0x9e, 0xa0, 0x1a, 0x5a, 0x28, 0x88, 0x2a, 0x8a, 0x35,
                0x91, 0x42, 0xff);
        Arbitrary<byte[]> headers = Arbitraries.bytes().array(byte[].class).ofSize(Pdu.BHS);
        Arbitrary<byte[]> data = Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.of("SendTargets=All\0", "SendTargets=\0", "SendTargets=iqn.2024-01.x:t\0X-y=1\0", "a\0b=\0")
                        .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Arbitrary<Pdu> one = Combinators.combine(opcodes, cdbOps, headers, data, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 4096)).as((op, cdb, h, d, lun, count) -> {
                    Pdu p = Pdu.of(op);
                    for (int i = 1; i < Pdu.BHS; i++) {
                        if (i < 4 || i > 7) {
                            p.put8(i, h[i]);
                        }
                    }
                    if (op == Pdu.SCSI_COMMAND) {
                        p.lun(lun).put8(32, cdb).put32(20, count * 512);
                    }
                    return p.withData(d);
                });
        return one.list().ofMaxSize(12);
    }
}
