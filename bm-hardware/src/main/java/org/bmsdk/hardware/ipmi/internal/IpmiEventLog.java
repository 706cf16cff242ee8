package org.bmsdk.hardware.ipmi.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.bmc.LogEntry;
import org.bmsdk.api.bmc.SystemEventLog;

/**
 * The SEL: Get SEL Info, Reserve SEL, then Get SEL Entry from the first record along the "next
 * record id" chain until FFFFh. A reservation cancelled by another client's write restarts the read
 * (a few times); a chain that loops or runs past 64Ki records is cut.
 */
final class IpmiEventLog implements SystemEventLog {

    private static final int LAST = 0xFFFF;
    private static final int MAX_RESTARTS = 3;

    private final IpmiConnection connection;

    IpmiEventLog(IpmiConnection connection) {
        this.connection = connection;
    }

    @Override
    public List<LogEntry> entries() {
        return connection.operation("sel.list", where -> records(where).stream().map(SelRecord::toLogEntry).toList());
    }

    /** The raw records, oldest first; also used by the health check. */
    List<SelRecord> records(ErrorContext where) {
        byte[] info = connection.call(Commands.getSelInfo(), where).require(where, 14);
        if (Bytes.shortLe(info, 1) == 0) {
            return List.of();
        }
        boolean reserve = (info[13] & 0x02) != 0;
        for (int restart = 0; ; restart++) {
            int reservation = reserve ? reserve(where) : 0;
            List<SelRecord> out = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            int id = 0x0000;
            boolean cancelled = false;
            while (id != LAST && seen.add(id) && seen.size() <= 0x10000) {
                IpmiResponse r = connection.call(Commands.getSelEntry(reservation, id), where);
                if (r.completionCode() == CompletionCodes.RESERVATION_CANCELED && restart < MAX_RESTARTS) {
                    cancelled = true;
                    break;
                }
                if (r.completionCode() == CompletionCodes.NOT_PRESENT && out.isEmpty() && id == 0) {
                    return List.of();
                }
                byte[] d = r.require(where, 2 + SelRecord.LENGTH);
                out.add(IpmiConnection.decode(r.request(), java.util.Arrays.copyOfRange(d, 2, d.length), where, SelRecord::decode));
                id = Bytes.shortLe(d, 0);
            }
            if (!cancelled) {
                return out;
            }
        }
    }

    private int reserve(ErrorContext where) {
        return Bytes.shortLe(connection.call(Commands.reserveSel(), where).require(where, 2), 0);
    }

    @Override
    public void clear() {
        connection.operation("sel.clear", where -> {
            int reservation = reserve(where);
            byte[] progress = connection.call(Commands.clearSel(reservation, true), where).require(where, 1);
            // erasure may take a while on real BMCs: ask until it reports done
            for (int i = 0; (progress[0] & 0x0F) != 1; i++) {
                if (i >= 50) {
                    throw new OperationTimeoutException("the SEL is still being erased", where);
                }
                try {
                    connection.sleeper().sleep(java.time.Duration.ofMillis(100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OperationTimeoutException("interrupted while the SEL is erased", where, e);
                }
                IpmiResponse r = connection.call(Commands.clearSel(reservation, false), where);
                if (r.completionCode() == CompletionCodes.RESERVATION_CANCELED) {
                    throw new DeviceException("the SEL reservation was cancelled while clearing", where, "0xC5", true, null);
                }
                progress = r.require(where, 1);
            }
            return null;
        });
    }
}
