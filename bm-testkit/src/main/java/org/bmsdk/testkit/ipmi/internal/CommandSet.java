package org.bmsdk.testkit.ipmi.internal;

import java.util.Map;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * The IPMI commands the simulated BMC answers, by network function and command (IPMI v2.0
 * appendix G), each with the privilege it needs. Anything else gets C1h "invalid command".
 */
final class CommandSet {

    static final int APP = 0x06;
    static final int CHASSIS = 0x00;
    static final int STORAGE = 0x0A;
    static final int TRANSPORT = 0x0C;

    /** The answer to a request; closeSession names a session to remove once the answer is sent. */
    record Answer(int completion, byte[] data, Session closeSession) {
        static Answer ok(int... data) {
            return new Answer(0, Wire.bytes(data), null);
        }

        static Answer ok(byte[] data) {
            return new Answer(0, data, null);
        }

        static Answer error(int completion) {
            return new Answer(completion, new byte[0], null);
        }
    }

    private static final int USER = 2;
    private static final int OPERATOR = 3;
    private static final int ADMIN = 4;

    /** (netFn << 8 | cmd) to the privilege needed. */
    private static final Map<Integer, Integer> PRIVILEGE = Map.ofEntries(
            Map.entry(APP << 8 | 0x01, USER), // Get Device ID
            Map.entry(APP << 8 | 0x37, USER), // Get System GUID
            Map.entry(APP << 8 | 0x38, 1), // Get Channel Authentication Capabilities
            Map.entry(APP << 8 | 0x3B, USER), // Set Session Privilege Level
            Map.entry(APP << 8 | 0x3C, 1), // Close Session
            Map.entry(APP << 8 | 0x48, USER), // Activate Payload
            Map.entry(APP << 8 | 0x49, USER), // Deactivate Payload
            Map.entry(APP << 8 | 0x4A, USER), // Get Payload Activation Status
            Map.entry(APP << 8 | 0x4E, USER), // Get Channel Payload Support
            Map.entry(APP << 8 | 0x54, 1), // Get Channel Cipher Suites
            Map.entry(CHASSIS << 8 | 0x01, USER), // Get Chassis Status
            Map.entry(CHASSIS << 8 | 0x02, OPERATOR), // Chassis Control
            Map.entry(CHASSIS << 8 | 0x04, OPERATOR), // Chassis Identify
            Map.entry(CHASSIS << 8 | 0x08, OPERATOR), // Set System Boot Options
            Map.entry(CHASSIS << 8 | 0x09, OPERATOR), // Get System Boot Options
            Map.entry(STORAGE << 8 | 0x10, USER), // Get FRU Inventory Area Info
            Map.entry(STORAGE << 8 | 0x11, USER), // Read FRU Data
            Map.entry(STORAGE << 8 | 0x20, USER), // Get SDR Repository Info
            Map.entry(STORAGE << 8 | 0x22, USER), // Reserve SDR Repository
            Map.entry(STORAGE << 8 | 0x23, USER), // Get SDR
            Map.entry(STORAGE << 8 | 0x40, USER), // Get SEL Info
            Map.entry(STORAGE << 8 | 0x42, USER), // Reserve SEL
            Map.entry(STORAGE << 8 | 0x43, USER), // Get SEL Entry
            Map.entry(STORAGE << 8 | 0x47, OPERATOR), // Clear SEL
            Map.entry(STORAGE << 8 | 0x48, USER), // Get SEL Time
            Map.entry(TRANSPORT << 8 | 0x21, ADMIN), // Set SOL Configuration Parameters
            Map.entry(TRANSPORT << 8 | 0x22, USER)); // Get SOL Configuration Parameters

    private final BmcEngine bmc;
    private final SelStore sel;
    private final BootOptions boot;
    private byte[] fru;

    CommandSet(BmcEngine bmc) {
        this.bmc = bmc;
        this.sel = new SelStore(bmc);
        this.boot = new BootOptions(bmc.machine());
    }

    /** Only these may come outside a session (13.14): they tell a console how to open one. */
    static boolean allowedOutsideSession(Wire.Request r) {
        return r.netFn() == APP && (r.cmd() == 0x38 || r.cmd() == 0x54 || r.cmd() == 0x37);
    }

    /**
     * Runs a request.
     *
     * @param s the session, or null outside one
     * @param r the request
     * @return the answer
     */
    Answer handle(Session s, Wire.Request r) {
        Integer needed = PRIVILEGE.get(r.netFn() << 8 | r.cmd());
        if (needed == null || r.rsLun() != 0) {
            return Answer.error(0xC1);
        }
        if (s != null && s.privilege < needed) {
            return Answer.error(0xD4);
        }
        byte[] d = r.data();
        return switch (r.netFn() << 8 | r.cmd()) {
            case APP << 8 | 0x01 -> deviceId();
            case APP << 8 | 0x37 -> Answer.ok(bmc.guid().clone());
            case APP << 8 | 0x38 -> authCapabilities(d);
            case APP << 8 | 0x3B -> setPrivilege(s, d);
            case APP << 8 | 0x3C -> closeSession(s, d);
            case APP << 8 | 0x48, APP << 8 | 0x49, APP << 8 | 0x4A, TRANSPORT << 8 | 0x21, TRANSPORT << 8 | 0x22 ->
                    bmc.sol().command(s, r);
            case APP << 8 | 0x4E -> d.length < 1 ? Answer.error(0xC7) : Answer.ok(0x03, 0x00, 0x3F, 0x00, 0, 0, 0, 0);
            case APP << 8 | 0x54 -> cipherSuites(d);
            case CHASSIS << 8 | 0x01 -> chassisStatus();
            case CHASSIS << 8 | 0x02 -> chassisControl(d);
            case CHASSIS << 8 | 0x04 -> d.length > 2 ? Answer.error(0xC7) : Answer.ok();
            case CHASSIS << 8 | 0x08 -> boot.set(d);
            case CHASSIS << 8 | 0x09 -> boot.get(d);
            case STORAGE << 8 | 0x10 -> fruInfo(d);
            case STORAGE << 8 | 0x11 -> readFru(d);
            case STORAGE << 8 | 0x20 -> Answer.ok(0x51, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x00);
            case STORAGE << 8 | 0x22 -> Answer.ok(0x01, 0x00);
            case STORAGE << 8 | 0x23 -> d.length < 6 ? Answer.error(0xC7) : Answer.error(0xCB);
            case STORAGE << 8 | 0x40 -> sel.info();
            case STORAGE << 8 | 0x42 -> sel.reserve();
            case STORAGE << 8 | 0x43 -> sel.entry(d);
            case STORAGE << 8 | 0x47 -> sel.clear(d);
            case STORAGE << 8 | 0x48 -> {
                byte[] t = new byte[4];
                Wire.putU32(t, 0, (int) bmc.now().getEpochSecond());
                yield Answer.ok(t);
            }
            default -> Answer.error(0xC1);
        };
    }

    private Answer deviceId() {
        int m = bmc.spec().manufacturerId();
        int p = bmc.spec().productId();
        // Device available, firmware 1.00, IPMI 2.0; chassis, FRU inventory, SEL and SDR repository devices.
        return Answer.ok(0x20, 0x01, 0x01, 0x00, 0x02, 0x8E, m, m >>> 8, m >>> 16, p, p >>> 8);
    }

    private Answer authCapabilities(byte[] d) {
        if (d.length < 2) {
            return Answer.error(0xC7);
        }
        int channel = d[0] & 0x0F;
        if (channel != 0x0E && channel != 0x01) {
            return Answer.error(0xCC);
        }
        boolean v2 = (d[0] & 0x80) != 0;
        // No IPMI v1.5 authentication type is enabled; RMCP+ is (bit 7 with the extended data).
        // Non-null user names only: no anonymous or null-user logins.
        return Answer.ok(0x01, v2 ? 0x80 : 0x00, 0x04, v2 ? 0x02 : 0x00, 0, 0, 0, 0);
    }

    private Answer cipherSuites(byte[] d) {
        if (d.length < 3) {
            return Answer.error(0xC7);
        }
        if ((d[1] & 0xFF) != 0x00) {
            return Answer.error(0xCC); // records are listed for the IPMI payload
        }
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int id : bmc.spec().cipherSuites()) {
            Suite s = Suite.of(id);
            all.writeBytes(Wire.bytes(0xC0, id, s.auth(), 0x40 | s.integrity(), 0x80 | s.confidentiality()));
        }
        byte[] records = all.toByteArray();
        int index = d[2] & 0x3F;
        int from = Math.min(records.length, index * 16);
        int to = Math.min(records.length, from + 16);
        byte[] out = new byte[1 + to - from];
        out[0] = 0x01;
        System.arraycopy(records, from, out, 1, to - from);
        return Answer.ok(out);
    }

    private Answer setPrivilege(Session s, byte[] d) {
        if (d.length < 1) {
            return Answer.error(0xC7);
        }
        int want = d[0] & 0x0F;
        if (want == 0) {
            return Answer.ok(s.privilege);
        }
        if (want == 1 || want > 5) {
            return Answer.error(0x80);
        }
        if (want > s.privilegeLimit) {
            return Answer.error(0x81);
        }
        s.privilege = want;
        return Answer.ok(want);
    }

    private Answer closeSession(Session s, byte[] d) {
        if (d.length < 4) {
            return Answer.error(0xC7);
        }
        int id = Wire.u32(d, 0);
        Session target = id == 0 ? null : bmc.session(id);
        if (target == null) {
            return Answer.error(0x87);
        }
        if (target != s && s.privilege < ADMIN) {
            return Answer.error(0x88);
        }
        return new Answer(0, new byte[0], target);
    }

    private Answer chassisStatus() {
        boolean on = bmc.machine().powerState() == PowerState.ON;
        // Power on or off, restore policy "stays off", no power faults: the machine's troubles go to the SEL.
        return Answer.ok(on ? 0x01 : 0x00, 0x00, 0x00, 0x00);
    }

    private Answer chassisControl(byte[] d) {
        if (d.length != 1) {
            return Answer.error(0xC7);
        }
        SimulatedMachine m = bmc.machine();
        boolean on = m.powerState() == PowerState.ON;
        return switch (d[0] & 0x0F) {
            case 0x00 -> {
                m.powerOff();
                yield Answer.ok();
            }
            case 0x01 -> {
                m.powerOn();
                yield Answer.ok();
            }
            // Cycling, resetting, interrupting or soft-stopping a machine that is off: not now.
            case 0x02 -> on && m.powerCycle() ? Answer.ok() : Answer.error(0xD5);
            case 0x03 -> on && m.reset() ? Answer.ok() : Answer.error(0xD5);
            case 0x04 -> on && m.injectNmi() ? Answer.ok() : Answer.error(0xD5);
            case 0x05 -> on && m.requestSoftOff() ? Answer.ok() : Answer.error(0xD5);
            default -> Answer.error(0xCC);
        };
    }

    private byte[] fru() {
        if (fru == null) {
            fru = FruImage.of(bmc.spec(), bmc.machine());
        }
        return fru;
    }

    private Answer fruInfo(byte[] d) {
        if (d.length != 1) {
            return Answer.error(0xC7);
        }
        if ((d[0] & 0xFF) != 0) {
            return Answer.error(0xCB);
        }
        int n = fru().length;
        return Answer.ok(n, n >>> 8, 0x00);
    }

    private Answer readFru(byte[] d) {
        if (d.length != 4) {
            return Answer.error(0xC7);
        }
        if ((d[0] & 0xFF) != 0) {
            return Answer.error(0xCB);
        }
        int offset = Wire.u16(d, 1);
        int count = d[3] & 0xFF;
        byte[] image = fru();
        if (offset >= image.length) {
            return Answer.error(0xC9);
        }
        int n = Math.min(count, image.length - offset);
        byte[] out = new byte[1 + n];
        out[0] = (byte) n;
        System.arraycopy(image, offset, out, 1, n);
        return Answer.ok(out);
    }
}
