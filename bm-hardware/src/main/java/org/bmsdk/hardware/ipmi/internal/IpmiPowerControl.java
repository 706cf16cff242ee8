package org.bmsdk.hardware.ipmi.internal;

import java.time.Duration;
import org.bmsdk.hardware.internal.PollDeadline;
import java.util.Objects;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.hardware.ipmi.internal.Commands.ChassisAction;

/**
 * Power through Chassis Control, confirmed by polling Get Chassis Status until the action's target
 * state is reached. ON and OFF send nothing when the machine is already there; REBOOT and
 * POWER_CYCLE of a machine that is off power it up (a reset or cycle of an off machine does
 * nothing on many BMCs); SOFT_REBOOT is soft shutdown, wait for off, power up.
 */
final class IpmiPowerControl implements PowerControl {

    /** How long a forced power-off after a failed graceful shutdown may take. */
    static final Duration FORCED_OFF_TIMEOUT = Duration.ofMinutes(1);
    /** Completion code D5h: "command not supported in present state". */
    private static final int NOT_IN_PRESENT_STATE = 0xD5;

    private final IpmiConnection connection;

    IpmiPowerControl(IpmiConnection connection) {
        this.connection = connection;
    }

    @Override
    public PowerState powerState() {
        return connection.operation("power.state", this::read);
    }

    private PowerState read(ErrorContext where) {
        ChassisStatus s = connection.call(Commands.getChassisStatus(), where, ChassisStatus::decode);
        return s.powerOn() ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public void perform(PowerAction action, Duration timeout) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(timeout, "timeout");
        connection.operation("power." + action.name().toLowerCase(java.util.Locale.ROOT), where -> {
            PollDeadline deadline = new PollDeadline(connection.clock(), timeout, connection.options().powerPollInterval());
            switch (action) {
                case ON -> changeTo(PowerState.ON, ChassisAction.POWER_UP, where, deadline, timeout);
                case OFF -> changeTo(PowerState.OFF, ChassisAction.POWER_DOWN, where, deadline, timeout);
                case SOFT_OFF -> changeTo(PowerState.OFF, ChassisAction.SOFT_SHUTDOWN, where, deadline, timeout);
                case REBOOT -> restart(ChassisAction.HARD_RESET, where, deadline, timeout);
                case POWER_CYCLE -> restart(ChassisAction.POWER_CYCLE, where, deadline, timeout);
                case SOFT_REBOOT -> {
                    changeTo(PowerState.OFF, ChassisAction.SOFT_SHUTDOWN, where, deadline, timeout);
                    changeTo(PowerState.ON, ChassisAction.POWER_UP, where, deadline, timeout);
                }
                case INJECT_NMI -> nmi(where);
                default -> throw new IllegalArgumentException("unknown power action " + action);
            }
            return null;
        });
    }

    @Override
    public boolean gracefulShutdown(Duration timeout, boolean forceAfterTimeout) {
        Objects.requireNonNull(timeout, "timeout");
        return connection.operation("power.graceful_shutdown", where -> {
            if (read(where) == PowerState.OFF) {
                return true;
            }
            control(ChassisAction.SOFT_SHUTDOWN, where);
            try {
                waitFor(PowerState.OFF, where,
                        new PollDeadline(connection.clock(), timeout, connection.options().powerPollInterval()), timeout);
                return true;
            } catch (OperationTimeoutException e) {
                if (!forceAfterTimeout) {
                    throw e;
                }
            }
            control(ChassisAction.POWER_DOWN, where);
            waitFor(PowerState.OFF, where,
                    new PollDeadline(connection.clock(), FORCED_OFF_TIMEOUT, connection.options().powerPollInterval()),
                    FORCED_OFF_TIMEOUT);
            return false;
        });
    }

    private void changeTo(PowerState target, ChassisAction action, ErrorContext where, PollDeadline deadline, Duration timeout) {
        if (read(where) == target) {
            return;
        }
        control(action, where);
        waitFor(target, where, deadline, timeout);
    }

    private void restart(ChassisAction action, ErrorContext where, PollDeadline deadline, Duration timeout) {
        control(read(where) == PowerState.OFF ? ChassisAction.POWER_UP : action, where);
        waitFor(PowerState.ON, where, deadline, timeout);
    }

    /**
     * An NMI needs a running machine. Refused as the Redfish driver refuses it (NOT_IN_CURRENT_STATE)
     * rather than with the BMC's completion code, so callers handle it alike on every driver; the
     * BMC's own "not in present state" (D5h) means the same.
     */
    private void nmi(ErrorContext where) {
        PowerState now = read(where);
        if (now != PowerState.ON) {
            throw new UnsupportedCapabilityException("PowerControl", UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE,
                    "an NMI needs the machine on, and it is " + now, where);
        }
        IpmiResponse r = connection.call(Commands.chassisControl(ChassisAction.PULSE_DIAGNOSTIC_INTERRUPT), where);
        if (r.completionCode() == NOT_IN_PRESENT_STATE) {
            throw new UnsupportedCapabilityException("PowerControl", UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE,
                    "the BMC refused the NMI: " + CompletionCodes.describe(r.completionCode()), where);
        }
        r.require(where, 0);
    }

    private void control(ChassisAction action, ErrorContext where) {
        connection.call(Commands.chassisControl(action), where).require(where, 0);
    }

    private void waitFor(PowerState target, ErrorContext where, PollDeadline deadline, Duration timeout) {
        PowerState now = read(where);
        while (now != target) {
            if (deadline.passed()) {
                throw new OperationTimeoutException("the machine is still " + now + " after " + timeout + "; expected " + target,
                        where);
            }
            Duration pause = connection.options().powerPollInterval();
            Duration left = deadline.left();
            try {
                connection.sleeper().sleep(left.compareTo(pause) < 0 && !left.isZero() ? left : pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationTimeoutException("interrupted while waiting for " + target, where, e);
            }
            now = read(where);
        }
    }
}
