package org.bmsdk.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchDriverRegistry;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bmctl switch vlan|port|save|show}: one switch's VLANs and ports through bm-network's driver
 * for its dialect (netmiko's name, chosen in the driver registry), over SSH with the options every
 * SSH command shares (host key checked against {@code --known-hosts}; the login from the
 * environment or {@code --credentials-file}, or {@code --identity}). Every change is read back from
 * the running configuration and printed as the switch now has it; a change the read-back does not
 * show is an error. Changes stay in the running configuration until {@code switch save}.
 */
@Command(name = "switch", mixinStandardHelpOptions = true,
        description = {"Configure a switch's VLANs and ports over SSH with bm-network's driver for its dialect.",
            "Each change is read back and printed; it lasts past a reload once `switch save` has run."},
        subcommands = {SwitchCommand.Vlan.class, SwitchCommand.Port.class, SwitchCommand.Save.class, SwitchCommand.Show.class})
final class SwitchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The dialects of the installed drivers, for the help text: never a list of our own. */
    static final class InstalledDialects implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SwitchDriverRegistry.loadInstalled().drivers().stream().map(SwitchDriver::dialect).sorted().iterator();
        }
    }

    /** The switch a command talks to: the global endpoint and SSH options, and the dialect. */
    static final class Target {
        @Option(names = "--dialect", required = true, paramLabel = "D", completionCandidates = InstalledDialects.class,
                description = "The switch's CLI dialect, netmiko's name: ${COMPLETION-CANDIDATES}.")
        String dialect;

        @Option(names = "--timeout", paramLabel = "DURATION", description = "How long one CLI command may take (default: 30s).")
        String timeout = "30s";

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        GlobalOptions global() {
            return GlobalOptions.of(spec);
        }

        /** The endpoint as given, which the driver names in its errors. */
        String endpoint() {
            return global().requireEndpoint();
        }

        /** Opens a session with the dialect's driver, runs the work, and always closes it. */
        <T> T withSession(Function<SwitchSession, T> work) {
            SwitchDriver driver = SwitchDriverRegistry.loadInstalled().driverFor(dialect);
            java.net.URI uri = java.net.URI.create(endpoint());
            // The id names the switch in the driver's messages; host:port is all bmctl knows of it.
            String id = uri.getHost() == null ? endpoint() : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            SwitchEndpoint.Builder b = SwitchEndpoint.builder(id, endpoint(), dialect)
                    .knownHosts(global().knownHosts)
                    .commandTimeout(SshCommand.Durations.parse(timeout));
            if (global().identity != null) {
                // A key login needs the user name only; the driver sends no password then.
                b.privateKey(global().identity).credentials(CredentialRef.inline(Credentials.of(global().username(), Secret.of(""))));
            } else {
                b.credentials(CredentialRef.inline(global().credentials()));
            }
            try (SwitchSession session = driver.open(b.build(), DriverContext.defaults())) {
                return work.apply(session);
            }
        }

        ErrorContext context(String operation) {
            return ErrorContext.of(endpoint(), dialect, operation);
        }

        /** Prints a port as read back. */
        void print(PortState p) {
            Output.print(spec.commandLine().getOut(), global().json, SwitchText.portJson(endpoint(), p), SwitchText.portText(p));
        }

        /** The port as read back after a change, which must show what was asked. */
        PortState expect(SwitchSession s, String port, String operation, java.util.function.Predicate<PortState> applied, String what) {
            PortState p = port(s.readBack(), port, operation);
            if (!applied.test(p)) {
                throw new NotAppliedException("the switch accepted " + what + " on " + port + " but its running configuration shows "
                        + SwitchText.portText(p).strip(), context(operation));
            }
            return p;
        }

        PortState port(SwitchConfig config, String port, String operation) {
            return config.port(port).orElseThrow(() -> new ConflictException("the switch has no port " + port + "; it has "
                    + SwitchText.abbreviated(config.ports().keySet()), context(operation)));
        }
    }

    // ---- vlan

    /** {@code bmctl switch vlan create|delete VLAN}. */
    @Command(name = "vlan", mixinStandardHelpOptions = true, description = "Create or delete a VLAN.",
            subcommands = {VlanCreate.class, VlanDelete.class})
    static final class Vlan implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** Prints the VLANs after a change. */
    private static void printVlans(Target t, SwitchConfig c, String text) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("endpoint", t.endpoint());
        doc.put("vlans", c.vlans().stream().map(VlanId::value).sorted().toList());
        Output.print(t.spec.commandLine().getOut(), t.global().json, doc, text);
    }

    /** {@code bmctl switch vlan create VLAN [--name NAME]}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a VLAN; nothing changes if it exists.")
    static final class VlanCreate implements Runnable {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "VLAN", description = "The VLAN id, 1 to 4094.")
        int vlan;

        @Option(names = "--name", paramLabel = "NAME", description = "Its name on the switch (default: VLAN0100 for 100).")
        String name;

        @Override
        public void run() {
            VlanId id = VlanId.of(vlan);
            String n = name != null ? name : String.format("VLAN%04d", vlan);
            SwitchConfig after = target.withSession(s -> {
                s.createVlan(id, n);
                return s.readBack();
            });
            if (!after.vlans().contains(id)) {
                throw new NotAppliedException("the switch accepted vlan " + vlan + " but its running configuration does not show it",
                        target.context("vlan.create"));
            }
            printVlans(target, after, "vlan " + vlan + " exists\n");
        }
    }

    /** {@code bmctl switch vlan delete VLAN}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a VLAN; nothing changes if it does not exist.")
    static final class VlanDelete implements Runnable {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "VLAN", description = "The VLAN id, 1 to 4094.")
        int vlan;

        @Override
        public void run() {
            VlanId id = VlanId.of(vlan);
            SwitchConfig after = target.withSession(s -> {
                s.deleteVlan(id);
                return s.readBack();
            });
            if (after.vlans().contains(id)) {
                throw new NotAppliedException("the switch accepted no vlan " + vlan + " but its running configuration still shows it",
                        target.context("vlan.delete"));
            }
            printVlans(target, after, "vlan " + vlan + " is gone\n");
        }
    }

    // ---- port

    /** {@code bmctl switch port access|trunk|default|shutdown|enable|show PORT}. */
    @Command(name = "port", mixinStandardHelpOptions = true, description = "Configure or show one port.",
            subcommands = {PortAccess.class, PortTrunk.class, PortDefault.class, PortShutdown.class, PortEnable.class, PortShow.class})
    static final class Port implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** {@code bmctl switch port access PORT --vlan N}. */
    @Command(name = "access", mixinStandardHelpOptions = true, description = "Put a port in access mode on one VLAN.")
    static final class PortAccess implements Runnable {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "PORT", description = "The port, as the switch names it.")
        String port;

        @Option(names = "--vlan", required = true, paramLabel = "N", description = "The VLAN.")
        int vlan;

        @Override
        public void run() {
            VlanId id = VlanId.of(vlan);
            target.print(target.withSession(s -> {
                s.setAccessVlan(port, id);
                return target.expect(s, port, "port.access", p -> p.mode() == PortState.Mode.ACCESS && id.equals(p.accessVlan()),
                        "access vlan " + vlan);
            }));
        }
    }

    /** {@code bmctl switch port trunk PORT [--native N] --allowed A,B}. */
    @Command(name = "trunk", mixinStandardHelpOptions = true, description = "Put a port in trunk mode: tagged VLANs, and an untagged one.")
    static final class PortTrunk implements Runnable {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "PORT", description = "The port, as the switch names it.")
        String port;

        @Option(names = "--native", paramLabel = "N", description = "The untagged VLAN (default: none).")
        Integer nativeVlan;

        @Option(names = "--allowed", required = true, paramLabel = "LIST",
                description = "The tagged VLANs, such as 100,200,300-310; the list replaces the port's.")
        String allowed;

        @Override
        public void run() {
            VlanId nat = nativeVlan == null ? null : VlanId.of(nativeVlan);
            Set<VlanId> tagged = SwitchText.vlanList(allowed);
            target.print(target.withSession(s -> {
                s.setTrunk(port, nat, tagged);
                return target.expect(s, port, "port.trunk", p -> p.mode() == PortState.Mode.TRUNK
                        && java.util.Objects.equals(nat, p.nativeVlan()) && tagged.equals(p.allowedVlans()), "the trunk");
            }));
        }
    }

    /** {@code bmctl switch port default PORT --idle-vlan N}. */
    @Command(name = "default", mixinStandardHelpOptions = true,
            description = {"Return a port to its idle state: shut down, access on the idle VLAN, no trunk VLANs,",
                "so that a released port never falls back to VLAN 1 or an open trunk. The idle VLAN is created if missing."})
    static final class PortDefault implements Runnable {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "PORT", description = "The port, as the switch names it.")
        String port;

        @Option(names = "--idle-vlan", required = true, paramLabel = "N", description = "The idle VLAN: one that reaches nothing.")
        int idleVlan;

        @Override
        public void run() {
            VlanId idle = VlanId.of(idleVlan);
            target.print(target.withSession(s -> {
                if (!s.readBack().vlans().contains(idle)) {
                    // setIdle needs the VLAN to exist; an existing one keeps its name.
                    s.createVlan(idle, String.format("IDLE%04d", idleVlan));
                }
                s.setIdle(port, idle);
                return target.expect(s, port, "port.idle", p -> !p.enabled() && p.mode() == PortState.Mode.ACCESS
                        && idle.equals(p.accessVlan()), "the idle state");
            }));
        }
    }

    /** {@code bmctl switch port shutdown PORT}. */
    @Command(name = "shutdown", mixinStandardHelpOptions = true, description = "Shut a port down.")
    static final class PortShutdown implements Runnable {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "PORT", description = "The port, as the switch names it.")
        String port;

        @Override
        public void run() {
            target.print(target.withSession(s -> {
                s.setPortEnabled(port, false);
                return target.expect(s, port, "port.shutdown", p -> !p.enabled(), "shutdown");
            }));
        }
    }

    /** {@code bmctl switch port enable PORT}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a port (no shutdown).")
    static final class PortEnable implements Runnable {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "PORT", description = "The port, as the switch names it.")
        String port;

        @Override
        public void run() {
            target.print(target.withSession(s -> {
                s.setPortEnabled(port, true);
                return target.expect(s, port, "port.enable", PortState::enabled, "no shutdown");
            }));
        }
    }

    /** {@code bmctl switch port show PORT}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a port as the running configuration has it.")
    static final class PortShow implements Runnable {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "PORT", description = "The port, as the switch names it.")
        String port;

        @Override
        public void run() {
            target.print(target.withSession(s -> target.port(s.readBack(), port, "port.show")));
        }
    }

    // ---- save, show

    /** {@code bmctl switch save}. */
    @Command(name = "save", mixinStandardHelpOptions = true,
            description = "Make the running configuration the startup configuration (write memory, copy running-config startup-config).")
    static final class Save implements Runnable {
        @Mixin
        Target target;

        @Override
        public void run() {
            target.withSession(s -> {
                s.save();
                return null;
            });
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("endpoint", target.endpoint());
            doc.put("saved", true);
            Output.print(target.spec.commandLine().getOut(), target.global().json, doc, "saved\n");
        }
    }

    /** {@code bmctl switch show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the VLANs and every port, as the running configuration has them.")
    static final class Show implements Runnable {
        @Mixin
        Target target;

        @Override
        public void run() {
            SwitchConfig c = target.withSession(SwitchSession::readBack);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("endpoint", target.endpoint());
            doc.put("vlans", c.vlans().stream().map(VlanId::value).sorted().toList());
            List<Map<String, Object>> ports = new ArrayList<>();
            StringBuilder text = new StringBuilder("vlans ").append(c.vlans().isEmpty() ? "none" : SwitchText.ranges(c.vlans())).append('\n');
            List<PortState> sorted = new ArrayList<>(c.ports().values());
            sorted.sort(java.util.Comparator.comparing(PortState::port, SwitchText.PORT_ORDER));
            for (PortState p : sorted) {
                Map<String, Object> m = SwitchText.portJson(target.endpoint(), p);
                m.remove("endpoint");
                ports.add(m);
                text.append(SwitchText.portText(p));
            }
            doc.put("ports", ports);
            Output.print(target.spec.commandLine().getOut(), target.global().json, doc, text.toString());
        }
    }
}
