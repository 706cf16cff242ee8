package org.bmsdk.cli;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.lifecycle.LifecycleEvent;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.lifecycle.NodeLifecycle;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;
import org.bmsdk.store.jdbc.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bmctl node}: the nodes of a store (an H2 file), moved through their lifecycle one event at
 * a time. Every change is a compare-and-set on the node's version, so two bmctl runs never both
 * win.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Enroll, list and move nodes through their lifecycle in a store, one event at a time or by whole workflows.",
        subcommands = {NodeCommand.Enroll.class, NodeCommand.ImportSample.class, NodeCommand.ListNodes.class, NodeCommand.Show.class,
            NodeCommand.Event.class, NodeCommand.Maintenance.class, NodeCommand.Delete.class, NodeWorkflowCommands.Verify.class,
            NodeWorkflowCommands.Inspect.class, NodeWorkflowCommands.Clean.class, NodeWorkflowCommands.Allocate.class,
            NodeWorkflowCommands.Provision.class, NodeWorkflowCommands.Release.class, NodeWorkflowCommands.Resume.class})
final class NodeCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every node subcommand shares: options, the store, and printing a node. */
    abstract static class Base implements Runnable {

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        GlobalOptions global() {
            return GlobalOptions.of(spec);
        }

        @Override
        public final void run() {
            try (JdbcStore store = JdbcStore.h2(global().storePath())) {
                run(store.nodes());
            }
        }

        abstract void run(VersionedStore<NodeId, Node> nodes);

        void print(Object document, String text) {
            Output.print(spec.commandLine().getOut(), global().json, document, text);
        }

        /** A missing node is an operation error (exit 1), as the store's own "no record" is, not bad usage. */
        static Versioned<NodeId, Node> existing(VersionedStore<NodeId, Node> nodes, String name) {
            return nodes.get(NodeId.of(name)).orElseThrow(() -> new ConflictException("no node '" + name + "' in the store"));
        }
    }

    static Map<String, Object> describe(Versioned<NodeId, Node> v) {
        Node n = v.value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id().value());
        m.put("version", v.version());
        m.put("provisionState", n.provisionState().name());
        m.put("targetProvisionState", n.targetProvisionState().name());
        m.put("powerState", n.powerState().name());
        m.put("owner", n.owner().orElse(null));
        m.put("maintenance", n.maintenance());
        m.put("maintenanceReason", n.maintenanceReason());
        m.put("bmc", n.bmcEndpoints().stream().map(e -> e.uri().toString()).toList());
        m.put("inventory", SelectCommand.summary(n.inventory()));
        return m;
    }

    static String line(Versioned<NodeId, Node> v) {
        Node n = v.value();
        String state = n.provisionState() + (n.targetProvisionState() == n.provisionState() ? "" : "->" + n.targetProvisionState());
        return String.format("%-12s %-24s %s%s%n", n.id(), state, n.owner().map(o -> "owner " + o + " ").orElse(""),
                n.maintenance() ? "maintenance: " + n.maintenanceReason() : "");
    }

    /** {@code bmctl node enroll NAME --endpoint URI}. */
    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = "Register a node by its BMC. The store keeps where its credentials are, never the credentials.")
    static final class Enroll extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "The node's id.")
        String name;

        @Option(names = "--credentials-ref", paramLabel = "REF", description = "env:USER_VAR:PASS_VAR, file:/path or SCHEME:LOCATION "
                + "(default: file:FILE with --credentials-file FILE, else env:BMCTL_USERNAME:BMCTL_PASSWORD).")
        String credentialsRef;

        @Option(names = "--port", paramLabel = "MAC=SWITCH,PORT",
                description = {"A NIC and the switch port it is cabled to, where the node's ramdisk cannot tell by LLDP;"
                        + " `node inspect --switch` records it with the tenant networks. Repeat for each NIC."})
        List<String> ports = new ArrayList<>();

        @Override
        void run(VersionedStore<NodeId, Node> nodes) {
            String endpoint = global().requireEndpoint();
            BmcEndpoint bmc = BmcEndpoint.builder(endpoint).credentials(credentials())
                    .insecure(global().insecure).caCertificate(global().ca).build();
            if (!ENROLL_SCHEMES.contains(bmc.scheme())) {
                throw new IllegalArgumentException("--endpoint scheme must be one of " + ENROLL_SCHEMES + ", but was '" + bmc.scheme()
                        + "' in " + endpoint);
            }
            if (global().ca != null && !Files.isReadable(global().ca)) {
                throw new IllegalArgumentException("--ca " + global().ca + " cannot be read");
            }
            if (bmc.insecure()) {
                // The store keeps the opt-in, so every later connection to this BMC skips TLS verification.
                spec.commandLine().getErr().println("bmctl: warning: --insecure: TLS certificates of " + bmc.uri()
                        + " will not be verified for node " + name);
                spec.commandLine().getErr().flush();
            }
            Node.Builder node = Node.builder(NodeId.of(name)).bmc(bmc);
            for (String p : ports) {
                String[] mac = WorkflowDevices.triple(p, "--port must be MAC=SWITCH,PORT such as 02:00:00:00:00:01=sw-0,Ethernet1");
                node.port(Port.of(MacAddress.of(mac[0]), LocalLinkConnection.of(mac[1], mac[2])));
            }
            Versioned<NodeId, Node> v = nodes.create(NodeId.of(name), node.build());
            print(describe(v), "enrolled " + line(v));
        }

        /** Where the credentials are, never what they are: the explicit reference, else the file, else the environment. */
        private CredentialRef credentials() {
            if (credentialsRef != null) {
                return CredentialRef.parse(credentialsRef);
            }
            if (global().credentialsFile != null) {
                return CredentialRef.file(global().credentialsFile.toAbsolutePath().normalize());
            }
            return CredentialRef.parse(DEFAULT_CREDENTIALS);
        }
    }

    /** The reference enroll stores when neither --credentials-ref nor --credentials-file is given. */
    static final String DEFAULT_CREDENTIALS = "env:BMCTL_USERNAME:BMCTL_PASSWORD";

    /** The BMC schemes bm-api knows, and ssh for the vendors' SSH consoles; an unknown one would fail only later. */
    static final Set<String> ENROLL_SCHEMES = sortedSchemes();

    private static Set<String> sortedSchemes() {
        Set<String> s = new TreeSet<>(BmcEndpoint.WELL_KNOWN_SCHEMES);
        s.add("ssh");
        return Collections.unmodifiableSet(s);
    }

    /** {@code bmctl node import-sample}: the test kit's sample rack, inspected, in ENROLL. */
    @Command(name = "import-sample", mixinStandardHelpOptions = true,
            description = "Enroll the six machines of the test kit's sample rack, with their inventories (skips those present).")
    static final class ImportSample extends Base {
        @Override
        void run(VersionedStore<NodeId, Node> nodes) {
            List<Object> added = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (Node n : SampleNodes.nodes()) {
                if (nodes.get(n.id()).isEmpty()) {
                    Versioned<NodeId, Node> v = nodes.create(n.id(), n);
                    added.add(describe(v));
                    text.append("enrolled ").append(line(v));
                }
            }
            print(Map.of("enrolled", added), text.length() == 0 ? "nothing to add: every sample node is present\n" : text.toString());
        }
    }

    /** {@code bmctl node list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the nodes with their states.")
    static final class ListNodes extends Base {
        @Override
        void run(VersionedStore<NodeId, Node> nodes) {
            List<Versioned<NodeId, Node>> all = nodes.list();
            StringBuilder text = new StringBuilder();
            all.forEach(v -> text.append(line(v)));
            print(Map.of("nodes", all.stream().map(NodeCommand::describe).toList()), all.isEmpty() ? "no nodes\n" : text.toString());
        }
    }

    /** {@code bmctl node show NAME}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show one node, the lifecycle events it accepts now, and its ports (MAC=SWITCH,PORT where the cabling is known).")
    static final class Show extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(VersionedStore<NodeId, Node> nodes) {
            Versioned<NodeId, Node> v = existing(nodes, name);
            Map<String, Object> doc = describe(v);
            List<String> allowed = NodeLifecycle.create().allowedEvents(v.value().lifecycleState()).stream()
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
            doc.put("allowedEvents", allowed);
            // In enroll's --port form, so that what inspection learnt by LLDP can be given back at enrolment.
            doc.put("ports", v.value().ports().stream().map(p -> p.mac().value() + (p.link() == null ? ""
                    : "=" + p.link().switchId() + "," + p.link().portId())).toList());
            StringBuilder text = new StringBuilder();
            doc.forEach((k, val) -> text.append(String.format("%-20s %s%n", k, val)));
            print(doc, text.toString());
        }
    }

    /** {@code bmctl node event NAME EVENT}: one lifecycle step, compare-and-set. */
    @Command(name = "event", mixinStandardHelpOptions = true,
            description = {"Fire a lifecycle event: manage, inspect, provide, clean, deploy, delete, rescue, unrescue, done, fail, abort.",
                "Prints the move, or exits 1 naming the events allowed now."})
    static final class Event extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "EVENT")
        String event;

        @Option(names = "--owner", paramLabel = "TENANT", description = "With deploy: the tenant the node is for.")
        String owner;

        @Override
        void run(VersionedStore<NodeId, Node> nodes) {
            LifecycleEvent e;
            try {
                e = LifecycleEvent.valueOf(event.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("unknown event '" + event + "'; known: " + List.of(LifecycleEvent.values()).toString()
                        .toLowerCase(Locale.ROOT));
            }
            Versioned<NodeId, Node> before = existing(nodes, name);
            LifecycleState from = before.value().lifecycleState();
            LifecycleState to = NodeLifecycle.create().fire(from, e);
            Node.Builder next = before.value().toBuilder().lifecycle(to);
            if (e == LifecycleEvent.DEPLOY && owner != null) {
                next.owner(owner);
            }
            if (to.state() == org.bmsdk.api.lifecycle.ProvisionState.AVAILABLE) {
                next.owner(null);
            }
            Versioned<NodeId, Node> after;
            try {
                after = nodes.update(before.key(), next.build(), before.version());
            } catch (ConflictException race) {
                throw new ConflictException("node " + name + " changed while " + event + " was applied; run it again: " + race.getMessage());
            }
            Map<String, Object> doc = describe(after);
            doc.put("from", from.toString());
            doc.put("event", e.name().toLowerCase(Locale.ROOT));
            print(doc, String.format("%s: %s --%s--> %s%n", name, from, e.name().toLowerCase(Locale.ROOT), to));
        }
    }

    /** {@code bmctl node maintenance NAME on|off [--reason TEXT]}. */
    @Command(name = "maintenance", mixinStandardHelpOptions = true, description = "Take a node out of service, or put it back.")
    static final class Maintenance extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "on|off")
        String onOff;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (required with on).")
        String reason;

        @Override
        void run(VersionedStore<NodeId, Node> nodes) {
            boolean on;
            if ("on".equalsIgnoreCase(onOff)) {
                on = true;
                if (reason == null || reason.isBlank()) {
                    throw new IllegalArgumentException("maintenance on needs --reason TEXT");
                }
            } else if ("off".equalsIgnoreCase(onOff)) {
                on = false;
            } else {
                throw new IllegalArgumentException("maintenance takes on or off, but was '" + onOff + "'");
            }
            existing(nodes, name);
            Versioned<NodeId, Node> v = nodes.modify(NodeId.of(name), n -> n.toBuilder().maintenance(on, reason).build());
            print(describe(v), line(v));
        }
    }

    /** {@code bmctl node delete NAME}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Forget a node (only in ENROLL, MANAGEABLE or a failure state).")
    static final class Delete extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        void run(VersionedStore<NodeId, Node> nodes) {
            Versioned<NodeId, Node> v = existing(nodes, name);
            org.bmsdk.api.lifecycle.ProvisionState s = v.value().provisionState();
            if (!(s == org.bmsdk.api.lifecycle.ProvisionState.ENROLL || s == org.bmsdk.api.lifecycle.ProvisionState.MANAGEABLE
                    || s.isFailure())) {
                throw new ConflictException("node " + name + " is " + s + "; only a node in ENROLL, MANAGEABLE or a failure state may be deleted");
            }
            nodes.delete(v.key(), v.version());
            print(Map.of("deleted", name), "deleted " + name + "\n");
        }
    }
}
