package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.BootOverride;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.time.ManualClock;

/**
 * One run of the state-machine property: a machine and its reference model, driven by the same
 * operations, plus what the machine's listeners heard.
 */
final class MachineHarness {

    private final ManualClock clock = ManualClock.create();
    private final SimulatedMachine machine;
    private final ReferenceMachine model;
    private final List<BootInfo> boots = new ArrayList<>();
    private PowerState heardPower = PowerState.OFF;
    private OsState heardOs = OsState.OFF;
    private Instant lastEventAt = Instant.MIN;
    private BootOverride trackedOnce;
    private int bootsBeforeOnce;

    MachineHarness(MachineSpec spec) {
        this.machine = SimulatedMachine.create(spec, clock);
        this.model = new ReferenceMachine(spec);
        machine.addListener(this::hear);
    }

    // Operations: each runs on both and the machine must answer as the model does.

    void powerOn() {
        both("powerOn", machine::powerOn, model::powerOn);
    }

    void powerOff() {
        both("powerOff", machine::powerOff, now -> model.powerOff());
    }

    void softOff() {
        both("requestSoftOff", machine::requestSoftOff, model::softOff);
    }

    void reset() {
        both("reset", machine::reset, model::reset);
    }

    void powerCycle() {
        both("powerCycle", machine::powerCycle, now -> {
            boolean on = model.power == PowerState.ON;
            if (on) {
                model.powerOff();
                model.powerOn(now);
            }
            return on;
        });
    }

    void nmi() {
        both("injectNmi", machine::injectNmi, now -> model.nmi());
    }

    void crash() {
        both("crash", () -> machine.faults().crash(), now -> model.crash());
    }

    void advance(Duration d) {
        clock.advance(d);
        model.runUntil(clock.instant());
    }

    void setOverride(BootOverride override) {
        both("setBootOverride", () -> {
            machine.setBootOverride(override);
            return true;
        }, now -> {
            model.override = override;
            return true;
        });
        trackedOnce = override.persistence() == BootPersistence.ONCE ? override : null;
        bootsBeforeOnce = boots.size();
    }

    void clearOverride() {
        both("clearBootOverride", () -> {
            machine.clearBootOverride();
            return true;
        }, now -> {
            model.override = null;
            return true;
        });
        trackedOnce = null;
    }

    void insertMedia() {
        both("insertVirtualMedia", () -> {
            machine.insertVirtualMedia("http://images/ipa.iso");
            return true;
        }, now -> {
            model.media = "http://images/ipa.iso";
            return true;
        });
    }

    void ejectMedia() {
        both("ejectVirtualMedia", () -> {
            machine.ejectVirtualMedia();
            return true;
        }, now -> {
            model.media = null;
            return true;
        });
    }

    void fault(String which) {
        both("fault " + which, () -> {
            switch (which) {
                case "hangOnShutdown" -> machine.faults().hangOnShutdown();
                case "failPost" -> machine.faults().failPost();
                case "bootLoop" -> machine.faults().bootLoop();
                default -> machine.faults().clear();
            }
            return true;
        }, now -> {
            boolean clear = which.equals("clear");
            model.hangOnShutdown = !clear && (model.hangOnShutdown || which.equals("hangOnShutdown"));
            model.failPost = !clear && (model.failPost || which.equals("failPost"));
            model.bootLoop = !clear && (model.bootLoop || which.equals("bootLoop"));
            return true;
        });
    }

    // Invariants.

    void powerAndOsAgree() {
        MachineStatus s = machine.status();
        assertEquals(s.power() == PowerState.OFF, s.os() == OsState.OFF, "power off exactly when the OS is off: " + s);
        if (s.os() == OsState.RUNNING) {
            assertEquals(PowerState.ON, s.power());
        }
        if (s.os() == OsState.OFF || s.os() == OsState.POST) {
            assertEquals(Optional.empty(), s.currentBoot(), "no boot before a device is chosen: " + s);
        }
        if (s.os() == OsState.BOOTING || s.os() == OsState.RUNNING || s.os() == OsState.SHUTTING_DOWN) {
            assertTrue(s.currentBoot().isPresent(), "a boot is running: " + s);
        }
    }

    void matchesModel() {
        MachineStatus s = machine.status();
        assertEquals(model.power, s.power(), "power");
        assertEquals(model.os, s.os(), "OS state");
        assertEquals(Optional.ofNullable(model.override), s.bootOverride(), "boot override");
        assertEquals(Optional.ofNullable(model.media), s.virtualMedia(), "virtual media");
        assertEquals(Optional.ofNullable(model.current), s.currentBoot().map(ReferenceMachine.Expected::of), "boot");
        assertEquals(model.due(), machine.nextTransitionAt(), "next transition");
    }

    void onceOverrideUsedOnce() {
        if (trackedOnce == null) {
            return;
        }
        List<BootInfo> since = boots.subList(bootsBeforeOnce, boots.size());
        if (machine.bootOverride().equals(Optional.of(trackedOnce))) {
            assertEquals(List.of(), since, "a once override still held has not been used");
            return;
        }
        assertFalse(since.isEmpty(), "a once override is gone only once a boot used it");
        BootInfo used = since.get(0);
        assertTrue(used.fromOverride(), "the first boot after setting it used it");
        assertEquals(trackedOnce.mode(), used.mode());
        if (trackedOnce.device() != BootDevice.CDROM) {
            assertEquals(trackedOnce.device(), used.device());
        }
        assertTrue(since.stream().skip(1).noneMatch(BootInfo::fromOverride), "later boots did not: " + since);
    }

    void eventsTellTheState() {
        MachineStatus s = machine.status();
        assertEquals(s.power(), heardPower, "power as events told it");
        assertEquals(s.os(), heardOs, "OS state as events told it");
        assertFalse(lastEventAt.isAfter(clock.instant()), "no event from the future");
    }

    void close() {
        machine.close();
    }

    @Override
    public String toString() {
        return "MachineHarness[" + machine.spec() + ", postTime=" + machine.spec().postTime() + ", bootTime="
                + machine.spec().bootTime() + ", shutdownTime=" + machine.spec().shutdownTime() + ", acpi="
                + machine.spec().honoursAcpi() + ", status=" + machine.status() + "]";
    }

    private void both(String what, BooleanSupplier real, Function<Instant, Boolean> reference) {
        Instant now = clock.instant();
        model.runUntil(now);
        boolean expected = reference.apply(now);
        // A zero-length POST, boot or shutdown falls due at once, as it does in the machine.
        model.runUntil(now);
        assertEquals(expected, real.getAsBoolean(), what + " answered");
    }

    private void hear(MachineEvent event) {
        assertFalse(event.at().isBefore(lastEventAt), "events in time order");
        lastEventAt = event.at();
        if (event instanceof MachineEvent.PowerChanged p) {
            assertEquals(heardPower, p.from());
            heardPower = p.to();
        } else if (event instanceof MachineEvent.OsStateChanged o) {
            assertEquals(heardOs, o.from());
            heardOs = o.to();
            if (o.to() == OsState.BOOTING) {
                boots.add(o.boot().orElseThrow());
            }
        }
    }
}
