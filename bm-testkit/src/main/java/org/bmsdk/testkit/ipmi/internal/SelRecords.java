package org.bmsdk.testkit.ipmi.internal;

import java.util.Locale;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.testkit.machine.EventLogEntry;

/**
 * Turns the machine's protocol-neutral event log entries into 16-byte SEL system event records
 * (IPMI v2.0 32.1) with the sensor type and event offset a real BMC would log for the same thing
 * (tables 42-3 and 42-2), so that ipmitool and drivers name them as they would on hardware.
 */
public final class SelRecords {

    /** Record ids go 1..FFFDh: 0000h means "first" and FFFFh "last" in Get SEL Entry. */
    static final int MAX_RECORD_ID = 0xFFFD;

    private SelRecords() {
    }

    /**
     * The event a SEL record carries.
     *
     * @param sensorType the sensor type
     * @param sensorNumber the sensor number (one per type here)
     * @param eventType the event/reading type code: 6Fh sensor-specific, 07h generic severity
     * @param offset the event offset
     * @param deassertion whether the event went away
     * @param generator the generator id: 20h the BMC, 01h the BIOS
     */
    public record Event(int sensorType, int sensorNumber, int eventType, int offset, boolean deassertion, int generator) {
    }

    /** @return the record id of an entry */
    static int recordId(EventLogEntry e) {
        return (int) ((e.id() - 1) % MAX_RECORD_ID) + 1;
    }

    /**
     * Classifies an entry by its message, falling back on its severity.
     *
     * @param e the entry
     * @return the event to log
     */
    public static Event classify(EventLogEntry e) {
        String m = e.message().toLowerCase(Locale.ROOT);
        if (m.startsWith("os stop")) {
            // Critical stop during OS load, or at run time
            return new Event(0x20, 0x05, 0x6F, m.contains("booting") ? 0x00 : 0x01, false, 0x20);
        }
        if (m.contains("nmi")) {
            return new Event(0x13, 0x04, 0x6F, 0x00, false, 0x20); // Front Panel NMI / Diagnostic Interrupt
        }
        if (m.startsWith("post error")) {
            return new Event(0x0F, 0x06, 0x6F, 0x00, false, 0x01); // System Firmware Error, logged by the BIOS
        }
        if (m.contains("restart after kernel panic")) {
            return new Event(0x1D, 0x03, 0x6F, 0x05, false, 0x20); // OS / run-time software initiated hard reset
        }
        if (m.contains("os shutdown")) {
            return new Event(0x20, 0x05, 0x6F, 0x03, false, 0x20); // OS Graceful Shutdown
        }
        if (m.contains("power cycle")) {
            return new Event(0x09, 0x01, 0x6F, 0x01, false, 0x20); // Power Unit: Power Cycle
        }
        if (m.contains("power off")) {
            return new Event(0x09, 0x01, 0x6F, 0x00, false, 0x20); // Power Unit: Power Off / Power Down
        }
        if (m.contains("power on")) {
            return new Event(0x09, 0x01, 0x6F, 0x00, true, 0x20); // ... deasserted: the power came back
        }
        if (m.contains("reset")) {
            return new Event(0x1D, 0x03, 0x6F, 0x01, false, 0x20); // System Restart: initiated by hard reset
        }
        // Anything else by its severity, as a generic severity event of the system event sensor.
        int offset = e.severity() == HealthStatus.CRITICAL ? 0x02 : e.severity() == HealthStatus.WARNING ? 0x01 : 0x00;
        return new Event(0x12, 0x07, 0x07, offset, false, 0x20);
    }

    /**
     * Encodes an entry as a system event record.
     *
     * @param e the entry
     * @return 16 bytes
     */
    public static byte[] encode(EventLogEntry e) {
        Event ev = classify(e);
        byte[] r = new byte[16];
        int id = recordId(e);
        r[0] = (byte) id;
        r[1] = (byte) (id >>> 8);
        r[2] = 0x02; // system event record
        Wire.putU32(r, 3, (int) e.at().getEpochSecond());
        r[7] = (byte) ev.generator();
        r[8] = 0x00;
        r[9] = 0x04; // event message format revision: IPMI v2.0
        r[10] = (byte) ev.sensorType();
        r[11] = (byte) ev.sensorNumber();
        r[12] = (byte) ((ev.deassertion() ? 0x80 : 0x00) | ev.eventType());
        r[13] = (byte) ev.offset(); // event data 2 and 3 unspecified
        r[14] = (byte) 0xFF;
        r[15] = (byte) 0xFF;
        return r;
    }
}
