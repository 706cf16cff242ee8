package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.HealthStatus;

import java.time.Instant;
import java.util.Optional;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.PowerState;

/**
 * The power and host state machine of one machine. Time is passed in: a state with a duration
 * (POST, booting, shutting down, rebooting after a panic) sets a deadline, and {@link #catchUp}
 * runs the transitions that fell due, each stamped with its own deadline. Not thread-safe: the
 * machine calls it under its lock.
 */
final class Lifecycle {

    /** Where the state machine's output goes. */
    interface Effects {
        void console(String text);

        void log(Instant at, HealthStatus severity, String message);

        void event(MachineEvent event);
    }

    private final MachineSpec spec;
    private final SimulatedBios bios;
    private final MachineFaults faults;
    private final Effects fx;

    private PowerState power = PowerState.OFF;
    private OsState os = OsState.OFF;
    private Instant deadline;
    private BootInfo currentBoot;
    private BootInfo lastBoot;
    private long bootCount;
    private BootOverride override;
    private String media;
    private String sanTarget;

    Lifecycle(MachineSpec spec, SimulatedBios bios, MachineFaults faults, Effects fx) {
        this.spec = spec;
        this.bios = bios;
        this.faults = faults;
        this.fx = fx;
    }

    PowerState power() {
        return power;
    }

    OsState os() {
        return os;
    }

    Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    Optional<BootInfo> currentBoot() {
        return Optional.ofNullable(currentBoot);
    }

    Optional<BootInfo> lastBoot() {
        return Optional.ofNullable(lastBoot);
    }

    Optional<BootOverride> bootOverride() {
        return Optional.ofNullable(override);
    }

    void setBootOverride(BootOverride value) {
        override = value;
    }

    Optional<String> media() {
        return Optional.ofNullable(media);
    }

    void setMedia(String uri) {
        media = uri;
    }

    Optional<String> sanTarget() {
        return Optional.ofNullable(sanTarget);
    }

    void setSanTarget(String target) {
        sanTarget = target;
    }

    MachineStatus status(Instant at) {
        return new MachineStatus(at, power, os, currentBoot(), bootOverride(), media());
    }

    /** Runs every transition due by {@code now}, in order. */
    void catchUp(Instant now) {
        while (deadline != null && !deadline.isAfter(now)) {
            Instant at = deadline;
            deadline = null;
            switch (os) {
                case POST:
                    finishPost(at);
                    break;
                case BOOTING:
                    finishBoot(at);
                    break;
                case SHUTTING_DOWN:
                    finishShutdown(at);
                    break;
                case PANICKED:
                    fx.log(at, HealthStatus.WARNING, "System restart after kernel panic");
                    startPost(at);
                    break;
                default:
                    throw new IllegalStateException("no deadline is set in state " + os);
            }
        }
    }

    boolean powerOn(Instant at) {
        if (power == PowerState.ON) {
            return false;
        }
        fx.log(at, HealthStatus.OK, "System power on");
        setPower(at, PowerState.ON);
        startPost(at);
        return true;
    }

    boolean powerOff(Instant at) {
        if (power == PowerState.OFF) {
            return false;
        }
        fx.log(at, HealthStatus.OK, "System power off");
        cutPower(at);
        return true;
    }

    boolean softOff(Instant at) {
        if (power == PowerState.OFF) {
            return false;
        }
        // Firmware, a hung or a panicked kernel cannot act on the ACPI event; nor can an OS that ignores it.
        if (os == OsState.RUNNING && spec.honoursAcpi()) {
            fx.console(ConsoleScript.shutdownStarted());
            setOs(at, OsState.SHUTTING_DOWN);
            deadline = at.plus(spec.shutdownTime());
        }
        return true;
    }

    boolean reset(Instant at) {
        if (power == PowerState.OFF) {
            return false;
        }
        fx.log(at, HealthStatus.OK, "System reset");
        startPost(at);
        return true;
    }

    boolean powerCycle(Instant at) {
        if (power == PowerState.OFF) {
            return false;
        }
        fx.log(at, HealthStatus.OK, "System power cycle");
        cutPower(at);
        setPower(at, PowerState.ON);
        startPost(at);
        return true;
    }

    boolean injectNmi(Instant at) {
        if (power == PowerState.OFF) {
            return false;
        }
        fx.log(at, HealthStatus.CRITICAL, "Diagnostic interrupt (NMI) received");
        if (kernelLoaded()) {
            panic(at, ConsoleScript.nmiPanic(), "OS stop: kernel panic after NMI");
        }
        return true;
    }

    boolean crash(Instant at) {
        if (!kernelLoaded()) {
            return false;
        }
        panic(at, ConsoleScript.crashPanic(), "OS stop: kernel panic (fatal exception)");
        return true;
    }

    private boolean kernelLoaded() {
        boolean kernelState = os == OsState.BOOTING || os == OsState.RUNNING || os == OsState.SHUTTING_DOWN
                || os == OsState.HUNG;
        return kernelState && currentBoot != null && currentBoot.image() != BootedImage.FIRMWARE_SETUP;
    }

    private void panic(Instant at, String consoleText, String logMessage) {
        fx.console(consoleText);
        fx.log(at, HealthStatus.CRITICAL, logMessage);
        deadline = null;
        setOs(at, OsState.PANICKED);
    }

    private void startPost(Instant at) {
        // Firmware applies staged BIOS changes as it starts, which is why real BMCs need a reboot for them.
        bios.applyPending();
        currentBoot = null;
        fx.console(ConsoleScript.post(spec));
        setOs(at, OsState.POST);
        deadline = at.plus(spec.postTime());
    }

    private void finishPost(Instant at) {
        if (faults.isFailPost()) {
            fx.console(ConsoleScript.postFailure());
            fx.log(at, HealthStatus.CRITICAL, "POST error: memory training failed on DIMM A1");
            setOs(at, OsState.HUNG);
            return;
        }
        currentBoot = chooseBoot(at);
        lastBoot = currentBoot;
        fx.console(ConsoleScript.bootFrom(currentBoot));
        setOs(at, OsState.BOOTING);
        deadline = at.plus(spec.bootTime());
    }

    private BootInfo chooseBoot(Instant at) {
        BootDevice device = spec.defaultBootDevice();
        BootMode mode = spec.defaultBootMode();
        boolean fromOverride = override != null;
        if (fromOverride) {
            device = override.device();
            mode = override.mode();
            if (override.persistence() == BootPersistence.ONCE) {
                override = null;
            }
        }
        BootedImage image;
        switch (device) {
            case PXE:
            case UEFI_HTTP:
                image = sanTarget != null ? BootedImage.VOLUME_OS : BootedImage.NETWORK_RAMDISK;
                break;
            case CDROM:
                image = media != null ? BootedImage.VIRTUAL_MEDIA : BootedImage.DISK_OS;
                break;
            case BIOS_SETUP:
                image = BootedImage.FIRMWARE_SETUP;
                break;
            default:
                image = BootedImage.DISK_OS;
                break;
        }
        if (device == BootDevice.CDROM && image == BootedImage.DISK_OS) {
            fx.console(ConsoleScript.noVirtualMedia());
            device = BootDevice.DISK;
        }
        Optional<String> uri = image == BootedImage.VIRTUAL_MEDIA ? Optional.of(media)
                : image == BootedImage.VOLUME_OS ? Optional.of(sanTarget) : Optional.empty();
        return new BootInfo(++bootCount, at, device, mode, image, uri, fromOverride);
    }

    private void finishBoot(Instant at) {
        if (faults.isBootLoop() && currentBoot.image() != BootedImage.FIRMWARE_SETUP) {
            fx.console(ConsoleScript.bootLoopPanic(SimulatedMachine.PANIC_REBOOT_DELAY.toSeconds()));
            fx.log(at, HealthStatus.CRITICAL, "OS stop: kernel panic while booting");
            setOs(at, OsState.PANICKED);
            deadline = at.plus(SimulatedMachine.PANIC_REBOOT_DELAY);
            return;
        }
        setOs(at, OsState.RUNNING);
        fx.console(ConsoleScript.running(spec.name(), currentBoot));
    }

    private void finishShutdown(Instant at) {
        if (faults.isHangOnShutdown()) {
            fx.console(ConsoleScript.shutdownHung());
            setOs(at, OsState.HUNG);
            return;
        }
        fx.console(ConsoleScript.poweredDown());
        fx.log(at, HealthStatus.OK, "System power off (OS shutdown)");
        cutPower(at);
    }

    private void cutPower(Instant at) {
        deadline = null;
        currentBoot = null;
        setOs(at, OsState.OFF);
        setPower(at, PowerState.OFF);
    }

    private void setOs(Instant at, OsState to) {
        OsState from = os;
        os = to;
        // A reset from POST to POST is still a new boot: tell listeners, so a ramdisk server stops.
        if (from != to || to == OsState.POST) {
            fx.event(new MachineEvent.OsStateChanged(spec.name(), at, from, to, currentBoot()));
        }
    }

    private void setPower(Instant at, PowerState to) {
        PowerState from = power;
        power = to;
        if (from != to) {
            fx.event(new MachineEvent.PowerChanged(spec.name(), at, from, to));
        }
    }
}
