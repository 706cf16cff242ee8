package org.bmsdk.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bmctl demo}: a machine's whole life on a simulated lab started in this process, narrated
 * step by step, ending with a timeline; exit 1 if any step failed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a simulated lab in this process and run a bare-metal machine's life on it, step by step: enroll and inspect,"
                + " clean, allocate by capability, deploy two tenants on their own VLANs (one booting from an iSCSI volume), keep the console,"
                + " inject an NMI, shut down gracefully, back the disk up and restore it onto another machine.",
            "Ends with a timeline of what took how long. Exit status 0 when every step succeeded, 1 otherwise."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--machines", paramLabel = "N", description = "How many machines (default: 4; at least 4, at most 16).")
    int machines = 4;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (machines < 4 || machines > 16) {
            throw new IllegalArgumentException("--machines must be in 4..16, but was " + machines);
        }
        PrintWriter out = spec.commandLine().getOut();
        Narrator narrator = new Narrator(out);
        out.println("bmctl demo: a bare-metal machine's life on a simulated lab (everything on 127.0.0.1, in this process)");
        DemoLab[] lab = new DemoLab[1];
        narrator.step("Start the lab: " + machines + " machines behind Redfish and IPMI BMCs with service ramdisks, a switch, an iSCSI storage host", p -> {
            lab[0] = DemoLab.start(machines);
            p.say("switch " + lab[0].switches().switches().get(0).name() + " (" + lab[0].switches().switches().get(0).dialect().id()
                    + ") over SSH; BMCs over HTTPS with the lab's own CA; store: H2 file");
        });
        try {
            if (lab[0] != null) {
                new DemoStory(lab[0], narrator).tell();
            }
        } finally {
            if (lab[0] != null) {
                lab[0].close();
            }
        }
        narrator.printTimeline();
        return narrator.succeeded() ? 0 : 1;
    }
}
