package org.bmsdk.testkit.redfish.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;

/** Translations between bm-api's values and Redfish's words for them. */
final class Vocabulary {

    /** The boot override targets offered, in the order they are listed. */
    static final List<String> BOOT_TARGETS = List.of("None", "Pxe", "Hdd", "Cd", "BiosSetup", "UefiHttp");
    /** The reset types offered. */
    static final List<String> RESET_TYPES = List.of("On", "ForceOff", "GracefulShutdown", "GracefulRestart",
            "ForceRestart", "PowerCycle", "Nmi");

    private Vocabulary() {
    }

    static String bootTarget(BootDevice d) {
        switch (d) {
            case PXE:
                return "Pxe";
            case DISK:
                return "Hdd";
            case CDROM:
                return "Cd";
            case BIOS_SETUP:
                return "BiosSetup";
            case UEFI_HTTP:
                return "UefiHttp";
            default:
                throw new IllegalArgumentException("no Redfish boot target for " + d);
        }
    }

    /** @return the device, or empty for {@code None} */
    static Optional<BootDevice> bootDevice(String target) {
        switch (target) {
            case "Pxe":
                return Optional.of(BootDevice.PXE);
            case "Hdd":
                return Optional.of(BootDevice.DISK);
            case "Cd":
                return Optional.of(BootDevice.CDROM);
            case "BiosSetup":
                return Optional.of(BootDevice.BIOS_SETUP);
            case "UefiHttp":
                return Optional.of(BootDevice.UEFI_HTTP);
            default:
                return Optional.empty();
        }
    }

    static String bootMode(BootMode m) {
        return m == BootMode.UEFI ? "UEFI" : "Legacy";
    }

    static Optional<BootMode> bootMode(String s) {
        switch (s) {
            case "UEFI":
                return Optional.of(BootMode.UEFI);
            case "Legacy":
                return Optional.of(BootMode.LEGACY);
            default:
                return Optional.empty();
        }
    }

    /**
     * A Redfish date-time, to the millisecond: a client that watches {@code LastResetTime} must see
     * two resets within one second as two values.
     */
    static String dateTime(java.time.Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    static String power(PowerState p) {
        return p == PowerState.ON ? "On" : "Off";
    }

    static String health(HealthStatus h) {
        switch (h) {
            case WARNING:
                return "Warning";
            case CRITICAL:
                return "Critical";
            default:
                return "OK";
        }
    }

    static String mediaType(DiskMedia m) {
        return m == DiskMedia.HDD ? "HDD" : "SSD";
    }

    static String protocol(DiskProtocol p) {
        switch (p) {
            case SAS:
                return "SAS";
            case NVME:
                return "NVMe";
            default:
                return "SATA";
        }
    }

    static String instructionSet(String arch) {
        switch (arch) {
            case "aarch64":
                return "ARM-A64";
            case "ppc64le":
                return "PowerISA";
            default:
                return "x86-64";
        }
    }

    static String architecture(String arch) {
        switch (arch) {
            case "aarch64":
                return "ARM";
            case "ppc64le":
                return "Power";
            default:
                return "x86";
        }
    }

    static String cpuMaker(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        if (m.contains("intel")) {
            return "Intel(R) Corporation";
        } else if (m.contains("amd")) {
            return "Advanced Micro Devices, Inc.";
        } else if (m.contains("ampere")) {
            return "Ampere(R)";
        }
        return "Unknown";
    }
}
