package org.bmsdk.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.workflow.NodeWorkflows;
import org.bmsdk.hardware.agent.SshRamdiskAgentConnector;
import org.bmsdk.network.BatchingSwitchFabric;
import org.bmsdk.network.StoreTenantNetworks;
import org.bmsdk.network.VlanRange;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.storage.iscsi.TgtStorage;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The devices {@code bmctl node} workflows drive besides the BMCs: the switches of the tenant
 * networks, the storage host of the volumes, and the service ramdisk's agent. Each is optional;
 * without it the workflow's steps that need it report themselves skipped (or fail, when the
 * request asks for what it would do). Logins come by reference, from a file or from environment
 * variables, resolved when a connection is made: never from the command line, so never in
 * {@code ps}.
 */
final class WorkflowDevices {

    /** Default switch login variables, when no {@code --switch-credentials-file} is given. */
    static final String SWITCH_ENV = "env:BMCTL_SWITCH_USERNAME:BMCTL_SWITCH_PASSWORD";
    /** Default storage host login variables. */
    static final String STORAGE_ENV = "env:BMCTL_STORAGE_USERNAME:BMCTL_STORAGE_PASSWORD";
    /** Default ramdisk login variables. */
    static final String RAMDISK_ENV = "env:BMCTL_RAMDISK_USERNAME:BMCTL_RAMDISK_PASSWORD";

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--switch", paramLabel = "NAME=DIALECT,URI",
            description = {"A switch of the tenant networks: its name as the node's ports name it (LLDP, `bmctl lab`'s \"switch\"),"
                    + " its dialect (as `bmctl switch --dialect`) and ssh://host:port. Repeat for each switch.",
                "Login: --switch-credentials-file FILE, else $BMCTL_SWITCH_USERNAME and $BMCTL_SWITCH_PASSWORD."})
    List<String> switches = new ArrayList<>();

    @Option(names = "--switch-credentials-file", paramLabel = "FILE", description = "The switches' login: username= and password= lines.")
    Path switchCredentials;

    @Option(names = "--switch-known-hosts", paramLabel = "FILE", description = "The switches' host keys (default: --known-hosts).")
    Path switchKnownHosts;

    @Option(names = "--tenant-vlans", paramLabel = "FIRST-LAST",
            description = "The VLANs tenant networks are given (default: ${DEFAULT-VALUE}); keep it the same for one store.")
    String tenantVlans = "100-199";

    @Option(names = "--idle-vlan", paramLabel = "VLAN", description = "Where a node's ports wait, unused (default: ${DEFAULT-VALUE}).")
    int idleVlan = 999;

    @Option(names = "--provisioning-vlan", paramLabel = "VLAN", description = "The provisioning network (default: ${DEFAULT-VALUE}).")
    int provisioningVlan = 900;

    @Option(names = "--cleaning-vlan", paramLabel = "VLAN", description = "The cleaning network (default: ${DEFAULT-VALUE}).")
    int cleaningVlan = 901;

    @Option(names = "--storage", paramLabel = "URI",
            description = {"The tgt storage host of the volumes, ssh://host:port (as `bmctl volume --endpoint`).",
                "Login: --storage-credentials-file FILE, else $BMCTL_STORAGE_USERNAME and $BMCTL_STORAGE_PASSWORD; "
                        + "the CHAP key: --chap-key-file FILE, else $" + VolumeCommand.CHAP_KEY_VARIABLE + "."})
    URI storage;

    @Option(names = "--storage-credentials-file", paramLabel = "FILE", description = "The storage host's login.")
    Path storageCredentials;

    @Option(names = "--storage-known-hosts", paramLabel = "FILE", description = "The storage host's key (default: --known-hosts).")
    Path storageKnownHosts;

    @Option(names = "--storage-directory", paramLabel = "DIR", description = "Its directory of volume files (default: "
            + VolumeCommand.DEFAULT_DIRECTORY + ").")
    String storageDirectory = VolumeCommand.DEFAULT_DIRECTORY;

    @Option(names = "--storage-iqn-prefix", paramLabel = "PREFIX",
            description = "The target names' prefix, as `bmctl volume --iqn-prefix` made them (default: iqn.2024-01.org.bmsdk).")
    String storageIqnPrefix;

    @Option(names = "--storage-control-port", paramLabel = "N", description = "tgtd's control port, as `bmctl volume --control-port`.")
    Integer storageControlPort;

    @Option(names = "--portal", paramLabel = "HOST:PORT", description = "The iSCSI portal nodes boot from (default: the storage host, port 3260).")
    String portal;

    @Option(names = "--chap-key-file", paramLabel = "FILE", description = "The key the volumes' CHAP secrets derive from.")
    Path chapKeyFile;

    @Option(names = "--ramdisk", paramLabel = "URI",
            description = {"The node's service ramdisk agent, ssh://host:port, once it boots it: switch and port of each NIC by LLDP at"
                    + " inspection, and in-band disk erase where the BMC has none.",
                "Login: --ramdisk-identity KEYFILE with $BMCTL_RAMDISK_USERNAME, or --ramdisk-credentials-file FILE, else "
                        + "$BMCTL_RAMDISK_USERNAME and $BMCTL_RAMDISK_PASSWORD."})
    URI ramdisk;

    @Option(names = "--ramdisk-credentials-file", paramLabel = "FILE", description = "The ramdisk's login.")
    Path ramdiskCredentials;

    @Option(names = "--ramdisk-identity", paramLabel = "KEYFILE", description = "SSH private key to log in to the ramdisk with.")
    Path ramdiskIdentity;

    @Option(names = "--ramdisk-known-hosts", paramLabel = "FILE", description = "The ramdisk's host key (default: --known-hosts).")
    Path ramdiskKnownHosts;

    @Option(names = "--ramdisk-image", paramLabel = "URL", description = "Boot the ramdisk from this image by virtual media (default: PXE).")
    URI ramdiskImage;

    @Option(names = "--lab", paramLabel = "FILE",
            description = "The devices of a running `bmctl lab` whose line of JSON FILE holds (`bmctl lab > FILE`): its switches,"
                    + " storage host and each machine's ramdisk, with their logins; a device's own options win.")
    Path lab;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** @return the switch name, dialect and URI of one {@code --switch} value */
    static String[] parseSwitch(String value) {
        return triple(value, "--switch must be NAME=DIALECT,URI such as sw-0=arista_eos,ssh://10.0.0.2:22");
    }

    /**
     * Splits {@code A=B,C} at the first {@code =} and the first {@code ,} after it, none of the three empty.
     *
     * @param value the option's value
     * @param form what the option must be, for the message
     * @return A, B and C
     * @throws IllegalArgumentException (bad usage) when it is not of that form
     */
    static String[] triple(String value, String form) {
        int eq = value.indexOf('=');
        int comma = value.indexOf(',', Math.max(eq, 0));
        if (eq <= 0 || comma < 0 || comma == eq + 1 || comma == value.length() - 1) {
            throw new IllegalArgumentException(form + ", but was '" + value + "'");
        }
        return new String[] {value.substring(0, eq), value.substring(eq + 1, comma), value.substring(comma + 1)};
    }

    /** @return {@code FIRST-LAST} as a range */
    static VlanRange parseRange(String text) {
        String[] parts = text.split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--tenant-vlans must be FIRST-LAST such as 100-199, but was '" + text + "'");
        }
        try {
            return VlanRange.of(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--tenant-vlans must be FIRST-LAST such as 100-199, but was '" + text + "'");
        }
    }

    private Path knownHosts(Path own) {
        return own != null ? own : GlobalOptions.of(spec).knownHosts;
    }

    private static CredentialRef ref(Path file, String env) {
        return file != null ? CredentialRef.file(file.toAbsolutePath().normalize()) : CredentialRef.parse(env);
    }

    /**
     * Opens what the options (and {@code --lab}) name and adds it to the workflows.
     *
     * @param store the store the tenant networks keep their state in
     * @param context resolves the logins
     * @param workflows the builder to add the devices to
     * @return what was opened, to close after the workflow
     */
    Opened open(Store store, DriverContext context, NodeWorkflows.Builder workflows) {
        LabDevices fromLab = lab == null ? null : LabDevices.read(lab);
        Opened opened = new Opened();
        try {
            List<String> switchList = switches;
            CredentialRef switchLogin = ref(switchCredentials, SWITCH_ENV);
            Path switchHosts = knownHosts(switchKnownHosts);
            if (switchList.isEmpty() && fromLab != null && fromLab.switchLogin() != null) {
                switchList = fromLab.switches();
                switchLogin = fromLab.switchLogin();
                switchHosts = switchKnownHosts != null ? switchKnownHosts : fromLab.switchKnownHosts();
            }
            if (!switchList.isEmpty()) {
                BatchingSwitchFabric.Builder fabric = BatchingSwitchFabric.builder().context(context);
                for (String s : switchList) {
                    String[] p = parseSwitch(s);
                    fabric.endpoint(SwitchEndpoint.builder(p[0], p[2], p[1]).credentials(switchLogin)
                            .knownHosts(switchHosts).commandTimeout(COMMAND_TIMEOUT).build());
                }
                opened.fabric = fabric.build();
                opened.networks = StoreTenantNetworks.builder(store, opened.fabric).vlanRanges(List.of(parseRange(tenantVlans)))
                        .idleVlan(VlanId.of(idleVlan)).provisioningVlan(VlanId.of(provisioningVlan)).cleaningVlan(VlanId.of(cleaningVlan))
                        .build();
                workflows.networks(opened.networks);
            }
            SshOptions host = null;
            String hostPortal = portal;
            if (storage != null) {
                host = ssh(storage, "--storage", storageKnownHosts).credentials(context.credentials()
                        .resolve(ref(storageCredentials, STORAGE_ENV))).build();
                hostPortal = portal != null ? portal : storage.getHost() + ":3260";
            } else if (fromLab != null) {
                host = ssh(fromLab.storage(), "--lab's storage", storageKnownHosts != null ? storageKnownHosts : fromLab.storageKnownHosts())
                        .credentials(fromLab.storageLogin()).build();
                hostPortal = portal != null ? portal : fromLab.portal();
            }
            if (host != null) {
                TgtStorage.Builder tgt = TgtStorage.builder(opened.ssh().connect(host)).directory(storageDirectory).portal(hostPortal)
                        .chapKey(VolumeCommand.chapKey(chapKeyFile, false)).commandTimeout(COMMAND_TIMEOUT);
                if (storageIqnPrefix != null) {
                    tgt.iqnPrefix(storageIqnPrefix);
                }
                if (storageControlPort != null) {
                    tgt.controlPort(storageControlPort);
                }
                opened.storage = tgt.build();
                workflows.storage(opened.storage);
            }
            Function<Node, SshOptions> agent = null;
            if (ramdisk != null) {
                SshOptions.Builder b = ssh(ramdisk, "--ramdisk", ramdiskKnownHosts);
                SshOptions options = ramdiskIdentity != null ? b.username(ramdiskUser()).privateKey(ramdiskIdentity).build()
                        : b.credentials(context.credentials().resolve(ref(ramdiskCredentials, RAMDISK_ENV))).build();
                agent = n -> options;
            } else if (fromLab != null) {
                agent = fromLab::ramdisk;
            }
            if (agent != null) {
                workflows.agents(SshRamdiskAgentConnector.builder().client(opened.ssh()).retryInterval(Duration.ofMillis(500))
                        .options(agent).build());
                workflows.ramdiskImage(ramdiskImage);
            }
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** SSH options for {@code ssh://host[:port]}, the host key checked against the file given, else {@code --known-hosts}. */
    private SshOptions.Builder ssh(URI uri, String option, Path ownKnownHosts) {
        if (!"ssh".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            throw new IllegalArgumentException(option + " must be ssh://host[:port], but was " + uri);
        }
        return SshOptions.builder().host(uri.getHost()).port(uri.getPort() < 0 ? 22 : uri.getPort())
                .knownHosts(knownHosts(ownKnownHosts)).commandTimeout(COMMAND_TIMEOUT);
    }

    /** The user a key logs in as: a key needs no password, so only the name is read. */
    private static String ramdiskUser() {
        String user = GlobalOptions.environment.apply("BMCTL_RAMDISK_USERNAME");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("--ramdisk-identity needs the user name in $BMCTL_RAMDISK_USERNAME");
        }
        return user;
    }

    /** What {@link #open} opened: closed after the workflow, the storage before the SSH client it runs on. */
    static final class Opened implements AutoCloseable {
        private SshClient ssh;
        private BatchingSwitchFabric fabric;
        private TgtStorage storage;
        private StoreTenantNetworks networks;

        /** @return the tenant networks, or null without {@code --switch} */
        StoreTenantNetworks networks() {
            return networks;
        }

        SshClient ssh() {
            if (ssh == null) {
                ssh = SshClient.create();
            }
            return ssh;
        }

        @Override
        public void close() {
            try {
                if (storage != null) {
                    storage.close();
                }
            } finally {
                try {
                    if (ssh != null) {
                        ssh.close();
                    }
                } finally {
                    if (fabric != null) {
                        fabric.close();
                    }
                }
            }
        }
    }
}
