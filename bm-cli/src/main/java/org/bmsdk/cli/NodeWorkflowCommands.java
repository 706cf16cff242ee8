package org.bmsdk.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.credentials.StandardCredentialResolver;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.api.workflow.BootSource;
import org.bmsdk.api.workflow.DeployRequest;
import org.bmsdk.api.workflow.NodeWorkflows;
import org.bmsdk.api.workflow.Workflow;
import org.bmsdk.api.workflow.WorkflowListener;
import org.bmsdk.api.workflow.WorkflowStep;
import org.bmsdk.api.workflow.WorkflowTimeouts;
import org.bmsdk.store.jdbc.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bmctl node verify|inspect|clean|allocate|provision|release|resume}: bm-api's node workflows
 * on the nodes of the store, through their BMCs (credentials resolved from where the node record
 * says, at the moment of use), and through the switches, storage host and service ramdisk that
 * {@link WorkflowDevices}' options name; the steps of a device not named report themselves
 * skipped. Progress goes to stderr, one line a step; the node as it ends up to stdout.
 */
final class NodeWorkflowCommands {

    private NodeWorkflowCommands() {
    }

    /** What every workflow subcommand shares: the store, the workflows over it, printing the result. */
    abstract static class WorkflowBase implements Runnable {

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        WorkflowDevices devices;

        /** The store and the devices, while {@link #run(NodeWorkflows)} runs. */
        JdbcStore store;
        WorkflowDevices.Opened opened;

        GlobalOptions global() {
            return GlobalOptions.of(spec);
        }

        @Override
        public final void run() {
            try (JdbcStore store = JdbcStore.h2(global().storePath())) {
                DriverContext context = DriverContext.builder()
                        .credentials(StandardCredentialResolver.builder().environment(GlobalOptions.environment).build()).build();
                NodeWorkflows.Builder builder = NodeWorkflows.builder(store)
                        .bmcs(BmcConnector.of(BmcDriverRegistry.loadInstalled(), context))
                        .listener(new Progress(spec.commandLine().getErr()))
                        .timeouts(timeouts());
                Node n;
                try (WorkflowDevices.Opened o = devices.open(store, context, builder)) {
                    this.store = store;
                    this.opened = o;
                    n = run(builder.build());
                }
                if (n != null) {
                    Versioned<NodeId, Node> v = store.nodes().get(n.id()).orElseThrow();
                    Output.print(spec.commandLine().getOut(), global().json, NodeCommand.describe(v), NodeCommand.line(v));
                }
            }
        }

        /** @return the device timeouts; the defaults unless a subcommand has options for them */
        WorkflowTimeouts timeouts() {
            return WorkflowTimeouts.defaults();
        }

        /** Runs the workflow; returns the node to print, or null when it printed what it had to. */
        abstract Node run(NodeWorkflows workflows);
    }

    /** Prints each step as it ends, to stderr, so that stdout keeps the one result. */
    static final class Progress implements WorkflowListener {
        private final PrintWriter err;

        Progress(PrintWriter err) {
            this.err = err;
        }

        private void say(String s) {
            err.println(s);
            err.flush();
        }

        @Override
        public void stateChanged(NodeId node, LifecycleState from, LifecycleState to, String cause) {
            say(node + ": " + from + " -> " + to + " (" + cause + ")");
        }

        @Override
        public void stepSucceeded(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, String detail) {
            say(node + ":   " + step.name().toLowerCase() + " (" + elapsed.toMillis() + " ms): " + detail);
        }

        @Override
        public void stepSkipped(NodeId node, Workflow workflow, WorkflowStep step, String reason) {
            say(node + ":   " + step.name().toLowerCase() + " skipped: " + reason);
        }

        @Override
        public void stepFailed(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, BareMetalException error) {
            say(node + ":   " + step.name().toLowerCase() + " failed (" + elapsed.toMillis() + " ms)");
        }
    }

    /** {@code bmctl node verify NAME}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check an enrolled node's BMC answers with its credentials: ENROLL to MANAGEABLE.")
    static final class Verify extends WorkflowBase {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        Node run(NodeWorkflows w) {
            return w.verify(NodeId.of(name));
        }
    }

    /** {@code bmctl node inspect NAME [--ramdisk URI] [--switch ...]}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Read a MANAGEABLE node's inventory from its BMC into the store.",
                "With --ramdisk, boot it into the service ramdisk and read the switch and port of each NIC by LLDP;"
                        + " with --switch, record those switch ports with the tenant networks, idle."})
    static final class Inspect extends WorkflowBase {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        Node run(NodeWorkflows w) {
            return w.inspect(NodeId.of(name));
        }
    }

    /** {@code bmctl node clean NAME [--manual]}. */
    @Command(name = "clean", mixinStandardHelpOptions = true,
            description = {"Clean a MANAGEABLE node (erase its disks through the BMC, reset its BIOS) and make it AVAILABLE.",
                "A node whose cleaning fails goes to CLEAN_FAILED, never AVAILABLE."})
    static final class Clean extends WorkflowBase {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--manual", description = "Return it to MANAGEABLE instead of offering it.")
        boolean manual;

        @Override
        Node run(NodeWorkflows w) {
            return manual ? w.clean(NodeId.of(name)) : w.provide(NodeId.of(name));
        }
    }

    /** {@code bmctl node allocate --owner TENANT [--requires TEXT] [--resource-class RC]}. */
    @Command(name = "allocate", mixinStandardHelpOptions = true,
            description = "Give the smallest AVAILABLE node that meets the requirements to a tenant.")
    static final class Allocate extends WorkflowBase {
        @Option(names = "--owner", required = true, paramLabel = "TENANT")
        String owner;

        @Option(names = "--requires", paramLabel = "TEXT", description = "Such as 'memory >= 64GiB and disk.media == SSD' (see bmctl select).")
        String requires = "";

        @Option(names = "--resource-class", paramLabel = "RC")
        String resourceClass;

        @Override
        Node run(NodeWorkflows w) {
            return w.allocate(Requirements.parse(requires), owner, resourceClass);
        }
    }

    /** {@code bmctl node provision NAME [--network NET]... [--volume ID]... [--initiator IQN] [--boot-from-volume | --image URL]}. */
    @Command(name = "provision", mixinStandardHelpOptions = true,
            description = {"Provision an allocated node for its owner: its ports on the owner's networks, its volumes exported to it,"
                    + " boot device, power on, ACTIVE.",
                "Networks need --switch; volumes need --storage and the CHAP key. A failed provision may be run again "
                        + "(the volumes the failed one exported and this one does not keep are detached), or released."})
    static final class Provision extends WorkflowBase {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--image", paramLabel = "URL", description = "Boot this image from virtual media (default: network boot).")
        URI image;

        @Option(names = "--network", paramLabel = "NET",
                description = "Put every cabled port of the node on the owner's network NET (made if missing). Repeat for more.")
        List<String> networks = new ArrayList<>();

        @Option(names = "--volume", paramLabel = "ID", description = "Export this volume to the node; the first is the boot volume. Repeat for more.")
        List<String> volumes = new ArrayList<>();

        @Option(names = "--initiator", paramLabel = "IQN", description = "The node's iSCSI initiator name, needed with --volume.")
        String initiator;

        @Option(names = "--boot-from-volume", description = "Boot from the first --volume (network boot into iPXE's sanboot).")
        boolean bootFromVolume;

        @Override
        Node run(NodeWorkflows w) {
            NodeId id = NodeId.of(name);
            if (bootFromVolume && image != null) {
                throw new IllegalArgumentException("--boot-from-volume and --image exclude each other");
            }
            if (!volumes.isEmpty() && initiator == null) {
                throw new IllegalArgumentException("--volume needs the node's --initiator IQN");
            }
            if (!volumes.isEmpty()) {
                // The library derives each volume's CHAP secret from the key: a random one would make secrets no node knows.
                VolumeCommand.chapKey(devices.chapKeyFile, true);
            }
            DeployRequest.Builder request = DeployRequest.builder()
                    .boot(bootFromVolume ? BootSource.volume() : image != null ? BootSource.virtualMedia(image) : BootSource.pxe());
            volumes.forEach(request::volume);
            if (initiator != null) {
                request.connector(VolumeConnector.iscsi(initiator));
            }
            if (!networks.isEmpty()) {
                if (opened.networks() == null) {
                    throw new IllegalArgumentException("--network needs the switches of the tenant networks: --switch NAME=DIALECT,URI");
                }
                Node node = store.nodes().get(id).map(Versioned::value)
                        .orElseThrow(() -> new ConflictException("no node '" + name + "' in the store"));
                String owner = node.owner().orElseThrow(() -> new ConflictException("node " + name + " has no owner: allocate it first"));
                List<String> ids = new ArrayList<>();
                for (String net : networks) {
                    ids.add(opened.networks().createNetwork(owner, net, false).id());
                }
                List<LocalLinkConnection> links = node.ports().stream().map(Port::link).filter(Objects::nonNull).toList();
                if (links.isEmpty()) {
                    throw new ConflictException("node " + name + " has no port with a known switch port: inspect it first");
                }
                links.forEach(l -> request.binding(new PortBinding(l, ids)));
            }
            return w.deploy(id, request.build());
        }
    }

    /** {@code bmctl node release NAME}. */
    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Release a node from its tenant: power off, eject media, then clean it back to AVAILABLE.")
    static final class Release extends WorkflowBase {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--shutdown-timeout", paramLabel = "DURATION",
                description = "How long the tenant's system gets to shut down before it is powered off hard (default: 2m).")
        String shutdownTimeout = "2m";

        @Override
        WorkflowTimeouts timeouts() {
            WorkflowTimeouts d = WorkflowTimeouts.defaults();
            return new WorkflowTimeouts(d.power(), d.agent(), d.erase(), SshCommand.Durations.parse(shutdownTimeout));
        }

        @Override
        Node run(NodeWorkflows w) {
            return w.release(NodeId.of(name));
        }
    }

    /** {@code bmctl node resume}. */
    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Finish or fail every node a crashed bmctl left in a step in progress.")
    static final class Resume extends WorkflowBase {
        @Override
        Node run(NodeWorkflows w) {
            List<Node> touched = w.resume();
            StringBuilder text = new StringBuilder();
            touched.forEach(n -> text.append(n.id()).append(' ').append(n.provisionState()).append('\n'));
            Output.print(spec.commandLine().getOut(), global().json,
                    Map.of("resumed", touched.stream().map(n -> Map.of("id", n.id().value(), "provisionState", n.provisionState().name()))
                            .toList()),
                    touched.isEmpty() ? "nothing to resume\n" : text.toString());
            return null;
        }
    }
}
