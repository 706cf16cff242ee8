package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.BootMode;

/**
 * What the simulated host prints on its serial console at each step. The lines imitate real
 * firmware and Linux closely enough that tests (and users' expect-style scripts) can wait for the
 * usual landmarks: "BIOS POST", "Booting from", "Linux version", "login:", "Kernel panic".
 */
final class ConsoleScript {

    private static final String NL = "\r\n";

    private ConsoleScript() {
    }

    static String post(MachineSpec spec) {
        return NL + "Simulated BIOS (bm-testkit) for " + spec.name() + NL
                + "BIOS POST: " + spec.cpus().size() + " CPU socket(s), " + spec.memoryMib() + " MiB memory ... OK"
                + NL;
    }

    static String postFailure() {
        return "BIOS POST: memory training failed on DIMM A1" + NL
                + "POST error 0x0302: system halted" + NL;
    }

    static String noVirtualMedia() {
        return "No media in virtual CD/DVD drive; trying the next boot device" + NL;
    }

    static String bootFrom(BootInfo boot) {
        String mode = boot.mode() == BootMode.UEFI ? "UEFI" : "legacy BIOS";
        switch (boot.image()) {
            case NETWORK_RAMDISK:
                return "Booting from " + boot.device() + " (" + mode + ")..." + NL
                        + "Downloading deploy kernel and ramdisk ... done" + NL + kernel();
            case VIRTUAL_MEDIA:
                return "Booting from virtual media " + boot.mediaUri().orElse("") + " (" + mode + ")..." + NL
                        + kernel();
            case FIRMWARE_SETUP:
                return "Entering firmware setup (" + mode + ")..." + NL;
            case VOLUME_OS:
                return "Booting from " + boot.device() + " (" + mode + ")..." + NL
                        + "iPXE initialising devices...ok" + NL
                        + "Registered SAN device 0x80" + NL
                        + "Booting from SAN device 0x80 (" + boot.mediaUri().orElse("") + ")" + NL + kernel();
            default:
                return "Booting from disk (" + mode + ")..." + NL + kernel();
        }
    }

    static String running(String host, BootInfo boot) {
        switch (boot.image()) {
            case NETWORK_RAMDISK:
                return NL + "bm-testkit service ramdisk (network boot) " + host + " ttyS0" + NL + NL + host + " login: ";
            case VIRTUAL_MEDIA:
                return NL + "bm-testkit service ramdisk (virtual media) " + host + " ttyS0" + NL + NL + host
                        + " login: ";
            case FIRMWARE_SETUP:
                return "Firmware setup utility. Press F10 to save and exit." + NL;
            default:
                return NL + "Debian GNU/Linux 12 " + host + " ttyS0" + NL + NL + host + " login: ";
        }
    }

    static String shutdownStarted() {
        return NL + "systemd-logind[812]: Power key pressed short." + NL
                + "systemd-logind[812]: Powering off..." + NL + "systemd[1]: Stopping services..." + NL;
    }

    static String poweredDown() {
        return "reboot: Power down" + NL;
    }

    static String shutdownHung() {
        return "INFO: task systemd-shutdow:1 blocked for more than 120 seconds." + NL
                + "      Not tainted 6.1.0-bmsdk #1" + NL;
    }

    static String nmiPanic() {
        return "Uhhuh. NMI received for unknown reason 3d on CPU 0." + NL
                + "Kernel panic - not syncing: NMI: Not continuing" + NL
                + "kdump: saving vmcore to /var/crash ... done" + NL
                + "---[ end Kernel panic - not syncing: NMI: Not continuing ]---" + NL;
    }

    static String crashPanic() {
        return "BUG: kernel NULL pointer dereference, address: 0000000000000000" + NL
                + "Kernel panic - not syncing: Fatal exception" + NL
                + "---[ end Kernel panic - not syncing: Fatal exception ]---" + NL;
    }

    static String bootLoopPanic(long rebootSeconds) {
        return "VFS: Cannot open root device \"UUID=...\" or unknown-block(0,0): error -6" + NL
                + "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)" + NL
                + "Rebooting in " + rebootSeconds + " seconds.." + NL;
    }

    private static String kernel() {
        return "Linux version 6.1.0-bmsdk (bm-testkit simulated kernel) #1 SMP" + NL
                + "Command line: console=ttyS0,115200n8" + NL;
    }
}
