package org.bmsdk.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bmsdk.api.bmc.BiosSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bmctl bios get|set K=V…|reset}. */
@Command(name = "bios", mixinStandardHelpOptions = true,
        description = {"Firmware settings: get, set NAME=VALUE… (applied at the next boot), reset (to defaults, at the next boot)."})
final class BiosCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "ACTION", description = "get, set or reset")
    String action;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME=VALUE")
    List<String> settings = List.of();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        Map<String, String> changes = new LinkedHashMap<>();
        switch (action) {
            case "get", "reset" -> {
                if (!settings.isEmpty()) {
                    throw new IllegalArgumentException("bios " + action + " takes no NAME=VALUE");
                }
            }
            case "set" -> {
                if (settings.isEmpty()) {
                    throw new IllegalArgumentException("bios set needs at least one NAME=VALUE");
                }
                for (String s : settings) {
                    int eq = s.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("a setting must be NAME=VALUE, but was '" + s + "'");
                    }
                    changes.put(s.substring(0, eq), s.substring(eq + 1));
                }
            }
            default -> throw new IllegalArgumentException("bios takes get, set NAME=VALUE… or reset, but was '" + action + "'");
        }
        BmcCommands.run(spec, BiosSettings.class, bios -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            if (action.equals("set")) {
                bios.update(changes);
                doc.put("requested", changes);
            } else if (action.equals("reset")) {
                bios.resetToDefaults();
                doc.put("requested", "reset to defaults");
            }
            doc.put("attributes", new TreeMap<>(bios.attributes()));
            return doc;
        }, BiosCommand::text);
    }

    private static String text(Map<String, Object> doc) {
        StringBuilder sb = new StringBuilder();
        if (doc.containsKey("requested")) {
            sb.append("requested ").append(doc.get("requested")).append(", applied at the next boot\n");
        }
        ((Map<?, ?>) doc.get("attributes")).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }
}
