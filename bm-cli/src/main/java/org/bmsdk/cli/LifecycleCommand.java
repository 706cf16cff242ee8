package org.bmsdk.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.lifecycle.NodeLifecycle;
import org.bmsdk.api.lifecycle.TransitionRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bmctl lifecycle}: prints the node lifecycle's transition table. */
@Command(name = "lifecycle", mixinStandardHelpOptions = true,
        description = "Print the node lifecycle: every state, event and where it leads (Graphviz with --dot).")
final class LifecycleCommand implements Runnable {

    @Option(names = "--dot", description = "Print a Graphviz digraph instead.")
    boolean dot;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private GlobalOptions global() {
        return GlobalOptions.of(spec);
    }

    @Override
    public void run() {
        List<TransitionRule> rules = NodeLifecycle.create().table().rules();
        List<Object> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (dot) {
            text.append("digraph lifecycle {\n  rankdir=LR;\n");
        }
        for (TransitionRule r : rules) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from", r.from().name());
            r.whenTarget().ifPresent(t -> row.put("whenTarget", t.name()));
            row.put("event", r.event().name());
            row.put("to", r.to().name());
            row.put("target", r.target().name());
            rows.add(row);
            String when = r.whenTarget().map(t -> "[->" + t + "]").orElse("");
            String to = r.to() + (r.target() == r.to() ? "" : " ->" + r.target());
            if (dot) {
                text.append(String.format("  %s -> %s [label=\"%s%s\"];%n", r.from(), r.to(), r.event(), when));
            } else {
                text.append(String.format("%-28s %-9s %s%n", r.from() + when, r.event(), to));
            }
        }
        if (dot) {
            text.append("}\n");
        }
        Output.print(spec.commandLine().getOut(), global().json, Map.of("transitions", rows), text.toString());
    }
}
