package org.bmsdk.testkit.redfish.internal;

import java.util.UUID;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * One machine as a BMC serves it: its resource id and what the BMC keeps about it beyond the
 * machine's own state (the boot mode set without an override, a graceful restart under way).
 */
public final class SystemState {

    private final String id;
    private final SimulatedMachine machine;
    private final UUID uuid;
    private volatile BootMode modeWithoutOverride;
    private volatile boolean restartPending;
    private volatile java.time.Instant lastResetAt;
    private volatile java.time.Instant bootProgressAt;

    /**
     * @param id the resource id of its System, Chassis and Manager
     * @param machine the machine
     */
    public SystemState(String id, SimulatedMachine machine) {
        this.id = id;
        this.machine = machine;
        this.uuid = UUID.nameUUIDFromBytes(("bm-sdk system " + machine.name()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        this.modeWithoutOverride = machine.spec().defaultBootMode();
    }

    /** @return the resource id */
    public String id() {
        return id;
    }

    /** @return the machine */
    public SimulatedMachine machine() {
        return machine;
    }

    /** @return a stable UUID derived from the machine's name */
    public UUID uuid() {
        return uuid;
    }

    /** @return the boot mode shown while no override is set */
    public BootMode modeWithoutOverride() {
        return modeWithoutOverride;
    }

    /** @param mode the boot mode shown while no override is set */
    public void modeWithoutOverride(BootMode mode) {
        this.modeWithoutOverride = mode;
    }

    /** @return whether a graceful restart waits for the OS to power off */
    public boolean restartPending() {
        return restartPending;
    }

    /** @param pending whether a graceful restart waits for the OS to power off */
    public void restartPending(boolean pending) {
        this.restartPending = pending;
    }

    /** @return when firmware last started (a power on, reset, power cycle or restart), or null before the first */
    public java.time.Instant lastResetAt() {
        return lastResetAt;
    }

    /** @return when the host last changed state (BootProgress.LastStateTime), or null before the first change */
    public java.time.Instant bootProgressAt() {
        return bootProgressAt;
    }

    /**
     * Records a change of the host's state, as the machine reported it.
     *
     * @param at when
     * @param firmwareStarted whether POST started, i.e. the system was reset or powered on
     */
    public void hostStateChanged(java.time.Instant at, boolean firmwareStarted) {
        bootProgressAt = at;
        if (firmwareStarted) {
            lastResetAt = at;
        }
    }
}
