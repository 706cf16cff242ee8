package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.BootOverride;

import java.time.Instant;
import java.util.Optional;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.PowerState;

/**
 * A second, deliberately plain rendering of the rules that {@link SimulatedMachine}'s javadoc
 * states, written without looking at how the machine is built, for the state-machine property to
 * compare against. It knows nothing of consoles, logs or events.
 */
final class ReferenceMachine {

    private final MachineSpec spec;

    PowerState power = PowerState.OFF;
    OsState os = OsState.OFF;
    Instant due;
    BootOverride override;
    String media;
    boolean hangOnShutdown;
    boolean failPost;
    boolean bootLoop;
    long boots;
    Expected current;

    /** What the model expects of the current boot. */
    record Expected(long sequence, BootDevice device, BootMode mode, BootedImage image, boolean fromOverride) {
        static Expected of(BootInfo boot) {
            return new Expected(boot.sequence(), boot.device(), boot.mode(), boot.image(), boot.fromOverride());
        }
    }

    ReferenceMachine(MachineSpec spec) {
        this.spec = spec;
    }

    void runUntil(Instant now) {
        while (due != null && !due.isAfter(now)) {
            Instant t = due;
            due = null;
            if (os == OsState.POST) {
                if (failPost) {
                    os = OsState.HUNG;
                } else {
                    current = pickBoot();
                    os = OsState.BOOTING;
                    due = t.plus(spec.bootTime());
                }
            } else if (os == OsState.BOOTING) {
                if (bootLoop && current.image() != BootedImage.FIRMWARE_SETUP) {
                    os = OsState.PANICKED;
                    due = t.plus(SimulatedMachine.PANIC_REBOOT_DELAY);
                } else {
                    os = OsState.RUNNING;
                }
            } else if (os == OsState.SHUTTING_DOWN) {
                if (hangOnShutdown) {
                    os = OsState.HUNG;
                } else {
                    off();
                }
            } else if (os == OsState.PANICKED) {
                post(t);
            }
        }
    }

    boolean powerOn(Instant now) {
        if (power == PowerState.ON) {
            return false;
        }
        power = PowerState.ON;
        post(now);
        return true;
    }

    boolean powerOff() {
        if (power == PowerState.OFF) {
            return false;
        }
        off();
        return true;
    }

    boolean softOff(Instant now) {
        if (power == PowerState.OFF) {
            return false;
        }
        if (os == OsState.RUNNING && spec.honoursAcpi()) {
            os = OsState.SHUTTING_DOWN;
            due = now.plus(spec.shutdownTime());
        }
        return true;
    }

    boolean reset(Instant now) {
        if (power == PowerState.OFF) {
            return false;
        }
        post(now);
        return true;
    }

    boolean nmi() {
        if (power == PowerState.OFF) {
            return false;
        }
        crash();
        return true;
    }

    boolean crash() {
        boolean kernel = current != null && current.image() != BootedImage.FIRMWARE_SETUP
                && (os == OsState.BOOTING || os == OsState.RUNNING || os == OsState.SHUTTING_DOWN
                || os == OsState.HUNG);
        if (kernel) {
            os = OsState.PANICKED;
            due = null;
        }
        return kernel;
    }

    Optional<Instant> due() {
        return Optional.ofNullable(due);
    }

    private void post(Instant now) {
        os = OsState.POST;
        current = null;
        due = now.plus(spec.postTime());
    }

    private void off() {
        power = PowerState.OFF;
        os = OsState.OFF;
        current = null;
        due = null;
    }

    private Expected pickBoot() {
        BootOverride used = override;
        if (used != null && used.persistence() == BootPersistence.ONCE) {
            override = null;
        }
        BootDevice device = used != null ? used.device() : spec.defaultBootDevice();
        BootMode mode = used != null ? used.mode() : spec.defaultBootMode();
        BootedImage image;
        if (device == BootDevice.PXE || device == BootDevice.UEFI_HTTP) {
            image = BootedImage.NETWORK_RAMDISK;
        } else if (device == BootDevice.BIOS_SETUP) {
            image = BootedImage.FIRMWARE_SETUP;
        } else if (device == BootDevice.CDROM && media != null) {
            image = BootedImage.VIRTUAL_MEDIA;
        } else {
            device = BootDevice.DISK;
            image = BootedImage.DISK_OS;
        }
        boots++;
        return new Expected(boots, device, mode, image, used != null);
    }
}
