package org.bmsdk.hardware.ipmi.internal;

import java.time.Instant;
import java.util.Arrays;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.LogEntry;

/**
 * One 16-byte SEL record (IPMI v2.0 section 32): a system event record (type 02h) with its
 * timestamp, generator, sensor and event data, or an OEM record.
 *
 * @param id the record id
 * @param type the record type
 * @param timestamp seconds since 1970 by the BMC's clock, unsigned; 0 for OEM non-timestamped records
 * @param raw the whole record
 */
record SelRecord(int id, int type, long timestamp, byte[] raw) {

    static final int LENGTH = 16;
    /** Timestamps up to this are seconds since the BMC started, not since 1970 (section 37.1). */
    static final long PRE_INIT_MAX = 0x20000000L;

    static SelRecord decode(byte[] d) throws MalformedPacketException {
        if (d.length < LENGTH) {
            throw new MalformedPacketException(DropReason.TRUNCATED, "SEL record of " + d.length + " bytes");
        }
        int type = d[2] & 0xFF;
        long ts = type < 0xE0 ? Integer.toUnsignedLong(Bytes.intLe(d, 3)) : 0;
        return new SelRecord(Bytes.shortLe(d, 0), type, ts, Arrays.copyOf(d, LENGTH));
    }

    boolean isSystemEvent() {
        return type == 0x02;
    }

    int generator() {
        return Bytes.shortLe(raw, 7);
    }

    int sensorType() {
        return raw[10] & 0xFF;
    }

    int sensorNumber() {
        return raw[11] & 0xFF;
    }

    boolean deassertion() {
        return (raw[12] & 0x80) != 0;
    }

    int eventType() {
        return raw[12] & 0x7F;
    }

    int offset() {
        return raw[13] & 0x0F;
    }

    SensorEvents.Event event() {
        return SensorEvents.describe(sensorType(), eventType(), offset(), deassertion());
    }

    LogEntry toLogEntry() {
        String when = timestamp != 0 && timestamp <= PRE_INIT_MAX ? " (timestamp counts from BMC start)" : "";
        if (!isSystemEvent()) {
            return new LogEntry(Integer.toString(id), Instant.ofEpochSecond(timestamp), HealthStatus.OK,
                    "OEM record type " + Bytes.hex8(type) + ": " + Bytes.hex(Arrays.copyOfRange(raw, type < 0xE0 ? 7 : 3, LENGTH))
                            + when);
        }
        SensorEvents.Event e = event();
        StringBuilder m = new StringBuilder(SensorEvents.sensorType(sensorType())).append(" #").append(Bytes.hex8(sensorNumber()))
                .append(": ").append(e.text()).append(deassertion() ? " (deasserted)" : " (asserted)");
        if (eventType() == 0x01 && (raw[13] & 0xC0) == 0x40) {
            m.append(", reading ").append(Bytes.hex8(raw[14]));
            if ((raw[13] & 0x30) == 0x10) {
                m.append(", threshold ").append(Bytes.hex8(raw[15]));
            }
        }
        return new LogEntry(Integer.toString(id), Instant.ofEpochSecond(timestamp), e.severity(), m.append(when).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SelRecord r && Arrays.equals(r.raw, raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "SelRecord[" + id + ", " + Bytes.hex(raw) + "]";
    }
}
