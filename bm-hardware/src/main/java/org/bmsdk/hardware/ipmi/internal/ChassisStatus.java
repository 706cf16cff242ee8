package org.bmsdk.hardware.ipmi.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to Get Chassis Status (IPMI v2.0 table 28-3).
 *
 * @param current byte 1: power on, overload, interlock, power fault, power control fault
 * @param lastEvent byte 2: the cause of the last power event
 * @param misc byte 3: intrusion, front panel lockout, drive fault, cooling fault
 */
record ChassisStatus(int current, int lastEvent, int misc) {

    static ChassisStatus decode(byte[] d) throws MalformedPacketException {
        PacketReader r = new PacketReader(d);
        int current = r.u8("current power state");
        int last = r.u8("last power event");
        int misc = r.u8("misc chassis state");
        return new ChassisStatus(current, last, misc);
    }

    boolean powerOn() {
        return (current & 0x01) != 0;
    }

    /** Faults that stop the machine running. */
    List<String> criticalFaults() {
        List<String> f = new ArrayList<>();
        if ((current & 0x02) != 0) {
            f.add("power overload");
        }
        if ((current & 0x08) != 0) {
            f.add("main power fault");
        }
        if ((current & 0x10) != 0) {
            f.add("power control fault");
        }
        return f;
    }

    /** Faults that degrade it. */
    List<String> warnings() {
        List<String> f = new ArrayList<>();
        if ((current & 0x04) != 0) {
            f.add("power interlock active");
        }
        if ((misc & 0x01) != 0) {
            f.add("chassis intrusion");
        }
        if ((misc & 0x04) != 0) {
            f.add("drive fault");
        }
        if ((misc & 0x08) != 0) {
            f.add("cooling/fan fault");
        }
        return f;
    }
}
