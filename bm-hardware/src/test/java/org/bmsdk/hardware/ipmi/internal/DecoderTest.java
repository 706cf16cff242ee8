package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.LogEntry;
import org.junit.jupiter.api.Test;

/** Decoding of device answers: Get Device ID, SEL records, FRU field encodings, completion codes. */
class DecoderTest {

    @Test
    void deviceIdOfIpmiSim() throws Exception {
        // mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02
        DeviceId d = DeviceId.decode(Bytes.of(0x00, 0x03, 0x09, 0x08, 0x02, 0x9F, 0x91, 0x12, 0x00, 0x02, 0x0F));
        assertEquals("9.08", d.firmware());
        assertEquals("2.0", d.ipmiVersion());
        assertEquals(0x1291, d.manufacturer());
        assertEquals(0x0F02, d.product());
        assertTrue(d.hasSel() && d.hasFru());
    }

    @Test
    void oemRecordsAreShownRaw() throws Exception {
        byte[] r = Bytes.of(0x05, 0x00, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        LogEntry e = SelRecord.decode(r).toLogEntry();
        assertEquals(Instant.EPOCH, e.timestamp());
        assertEquals(HealthStatus.OK, e.severity());
        assertEquals("OEM record type 0xE0: 0102030405060708090a0b0c0d", e.message());
    }

    @Test
    void unknownSensorTypesAndOffsetsAreNamedByNumber() throws Exception {
        byte[] r = CapabilityTest.event(7, 0x60000000L, 0xC3, 9, 0x6F, 0x0E, 0xFF, 0xFF);
        assertEquals("OEM sensor type 0xC3 #0x09: sensor-specific offset 14 (asserted)", SelRecord.decode(r).toLogEntry().message());
        r = CapabilityTest.event(7, 0x60000000L, 0x07, 9, 0x6F, 0x0E, 0xFF, 0xFF);
        assertEquals("Processor #0x09: sensor-specific offset 14 (asserted)", SelRecord.decode(r).toLogEntry().message());
    }

    @Test
    void thresholdSeverities() {
        assertEquals(HealthStatus.WARNING, SensorEvents.describe(0x01, 0x01, 7, false).severity());
        assertEquals(HealthStatus.CRITICAL, SensorEvents.describe(0x01, 0x01, 9, false).severity());
        assertEquals(HealthStatus.CRITICAL, SensorEvents.describe(0x02, 0x01, 2, false).severity());
        assertEquals(HealthStatus.OK, SensorEvents.describe(0x01, 0x01, 9, true).severity());
        assertEquals(HealthStatus.CRITICAL, SensorEvents.describe(0x08, 0x6F, 1, false).severity());
        assertEquals(HealthStatus.WARNING, SensorEvents.describe(0x0C, 0x6F, 0, false).severity());
        assertEquals(HealthStatus.OK, SensorEvents.describe(0x10, 0x6F, 2, false).severity());
    }

    @Test
    void fruFieldEncodings() throws Exception {
        // board area with a BCD-plus field (12-34) and a 6-bit ASCII field ("IPMI"), product area absent
        byte[] board = Bytes.of(0x01, 0x02, 0x00, 0, 0, 0, 0x43, 0x12, 0xB3, 0x4A, 0x83, 0x29, 0xDC, 0xA6, 0xC1, 0x00);
        board[15] = LanMessage.checksum(board, 0, 15);
        byte[] header = Bytes.of(0x01, 0, 0, 1, 0, 0, 0, 0);
        header[7] = LanMessage.checksum(header, 0, 7);
        FruData f = FruData.parse(Bytes.concat(header, board));
        assertEquals("12-34", f.boardManufacturer());
        assertEquals("IPMI", f.boardProduct());
        assertEquals("", f.productName());
    }

    @Test
    void aBrokenFruHeaderIsMalformed() {
        assertEquals(DropReason.MALFORMED, assertThrows(MalformedPacketException.class,
                () -> FruData.parse(Bytes.of(0x01, 0, 0, 1, 0, 0, 0, 0x55))).reason());
    }

    @Test
    void completionCodesAreReadable() {
        assertEquals("0xC1 Invalid command", CompletionCodes.describe(0xC1));
        assertEquals("0xFF Unspecified error", CompletionCodes.describe(0xFF));
        assertEquals("0x81 Command-specific error", CompletionCodes.describe(0x81));
        assertEquals("0x10 OEM error", CompletionCodes.describe(0x10));
        for (int c = 0xC0; c <= 0xD6; c++) {
            assertTrue(!CompletionCodes.describe(c).contains("Reserved"), CompletionCodes.describe(c));
        }
        assertTrue(CompletionCodes.isTransient(0xC0) && !CompletionCodes.isTransient(0xCC));
    }
}
