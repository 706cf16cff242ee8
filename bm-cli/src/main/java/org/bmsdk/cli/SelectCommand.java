package org.bmsdk.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.Nic;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.store.jdbc.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bmctl select}: ranks machines against a flavor's capability requirements. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Rank machines against capability requirements, smallest fit first.",
            "Example: bmctl select --require \"cpu.cores >= 32 and disk.media == NVMe and disk.size >= 1TB\""})
final class SelectCommand implements Runnable {

    @Option(names = {"-r", "--require"}, required = true, paramLabel = "EXPR",
            description = "What the flavor needs; the grammar is in docs/CLI.md (empty: any machine).")
    String require;

    @Option(names = "--from-store", description = "Rank the nodes of the store instead of the sample rack.")
    boolean fromStore;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private GlobalOptions global() {
        return GlobalOptions.of(spec);
    }

    @Override
    public void run() {
        Requirements requirements = Requirements.parse(require);
        List<Node> candidates = fromStore ? storeNodes() : SampleNodes.nodes();
        List<Node> ranked = requirements.rank(candidates);

        List<Object> matches = new ArrayList<>();
        StringBuilder text = new StringBuilder("requirements: " + (requirements.isEmpty() ? "(none)" : requirements) + "\n");
        int rank = 0;
        for (Node n : ranked) {
            rank++;
            matches.add(describe(n, rank));
            text.append(String.format("%2d. %-12s %s%n", rank, n.name(), summary(n.inventory())));
        }
        List<Object> rejected = new ArrayList<>();
        for (Node n : candidates) {
            if (!ranked.contains(n)) {
                List<String> unmet = requirements.unmet(n);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", n.name());
                r.put("unmet", unmet);
                rejected.add(r);
                text.append(String.format("    %-12s does not fit: %s%n", n.name(), String.join("; ", unmet)));
            }
        }
        if (ranked.isEmpty()) {
            text.append("no machine fits\n");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("requirements", requirements.toString());
        doc.put("matches", matches);
        doc.put("rejected", rejected);
        Output.print(spec.commandLine().getOut(), global().json, doc, text.toString());
    }

    private List<Node> storeNodes() {
        try (JdbcStore store = JdbcStore.h2(global().storePath())) {
            return store.nodes().list().stream().map(Versioned::value).toList();
        }
    }

    private static Map<String, Object> describe(Node n, int rank) {
        HardwareInventory inv = n.inventory();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", rank);
        m.put("name", n.name());
        m.put("cores", inv.totalCores());
        m.put("threads", inv.totalThreads());
        m.put("memoryMib", inv.memoryMib());
        m.put("diskBytes", inv.totalDiskBytes());
        m.put("disks", inv.disks().stream().map(d -> d.media() + " " + d.sizeBytes()).toList());
        m.put("nics", inv.nics().stream().map(nic -> nic.linkType() + " " + nic.speedMbps()).toList());
        return m;
    }

    /** One line: cores, memory, disks and NICs, grouped, as an operator reads a spec sheet. */
    static String summary(HardwareInventory inv) {
        Map<String, Integer> disks = new LinkedHashMap<>();
        for (Disk d : inv.disks()) {
            disks.merge(d.media() + " " + Units.bytes(d.sizeBytes()), 1, Integer::sum);
        }
        Map<String, Integer> nics = new LinkedHashMap<>();
        for (Nic n : inv.nics()) {
            nics.merge((n.linkType() == org.bmsdk.api.model.LinkType.INFINIBAND ? "IB " : "")
                    + Units.speed(n.speedMbps()) + (n.roceCapable() ? " RoCE" : ""), 1, Integer::sum);
        }
        String arch = inv.cpus().isEmpty() ? "?" : inv.cpus().get(0).arch();
        return String.format("%s %3d cores %4d GiB  disks %s  nics %s", arch, inv.totalCores(), inv.memoryMib() / 1024,
                grouped(disks), grouped(nics));
    }

    private static String grouped(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(v + "x " + k));
        return String.join(", ", parts);
    }
}
