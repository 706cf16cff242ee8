package org.bmsdk.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bmctl boot get} and {@code bmctl boot set DEVICE [--persistent] [--uefi|--legacy]}. */
@Command(name = "boot", mixinStandardHelpOptions = true, description = "Read or set where the machine boots next.",
        subcommands = {BootCommand.Get.class, BootCommand.Set.class})
final class BootCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Map<String, Object> describe(Optional<BootOverride> override) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("device", override.map(o -> name(o.device())).orElse(null));
        doc.put("mode", override.map(o -> o.mode().name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
        doc.put("persistent", override.map(o -> o.persistence() == BootPersistence.PERSISTENT).orElse(false));
        return doc;
    }

    static String text(Map<String, Object> doc) {
        return doc.get("device") == null ? "boot: normal order (no override)"
                : "boot: " + doc.get("device") + " (" + doc.get("mode") + ", " + (Boolean.TRUE.equals(doc.get("persistent")) ? "persistent" : "once")
                        + ")";
    }

    private static String name(BootDevice d) {
        return switch (d) {
            case PXE -> "pxe";
            case DISK -> "disk";
            case CDROM -> "cdrom";
            case BIOS_SETUP -> "bios";
            case UEFI_HTTP -> "uefi-http";
        };
    }

    /** {@code bmctl boot get}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the boot override.")
    static final class Get implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            BmcCommands.run(spec, BootControl.class, bc -> describe(bc.bootOverride()), BootCommand::text);
        }
    }

    /** {@code bmctl boot set DEVICE}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Boot from DEVICE: pxe, disk, cdrom, bios or uefi-http; once unless --persistent. Read back after setting.")
    static final class Set implements Runnable {
        @Parameters(index = "0", paramLabel = "DEVICE")
        String device;

        @Option(names = "--persistent", description = "Every boot until changed (default: the next boot only).")
        boolean persistent;

        @ArgGroup(exclusive = true)
        Mode mode = new Mode();

        /** --uefi or --legacy, UEFI by default. */
        static final class Mode {
            @Option(names = "--uefi", description = "UEFI boot mode (the default).")
            boolean uefi;

            @Option(names = "--legacy", description = "Legacy BIOS boot mode.")
            boolean legacy;
        }

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            BootDevice d = switch (device) {
                case "pxe" -> BootDevice.PXE;
                case "disk" -> BootDevice.DISK;
                case "cdrom" -> BootDevice.CDROM;
                case "bios" -> BootDevice.BIOS_SETUP;
                case "uefi-http" -> BootDevice.UEFI_HTTP;
                default -> throw new IllegalArgumentException("boot set takes pxe, disk, cdrom, bios or uefi-http, but was '" + device + "'");
            };
            BootOverride wanted = new BootOverride(d, mode.legacy ? BootMode.LEGACY : BootMode.UEFI,
                    persistent ? BootPersistence.PERSISTENT : BootPersistence.ONCE);
            BmcCommands.run(spec, BootControl.class, bc -> {
                bc.setBootOverride(wanted);
                return describe(bc.bootOverride());
            }, BootCommand::text);
        }
    }
}
