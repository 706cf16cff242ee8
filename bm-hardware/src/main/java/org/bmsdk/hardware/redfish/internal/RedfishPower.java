package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TaskHandle;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.hardware.internal.PollDeadline;

/**
 * Power through {@code ComputerSystem.Reset}. Each action is mapped to the first reset type of the
 * quirk table's list that the BMC allows ({@code ResetType@Redfish.AllowableValues}); when none is,
 * the documented fallbacks apply: PowerCycle and ForceRestart as ForceOff then On, GracefulRestart
 * as GracefulShutdown then On. A call returns once {@code PowerState} shows the action's target.
 *
 * <p>A restart (ForceRestart, GracefulRestart, PowerCycle) is harder to see: {@code PowerState}
 * stays On through a warm reset, and a graceful restart starts with the OS shutting down, while
 * the BMC still says On. So a restart returns once the machine is On <em>and</em> the restart was
 * seen: {@code PowerState} Off (or PoweringOff/PoweringOn) after the request, or a new
 * {@code LastResetTime}, or a new {@code BootProgress.LastStateTime} with the host back in firmware
 * or booting. A BMC that offers neither of the two times gives nothing that tells a restart done from
 * one not yet begun; with such a BMC the call returns once {@code PowerState} is On, unless Off was
 * seen, as before.
 */
final class RedfishPower implements PowerControl {

    private final Ops ops;

    RedfishPower(Ops ops) {
        this.ops = ops;
    }

    @Override
    public PowerState powerState() {
        return ops.call(PowerControl.class, "power.state", ctx -> read(ctx));
    }

    @Override
    public void perform(PowerAction action, Duration timeout) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(timeout, "timeout");
        ops.run(PowerControl.class, "power." + action.name().toLowerCase(java.util.Locale.ROOT), ctx -> {
            Instant deadline = ops.clock().instant().plus(timeout);
            Resource system = ops.http().get(ctx, ops.connection().systemPath());
            PowerState now = stateOf(system);
            if (action == PowerAction.INJECT_NMI && now != PowerState.ON) {
                throw new UnsupportedCapabilityException("PowerControl", UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE,
                        "an NMI needs the machine on, and it is " + now, ctx);
            }
            if (action.target() == PowerState.OFF && now == PowerState.OFF || action == PowerAction.ON && now == PowerState.ON) {
                return;
            }
            for (String step : plan(action, system, now, ctx)) {
                RestartMarks before = isRestart(step) ? RestartMarks.of(system) : null;
                reset(ctx, system, step, deadline);
                PowerState target = targetOf(step);
                if (before != null) {
                    awaitRestart(ctx, step, before, deadline, timeout);
                } else if (target != null) {
                    awaitState(ctx, target, deadline, timeout);
                }
            }
        });
    }

    @Override
    public boolean gracefulShutdown(Duration timeout, boolean forceAfterTimeout) {
        return ops.call(PowerControl.class, "power.graceful_shutdown", ctx -> {
            Instant deadline = ops.clock().instant().plus(timeout);
            Resource system = ops.http().get(ctx, ops.connection().systemPath());
            if (stateOf(system) == PowerState.OFF) {
                return true;
            }
            String type = plan(PowerAction.SOFT_OFF, system, PowerState.ON, ctx).get(0);
            reset(ctx, system, type, deadline);
            try {
                awaitState(ctx, PowerState.OFF, deadline, timeout);
                return true;
            } catch (OperationTimeoutException e) {
                if (!forceAfterTimeout) {
                    throw e;
                }
            }
            Instant forceDeadline = ops.clock().instant().plus(timeout);
            reset(ctx, system, "ForceOff", forceDeadline);
            awaitState(ctx, PowerState.OFF, forceDeadline, timeout);
            return false;
        });
    }

    /** The reset types to send in order for an action. */
    private List<String> plan(PowerAction action, Resource system, PowerState now, ErrorContext ctx) {
        List<String> allowed = system.strings("Actions", "#ComputerSystem.Reset", "ResetType@Redfish.AllowableValues");
        List<String> preferred = ops.http().quirks().resetTypes().getOrDefault(action.name(), List.of());
        Optional<String> direct = preferred.stream().filter(t -> allowed.isEmpty() || allowed.contains(t)).findFirst();
        boolean restart = action == PowerAction.REBOOT || action == PowerAction.POWER_CYCLE || action == PowerAction.SOFT_REBOOT;
        if (restart && now == PowerState.OFF) {
            // Restarting a machine that is off means turning it on; several BMCs refuse a restart while off.
            return plan(PowerAction.ON, system, now, ctx);
        }
        if (direct.isPresent()) {
            return List.of(direct.get());
        }
        List<String> steps = new ArrayList<>();
        switch (action) {
            case REBOOT:
            case POWER_CYCLE:
                steps.add(pick(allowed, PowerAction.OFF, ctx));
                steps.add(pick(allowed, PowerAction.ON, ctx));
                return steps;
            case SOFT_REBOOT:
                steps.add(pick(allowed, PowerAction.SOFT_OFF, ctx));
                steps.add(pick(allowed, PowerAction.ON, ctx));
                return steps;
            default:
                throw notOffered(action, allowed, ctx);
        }
    }

    private String pick(List<String> allowed, PowerAction action, ErrorContext ctx) {
        return ops.http().quirks().resetTypes().getOrDefault(action.name(), List.of()).stream()
                .filter(t -> allowed.isEmpty() || allowed.contains(t)).findFirst()
                .orElseThrow(() -> notOffered(action, allowed, ctx));
    }

    private static UnsupportedCapabilityException notOffered(PowerAction action, List<String> allowed, ErrorContext ctx) {
        return new UnsupportedCapabilityException("PowerControl", UnsupportedCapabilityException.Reason.NOT_OFFERED,
                action + " is not possible with the reset types this BMC allows " + allowed, ctx);
    }

    private void reset(ErrorContext ctx, Resource system, String type, Instant deadline) {
        String target = system.requireText("Actions", "#ComputerSystem.Reset", "target");
        ObjectNode body = Json.object().put("ResetType", type);
        Writer writer = new Writer(ops.http());
        HttpResult r = writer.action(ctx, target, body, false);
        Duration left = Duration.between(ops.clock().instant(), deadline);
        if (!left.isNegative() && !left.isZero()) {
            writer.awaitTask(ctx, r, left, () -> TaskHandle.State.COMPLETED);
        }
    }

    private static PowerState targetOf(String resetType) {
        switch (resetType) {
            case "On":
            case "ForceOn":
            case "ForceRestart":
            case "GracefulRestart":
            case "PowerCycle":
                return PowerState.ON;
            case "ForceOff":
            case "GracefulShutdown":
            case "PushPowerButton":
                return PowerState.OFF;
            default:
                return null;
        }
    }

    private void awaitState(ErrorContext ctx, PowerState target, Instant deadline, Duration timeout) {
        PowerState last;
        PollDeadline polls = new PollDeadline(ops.clock(), Duration.between(ops.clock().instant(), deadline), ops.http().options().pollInterval());
        while (true) {
            last = read(ctx);
            if (last == target) {
                return;
            }
            if (polls.passed()) {
                throw new OperationTimeoutException("the machine is " + last + " after " + timeout + ", not " + target, ctx);
            }
            ops.http().sleep(ops.http().options().pollInterval(), ctx);
        }
    }

    private static boolean isRestart(String resetType) {
        return resetType.equals("ForceRestart") || resetType.equals("GracefulRestart") || resetType.equals("PowerCycle");
    }

    /**
     * Polls the System until a restart was seen and the machine is On again (see the class comment);
     * with a BMC that shows no restart times, until it is On.
     */
    private void awaitRestart(ErrorContext ctx, String resetType, RestartMarks before, Instant deadline, Duration timeout) {
        PollDeadline polls = new PollDeadline(ops.clock(), Duration.between(ops.clock().instant(), deadline), ops.http().options().pollInterval());
        boolean seen = false;
        PowerState last;
        while (true) {
            Resource system = ops.http().get(ctx, ops.connection().systemPath());
            last = stateOf(system);
            seen = seen || last == PowerState.OFF || last == PowerState.POWERING_OFF || last == PowerState.POWERING_ON
                    || before.restartShownBy(system);
            if (last == PowerState.ON && (seen || !before.offered())) {
                return;
            }
            if (polls.passed()) {
                throw new OperationTimeoutException(seen
                        ? "the machine is " + last + " after " + timeout + ", not ON, following " + resetType
                        : resetType + " was accepted, but within " + timeout + " the BMC showed no restart (PowerState stayed "
                                + last + ", and neither LastResetTime nor BootProgress.LastStateTime changed)", ctx);
            }
            ops.http().sleep(ops.http().options().pollInterval(), ctx);
        }
    }

    /**
     * What a System showed before a restart, to tell a later reading that follows the restart.
     *
     * @param lastReset {@code LastResetTime}, or null when the BMC does not show it
     * @param progressTime {@code BootProgress.LastStateTime}, or null when the BMC does not show it
     */
    private record RestartMarks(String lastReset, String progressTime) {

        /** Host states of BootProgress that mean the firmware or the boot loader is running: a restart under way. */
        private static final java.util.Set<String> EARLY = java.util.Set.of("None", "PrimaryProcessorInitializationStarted",
                "BusInitializationStarted", "MemoryInitializationStarted", "SecondaryProcessorInitializationStarted",
                "PCIResourceConfigStarted", "SystemHardwareInitializationComplete", "SetupEntered", "OSBootStarted");

        static RestartMarks of(Resource system) {
            return new RestartMarks(system.text("LastResetTime").orElse(null),
                    system.text("BootProgress", "LastStateTime").orElse(null));
        }

        /** @return whether the BMC shows anything that changes with a restart */
        boolean offered() {
            return lastReset != null || progressTime != null;
        }

        boolean restartShownBy(Resource system) {
            Optional<String> reset = system.text("LastResetTime");
            if (reset.isPresent() && !reset.get().equals(lastReset)) {
                return true;
            }
            Optional<String> progress = system.text("BootProgress", "LastStateTime");
            return progress.isPresent() && !progress.get().equals(progressTime)
                    && system.text("BootProgress", "LastState").map(EARLY::contains).orElse(false);
        }
    }

    private PowerState read(ErrorContext ctx) {
        return stateOf(ops.http().getText(ctx, ops.connection().systemPath(), "PowerState").orElse(""));
    }

    static PowerState stateOf(Resource system) {
        return stateOf(system.text("PowerState").orElse(""));
    }

    static PowerState stateOf(String powerState) {
        switch (powerState) {
            case "On":
                return PowerState.ON;
            case "Off":
                return PowerState.OFF;
            case "PoweringOn":
                return PowerState.POWERING_ON;
            case "PoweringOff":
                return PowerState.POWERING_OFF;
            default:
                return PowerState.UNKNOWN;
        }
    }
}
