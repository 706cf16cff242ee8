package org.bmsdk.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bmctl power status|on|off|soft-off|reset|cycle|nmi}. */
@Command(name = "power", mixinStandardHelpOptions = true,
        description = {"Read or change a machine's power through its BMC (--endpoint redfish://… or ipmi://…).",
            "off is a forced power-off; soft-off asks the OS to shut down and waits (--timeout), forcing it off only with "
                + "--force-after; reset is a hard reset; cycle powers off then on; nmi injects a non-maskable interrupt. "
                + "Every action returns once the machine has reached its target state."})
final class PowerCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "ACTION", description = "status, on, off, soft-off, reset, cycle or nmi")
    String action;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long to wait for the target state (default: 5m).")
    String timeout = "5m";

    @Option(names = "--force-after", description = "With soft-off: power off hard when the OS has not shut down in time.")
    boolean forceAfter;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Duration wait = SshCommand.Durations.parse(timeout);
        PowerAction power = switch (action) {
            case "status", "soft-off" -> null;
            case "on" -> PowerAction.ON;
            case "off" -> PowerAction.OFF;
            case "reset" -> PowerAction.REBOOT;
            case "cycle" -> PowerAction.POWER_CYCLE;
            case "nmi" -> PowerAction.INJECT_NMI;
            default -> throw new IllegalArgumentException(
                    "power takes status, on, off, soft-off, reset, cycle or nmi, but was '" + action + "'");
        };
        BmcCommands.run(spec, PowerControl.class, pc -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("action", action);
            if (action.equals("soft-off")) {
                doc.put("graceful", pc.gracefulShutdown(wait, forceAfter));
            } else if (power != null) {
                pc.perform(power, wait);
            }
            doc.put("powerState", pc.powerState().name());
            return doc;
        }, doc -> "power " + doc.get("powerState").toString().toLowerCase(java.util.Locale.ROOT)
                + (Boolean.FALSE.equals(doc.get("graceful")) ? " (forced off after " + timeout + ")" : ""));
    }
}
