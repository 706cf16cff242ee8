package org.bmsdk.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.bmc.LogEntry;
import org.bmsdk.api.bmc.SystemEventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bmctl sel list}: the BMC's system event log, oldest first. */
@Command(name = "sel", mixinStandardHelpOptions = true, description = "The BMC's system event log: list.")
final class SelCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "ACTION", description = "list")
    String action;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (!action.equals("list")) {
            throw new IllegalArgumentException("sel takes list, but was '" + action + "'");
        }
        BmcCommands.run(spec, SystemEventLog.class, log -> {
            List<Map<String, Object>> entries = log.entries().stream().map(SelCommand::describe).toList();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("entries", entries);
            return doc;
        }, SelCommand::text);
    }

    private static Map<String, Object> describe(LogEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("timestamp", e.timestamp().toString());
        m.put("severity", e.severity().name());
        m.put("message", e.message());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> doc) {
        List<Map<String, Object>> entries = (List<Map<String, Object>>) doc.get("entries");
        if (entries.isEmpty()) {
            return "no entries";
        }
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> e : entries) {
            sb.append(String.format("%-6s %s %-8s %s%n", e.get("id"), e.get("timestamp"), e.get("severity"), e.get("message")));
        }
        return sb.toString();
    }
}
