package org.bmsdk.testkit.ipmi.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bmsdk.testkit.machine.EventLogEntry;
import org.bmsdk.testkit.machine.SimulatedEventLog;

/** The SEL device commands (IPMI v2.0 31): info, reservations, entries, clear; over the machine's event log. */
final class SelStore {

    private final BmcEngine bmc;
    private int reservation;
    private Instant lastErase;

    SelStore(BmcEngine bmc) {
        this.bmc = bmc;
    }

    private SimulatedEventLog log() {
        return bmc.machine().eventLog();
    }

    CommandSet.Answer info() {
        List<EventLogEntry> entries = log().entries();
        int n = entries.size();
        int free = Math.min(0xFFFF, Math.max(0, log().capacity() - n) * 16);
        byte[] out = new byte[14];
        out[0] = 0x51;
        out[1] = (byte) n;
        out[2] = (byte) (n >>> 8);
        out[3] = (byte) free;
        out[4] = (byte) (free >>> 8);
        Wire.putU32(out, 5, n == 0 ? -1 : (int) entries.get(n - 1).at().getEpochSecond());
        Wire.putU32(out, 9, lastErase == null ? -1 : (int) lastErase.getEpochSecond());
        out[13] = 0x02; // Reserve SEL supported; no delete, no partial add, no allocation info
        return CommandSet.Answer.ok(out);
    }

    CommandSet.Answer reserve() {
        reservation = reservation % 0xFFFF + 1;
        return CommandSet.Answer.ok(reservation, reservation >>> 8);
    }

    CommandSet.Answer entry(byte[] d) {
        if (d.length != 6) {
            return CommandSet.Answer.error(0xC7);
        }
        int res = Wire.u16(d, 0);
        int wanted = Wire.u16(d, 2);
        int offset = d[4] & 0xFF;
        int count = d[5] & 0xFF;
        if (offset != 0 && res != reservation) {
            return CommandSet.Answer.error(0xC5); // a partial read needs the current reservation
        }
        if (offset > 15) {
            return CommandSet.Answer.error(0xC9);
        }
        List<EventLogEntry> entries = log().entries();
        int index = -1;
        if (!entries.isEmpty()) {
            if (wanted == 0x0000) {
                index = 0;
            } else if (wanted == 0xFFFF) {
                index = entries.size() - 1;
            } else {
                for (int i = 0; i < entries.size(); i++) {
                    if (SelRecords.recordId(entries.get(i)) == wanted) {
                        index = i;
                        break;
                    }
                }
            }
        }
        if (index < 0) {
            return CommandSet.Answer.error(0xCB);
        }
        int next = index + 1 < entries.size() ? SelRecords.recordId(entries.get(index + 1)) : 0xFFFF;
        byte[] record = SelRecords.encode(entries.get(index));
        int n = count == 0xFF ? 16 - offset : Math.min(count, 16 - offset);
        byte[] out = new byte[2 + n];
        out[0] = (byte) next;
        out[1] = (byte) (next >>> 8);
        System.arraycopy(record, offset, out, 2, n);
        return CommandSet.Answer.ok(out);
    }

    CommandSet.Answer clear(byte[] d) {
        if (d.length != 6) {
            return CommandSet.Answer.error(0xC7);
        }
        if (Wire.u16(d, 0) != reservation || reservation == 0) {
            return CommandSet.Answer.error(0xC5);
        }
        if (!Arrays.equals(Arrays.copyOfRange(d, 2, 5), new byte[] {'C', 'L', 'R'})) {
            return CommandSet.Answer.error(0xCC);
        }
        int action = d[5] & 0xFF;
        if (action == 0xAA) {
            log().clear();
            lastErase = bmc.now();
        } else if (action != 0x00) {
            return CommandSet.Answer.error(0xCC);
        }
        return CommandSet.Answer.ok(0x01); // erasure completed
    }
}
