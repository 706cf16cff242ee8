package org.bmsdk.testkit.machine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.bmc.PowerState;

/** A state change of a simulated machine. */
public sealed interface MachineEvent permits MachineEvent.PowerChanged, MachineEvent.OsStateChanged {

    /** @return the machine's name */
    String machine();

    /** @return when it happened, by the machine's clock (a deadline, when caught up late) */
    Instant at();

    /**
     * The power went on or off.
     *
     * @param machine the machine's name
     * @param at when
     * @param from the previous power state
     * @param to the new power state
     */
    record PowerChanged(String machine, Instant at, PowerState from, PowerState to) implements MachineEvent {

        /** Validates the components. */
        public PowerChanged {
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * The host's state changed.
     *
     * @param machine the machine's name
     * @param at when
     * @param from the previous state
     * @param to the new state
     * @param boot the current boot, once firmware has chosen a device (from {@link OsState#BOOTING} on)
     */
    record OsStateChanged(String machine, Instant at, OsState from, OsState to, Optional<BootInfo> boot)
            implements MachineEvent {

        /** Validates the components. */
        public OsStateChanged {
            Objects.requireNonNull(machine, "machine");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(boot, "boot");
        }
    }
}
