package org.bmsdk.hardware.ipmi.internal;

import java.util.Optional;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;

/**
 * Boot option parameter 5, the boot flags (IPMI v2.0 table 28-14): byte 1 holds valid (bit 7),
 * persistent (bit 6) and EFI (bit 5); byte 2 bits 5:2 the boot device selector.
 *
 * @param valid the boot flags valid bit
 * @param persistent applies to all future boots, not only the next
 * @param efi EFI boot rather than PC-compatible (legacy)
 * @param device the boot device selector, 4 bits
 */
record BootFlags(boolean valid, boolean persistent, boolean efi, int device) {

    static final int PARAMETER = 5;
    static final int NO_OVERRIDE = 0x0;
    static final int PXE = 0x1;
    static final int DISK = 0x2;
    static final int CDROM = 0x5;
    static final int BIOS_SETUP = 0x6;

    static BootFlags of(BootOverride o) {
        int device = switch (o.device()) {
            case PXE -> PXE;
            case DISK -> DISK;
            case CDROM -> CDROM;
            case BIOS_SETUP -> BIOS_SETUP;
            case UEFI_HTTP -> throw new IllegalArgumentException("UEFI HTTP boot has no IPMI boot device selector");
        };
        return new BootFlags(true, o.persistence() == BootPersistence.PERSISTENT, o.mode() == BootMode.UEFI, device);
    }

    /** @return the five data bytes of parameter 5 */
    byte[] encode() {
        return Bytes.of((valid ? 0x80 : 0) | (persistent ? 0x40 : 0) | (efi ? 0x20 : 0), device << 2, 0, 0, 0);
    }

    /**
     * Decodes the data of a Get System Boot Options answer for parameter 5.
     *
     * @param d parameter version, parameter valid and selector, then the five data bytes
     */
    static BootFlags decodeResponse(byte[] d) throws MalformedPacketException {
        PacketReader r = new PacketReader(d);
        r.skip(1, "parameter version");
        int selector = r.u8("parameter selector") & 0x7F;
        if (selector != PARAMETER) {
            throw new MalformedPacketException(DropReason.MALFORMED, "answer for boot parameter " + selector);
        }
        int b1 = r.u8("boot flags byte 1");
        int b2 = r.u8("boot flags byte 2");
        return new BootFlags((b1 & 0x80) != 0, (b1 & 0x40) != 0, (b1 & 0x20) != 0, b2 >>> 2 & 0x0F);
    }

    /** The override these flags describe, if any; devices without a {@link BootDevice} count as none. */
    Optional<BootOverride> toOverride(boolean ignoreValidBit) {
        if (!valid && !ignoreValidBit) {
            return Optional.empty();
        }
        BootDevice d = switch (device) {
            case PXE -> BootDevice.PXE;
            case DISK -> BootDevice.DISK;
            case CDROM -> BootDevice.CDROM;
            case BIOS_SETUP -> BootDevice.BIOS_SETUP;
            default -> null;
        };
        return Optional.ofNullable(d).map(x -> new BootOverride(x, efi ? BootMode.UEFI : BootMode.LEGACY,
                persistent ? BootPersistence.PERSISTENT : BootPersistence.ONCE));
    }
}
