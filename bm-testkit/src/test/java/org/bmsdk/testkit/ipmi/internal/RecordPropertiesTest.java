package org.bmsdk.testkit.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.machine.EventLogEntry;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;

/** The encoders the BMC answers with (FRU image, SEL records) and the inbound sequence window. */
class RecordPropertiesTest {

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(80).filter(s -> !s.isBlank());
    }

    @Property(tries = 300)
    void theFruImageIsWellFormedWhateverTheNames(@ForAll("names") String vendor, @ForAll("names") String product,
            @ForAll("names") String machineName) {
        try (SimulatedMachine m = SimulatedMachine.create(MachineSpec.builder(machineName).build())) {
            byte[] image = FruImage.of(IpmiSpec.builder().identity(vendor, product).build(), m);
            assertEquals(0, sum(image, 0, 8), "common header checksum");
            assertEquals(1, image[0]);
            int board = (image[3] & 0xFF) * 8;
            int productArea = (image[4] & 0xFF) * 8;
            for (int area : List.of(board, productArea)) {
                int len = (image[area + 1] & 0xFF) * 8;
                assertTrue(area + len <= image.length);
                assertEquals(0, sum(image, area, len), "area checksum at " + area);
            }
            // Product area: version, length, language, then the manufacturer and the product name.
            String manufacturer = field(image, productArea + 3);
            assertEquals(vendor.length() > 63 ? vendor.substring(0, 63) : vendor, manufacturer);
            String name = field(image, productArea + 3 + 1 + (image[productArea + 3] & 0x3F));
            assertEquals(product.length() > 63 ? product.substring(0, 63) : product, name);
        }
    }

    private static String field(byte[] image, int at) {
        int n = image[at] & 0x3F;
        return new String(image, at + 1, n, StandardCharsets.ISO_8859_1);
    }

    private static int sum(byte[] b, int off, int len) {
        int s = 0;
        for (int i = off; i < off + len; i++) {
            s += b[i];
        }
        return s & 0xFF;
    }

    @Property(tries = 300)
    void selRecordsAreSystemEventsWithStableIds(@ForAll @LongRange(min = 1, max = 10_000_000) long firstId,
            @ForAll @IntRange(min = 1, max = 600) int count, @ForAll("messages") String message,
            @ForAll HealthStatus severity) {
        Set<Integer> ids = new HashSet<>();
        for (long id = firstId; id < firstId + count; id++) {
            EventLogEntry e = new EventLogEntry(id, Instant.ofEpochSecond(1_700_000_000L + id), severity, message);
            byte[] r = SelRecords.encode(e);
            assertEquals(16, r.length);
            int recordId = Wire.u16(r, 0);
            assertTrue(recordId >= 1 && recordId <= SelRecords.MAX_RECORD_ID, "never 0000h or FFFFh: " + recordId);
            assertTrue(ids.add(recordId), "ids of a log window are unique");
            assertEquals(0x02, r[2]);
            assertEquals(0x04, r[9], "IPMI v2.0 event message revision");
            int eventType = r[12] & 0x7F;
            assertTrue(eventType == 0x6F || eventType == 0x07, "sensor-specific or generic severity");
            assertTrue((r[13] & 0x0F) <= 0x0E);
        }
    }

    @Provide
    Arbitrary<String> messages() {
        return Arbitraries.oneOf(Arbitraries.of("System power on", "System power off", "System power off (OS shutdown)",
                "System reset", "System power cycle", "Diagnostic interrupt (NMI) received", "OS stop: kernel panic after NMI",
                "OS stop: kernel panic while booting", "POST error: memory training failed on DIMM A1",
                "System restart after kernel panic"), Arbitraries.strings().ofMaxLength(60));
    }

    @Property(tries = 500)
    void theInboundWindowAcceptsEachNumberOnceAndNeverZero(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 300) Integer> numbers) {
        Session.InboundWindow w = new Session.InboundWindow();
        Set<Integer> accepted = new HashSet<>();
        long highest = -1;
        for (int n : numbers) {
            boolean ok = w.accept(n);
            if (ok) {
                assertTrue(accepted.add(n), n + " accepted twice");
                assertFalse(n == 0);
                assertTrue(highest < 0 || n > highest - 16 && n <= highest + 31, n + " outside the window around " + highest);
                highest = Math.max(highest, n);
            } else if (n != 0 && !accepted.contains(n) && highest >= 0) {
                assertTrue(n <= highest - 16 || n > highest + 31, n + " refused inside the window around " + highest);
            }
        }
    }
}
