package org.bmsdk.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthReport;
import picocli.CommandLine.Command;

/** {@code bmctl health}: the machine's health as its BMC sees it. */
@Command(name = "health", mixinStandardHelpOptions = true, description = "Print the machine's health (OK, WARNING, CRITICAL) and its faults.")
final class HealthCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        BmcCommands.run(spec, Health.class, h -> {
            HealthReport r = h.health();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("status", r.status().name());
            doc.put("faults", r.faults());
            return doc;
        }, doc -> "health " + doc.get("status") + faults(doc.get("faults")));
    }

    private static String faults(Object faults) {
        List<?> list = (List<?>) faults;
        return list.isEmpty() ? "" : ": " + String.join("; ", list.stream().map(Object::toString).toList());
    }
}
