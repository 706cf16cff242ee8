package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.BootOverride;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.bmc.PowerState;

/**
 * A consistent snapshot of a machine's state, read at one instant under its lock: a protocol
 * simulator answering one request should read this rather than several getters, which another
 * thread or a deadline may change in between.
 *
 * @param at the clock's time of the snapshot
 * @param power on or off
 * @param os what the host is doing
 * @param currentBoot the boot running now, from {@link OsState#BOOTING} on; empty while off or in POST
 * @param bootOverride the boot override the BMC holds
 * @param virtualMedia the URI of the inserted virtual media image
 */
public record MachineStatus(Instant at, PowerState power, OsState os, Optional<BootInfo> currentBoot,
        Optional<BootOverride> bootOverride, Optional<String> virtualMedia) {

    /** Validates the components. */
    public MachineStatus {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(currentBoot, "currentBoot");
        Objects.requireNonNull(bootOverride, "bootOverride");
        Objects.requireNonNull(virtualMedia, "virtualMedia");
    }
}
