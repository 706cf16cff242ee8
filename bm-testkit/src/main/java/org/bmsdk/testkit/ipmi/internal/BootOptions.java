package org.bmsdk.testkit.ipmi.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * Set and Get System Boot Options (IPMI v2.0 28.12, 28.13): parameter 5, the boot flags, is the
 * machine's boot override; parameters 0 (set in progress), 3 (valid-bit clearing), 4 (boot info
 * acknowledge), 6 and 7 are kept as written, as ipmitool writes some of them around the flags.
 */
final class BootOptions {

    /** Parameter number to its length. */
    private static final Map<Integer, Integer> LENGTHS = Map.of(0, 1, 3, 1, 4, 2, 5, 5, 6, 9, 7, 17);

    private final SimulatedMachine machine;
    private final Map<Integer, byte[]> kept = new HashMap<>();
    /** Boot flags whose valid bit was cleared, or whose device is "none": remembered but not in force. */
    private byte[] inactiveFlags;

    BootOptions(SimulatedMachine machine) {
        this.machine = machine;
        kept.put(0, new byte[1]);
        kept.put(3, new byte[1]);
        kept.put(4, new byte[2]);
        kept.put(6, new byte[9]);
        kept.put(7, new byte[17]);
    }

    CommandSet.Answer set(byte[] d) {
        if (d.length < 1) {
            return CommandSet.Answer.error(0xC7);
        }
        int param = d[0] & 0x7F;
        Integer len = LENGTHS.get(param);
        if (len == null) {
            return CommandSet.Answer.error(0x80); // parameter not supported
        }
        if (d.length - 1 < (param == 4 ? 2 : param == 7 ? 2 : len)) {
            return CommandSet.Answer.error(0xC7);
        }
        byte[] value = java.util.Arrays.copyOfRange(d, 1, Math.min(d.length, 1 + len));
        if (param == 5) {
            return setFlags(value);
        }
        if (param == 4) {
            // Bits set in the mask byte take the data byte's value.
            byte[] old = kept.get(4);
            old[1] = (byte) (old[1] & ~value[0] | value[1] & value[0]);
            return CommandSet.Answer.ok();
        }
        byte[] full = java.util.Arrays.copyOf(value, len);
        kept.put(param, full);
        return CommandSet.Answer.ok();
    }

    private CommandSet.Answer setFlags(byte[] f) {
        boolean valid = (f[0] & 0x80) != 0;
        int selector = (f[1] & 0x3C) >>> 2;
        if (!valid || selector == 0) {
            machine.clearBootOverride();
            inactiveFlags = f.clone();
            return CommandSet.Answer.ok();
        }
        BootDevice device = switch (selector) {
            case 0x1 -> BootDevice.PXE;
            case 0x2, 0x3, 0xB -> BootDevice.DISK;
            case 0x5, 0x8 -> BootDevice.CDROM;
            case 0x6 -> BootDevice.BIOS_SETUP;
            default -> null;
        };
        if (device == null) {
            return CommandSet.Answer.error(0xCC); // diagnostic partition, floppy: not on this machine
        }
        BootMode mode = (f[0] & 0x20) != 0 ? BootMode.UEFI : BootMode.LEGACY;
        BootPersistence persistence = (f[0] & 0x40) != 0 ? BootPersistence.PERSISTENT : BootPersistence.ONCE;
        machine.setBootOverride(new BootOverride(device, mode, persistence));
        inactiveFlags = null;
        return CommandSet.Answer.ok();
    }

    CommandSet.Answer get(byte[] d) {
        if (d.length < 3) {
            return CommandSet.Answer.error(0xC7);
        }
        int param = d[0] & 0x7F;
        Integer len = LENGTHS.get(param);
        if (len == null) {
            return CommandSet.Answer.error(0x80);
        }
        byte[] value = param == 5 ? flags() : kept.get(param);
        byte[] out = new byte[2 + value.length];
        out[0] = 0x01; // parameter version
        out[1] = (byte) param;
        System.arraycopy(value, 0, out, 2, value.length);
        return CommandSet.Answer.ok(out);
    }

    private byte[] flags() {
        Optional<BootOverride> o = machine.bootOverride();
        if (o.isEmpty()) {
            byte[] f = inactiveFlags != null ? inactiveFlags.clone() : new byte[5];
            f[0] &= 0x7F;
            return f;
        }
        BootOverride b = o.get();
        int selector = switch (b.device()) {
            case PXE, UEFI_HTTP -> 0x1;
            case DISK -> 0x2;
            case CDROM -> 0x5;
            case BIOS_SETUP -> 0x6;
        };
        int first = 0x80 | (b.persistence() == BootPersistence.PERSISTENT ? 0x40 : 0) | (b.mode() == BootMode.UEFI ? 0x20 : 0);
        return new byte[] {(byte) first, (byte) (selector << 2), 0, 0, 0};
    }
}
