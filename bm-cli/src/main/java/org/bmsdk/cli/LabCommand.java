package org.bmsdk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.testkit.console.SimulatedVendorConsole;
import org.bmsdk.testkit.console.VendorConsoleFlavor;
import org.bmsdk.testkit.console.VendorConsoleSpec;
import org.bmsdk.testkit.ipmi.IpmiLab;
import org.bmsdk.testkit.ipmi.IpmiPrivilege;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.IpmiUser;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SampleRack;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bmctl lab [--machines N] [--http] [--switches M] [--dialect D]}: simulated machines behind
 * simulated Redfish BMCs on 127.0.0.1, each also behind a simulated IPMI BMC (UDP), and simulated
 * switches (SSH) their NICs are cabled to, to try the BMC and switch commands on and to test
 * against. Prints one line of JSON once every BMC and switch listens, then runs until SIGTERM or
 * SIGINT, when a shutdown hook stops them and deletes the CA and known_hosts files.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Run simulated machines behind simulated Redfish and IPMI BMCs, cabled to simulated switches, on 127.0.0.1,"
                + " until SIGTERM or Ctrl-C.",
            "The machines, node-0 to node-N-1, are the kinds of the sample rack in turn, powered off and booting from disk. "
                + "Once every BMC and switch listens, prints one line of JSON on stdout: {\"ca\": PEM file or null, \"machines\": "
                + "[{\"name\", \"redfish\", \"ipmi\", \"console\", \"username\", \"password\", \"iqn\"}], \"console_known_hosts\": FILE, "
                + "\"storage\": {\"ssh\", \"username\", "
                + "\"password\", \"portal\", \"known_hosts\"}}, where \"redfish\" and \"ipmi\" are what "
                + "--endpoint takes, with the same user name and password, \"console\" the machine's vendor SSH console "
                + "(ssh+idrac:// on even machines, ssh+ilo:// on odd ones; the first 64 machines) for `console --endpoint`, "
                + "its host keys in \"console_known_hosts\", and \"storage\" a simulated tgt storage host. "
                + "With switches (2 unless --switches says otherwise) it also has \"known_hosts\": a file, "
                + "\"switches\": [{\"name\", \"dialect\", \"ssh\", \"username\", \"password\", \"ports\"}] and, per machine, "
                + "\"nics\": [{\"mac\", \"switch\", \"port\"}]. "
                + "Each machine also has \"heartbeat\": HOST:PORT, a TCP port that accepts while an OS runs on it, and "
                + "\"ramdisk\": {\"ssh\", \"username\", \"password\", \"known_hosts\"}, its service ramdisk's SSH server, "
                + "up while it runs the ramdisk (booted from PXE or virtual media). "
                + "The password is made at random for each run. See docs/lab.schema.json."})
final class LabCommand implements Runnable {

    /** The most machines one lab runs: each is a listening socket and a simulated machine. */
    static final int MAX_MACHINES = 1000;

    /** Quick enough to try things by hand: on, booted and shut down within a couple of seconds. */
    static final Duration POST_TIME = Duration.ofMillis(500);
    static final Duration BOOT_TIME = Duration.ofSeconds(1);
    static final Duration SHUTDOWN_TIME = Duration.ofSeconds(1);

    private static final String USERNAME = "admin";

    /**
     * Machines with a vendor SSH console: each is an SSH server with threads of its own, which a
     * lab of a thousand machines cannot afford; the first 64 are plenty to try consoles on.
     */
    static final int MAX_VENDOR_CONSOLES = 64;
    /** The file of the vendor consoles' host keys, in the lab's directory. */
    static final String CONSOLE_KNOWN_HOSTS = "console_known_hosts";

    @Option(names = "--machines", paramLabel = "N", description = "How many machines (default: 4; at most 1000).")
    int machines = 4;

    @Option(names = "--http", description = "Plain HTTP: redfish+http:// endpoints and \"ca\": null. Default: HTTPS with a CA made at start.")
    boolean http;

    @Option(names = "--switches", paramLabel = "M",
            description = "How many simulated switches the machines' NICs are cabled to (default: 2; 0 for none; at most 64).")
    int switches = 2;

    @Option(names = "--dialect", paramLabel = "D",
            description = "Every switch speaks this dialect (netmiko's name: ${COMPLETION-CANDIDATES}). Default: each in turn.",
            completionCandidates = SimulatedDialects.class)
    String dialect;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The dialects the simulated switches speak, for the help text. */
    static final class SimulatedDialects implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return LabSwitches.dialectIds().iterator();
        }
    }

    @Override
    public void run() {
        if (machines < 1 || machines > MAX_MACHINES) {
            throw new IllegalArgumentException("--machines must be in 1.." + MAX_MACHINES + ", but was " + machines);
        }
        if (switches < 0 || switches > LabSwitches.MAX_SWITCHES) {
            throw new IllegalArgumentException("--switches must be in 0.." + LabSwitches.MAX_SWITCHES + ", but was " + switches);
        }
        SwitchDialect only = dialect == null ? null : LabSwitches.dialect(dialect);
        Lab lab = Lab.start(machines, http, switches, only);
        // SIGTERM and SIGINT run the hooks and then halt the JVM: nothing else ends a lab.
        Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "bmctl-lab-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println(lab.json());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("bmctl lab: " + machines + " machine(s) on 127.0.0.1 over " + (http ? "HTTP" : "HTTPS")
                + (switches > 0 ? ", " + switches + " switch(es)" : "") + "; stop with Ctrl-C or SIGTERM");
        err.flush();
        try {
            // Not counted down: returning would have main() call System.exit, which blocks once the JVM is stopping.
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A running lab: the BMCs, their machines, the switches, and the directory holding the CA and known_hosts files. */
    static final class Lab implements AutoCloseable {
        private final RedfishLab redfish;
        private final IpmiLab ipmi;
        private final List<SimulatedMachine> machines;
        private final List<SimulatedRedfish> bmcs;
        private final List<SimulatedIpmi> ipmiBmcs;
        private final Path dir;
        private final Path ca;
        private final Credentials credentials;
        private LabSwitches switches;
        private final LabStorage storage;
        /** The vendor SSH consoles of the first {@link #MAX_VENDOR_CONSOLES} machines, in order. */
        private final List<SimulatedVendorConsole> consoles = new ArrayList<>();
        private Path consoleKnownHosts;
        private LabRamdisks ramdisks;

        private Lab(RedfishLab redfish, IpmiLab ipmi, List<SimulatedMachine> machines, List<SimulatedRedfish> bmcs,
                List<SimulatedIpmi> ipmiBmcs, Path dir, Path ca, Credentials credentials, LabStorage storage) {
            this.redfish = redfish;
            this.ipmi = ipmi;
            this.machines = machines;
            this.bmcs = bmcs;
            this.ipmiBmcs = ipmiBmcs;
            this.dir = dir;
            this.ca = ca;
            this.credentials = credentials;
            this.storage = storage;
        }

        /**
         * Starts the machines and their BMCs, without switches; returns once every BMC listens.
         *
         * @param count how many machines
         * @param http plain HTTP rather than HTTPS
         * @return the lab
         */
        static Lab start(int count, boolean http) {
            return start(count, http, 0, null);
        }

        /**
         * Starts the switches, the machines cabled to them and their BMCs; returns once every BMC
         * and switch listens.
         *
         * @param count how many machines
         * @param http plain HTTP rather than HTTPS
         * @param switchCount how many switches, 0 for none
         * @param dialect the dialect of every switch, or null for each in turn
         * @return the lab
         */
        static Lab start(int count, boolean http, int switchCount, SwitchDialect dialect) {
            List<MachineSpec> specs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                specs.add(machine(i));
            }
            return start(specs, http, switchCount, dialect);
        }

        /**
         * Starts a lab of the given machines (their cabling replaced by the lab's switches).
         *
         * @param machineSpecs the machines
         * @param http plain HTTP rather than HTTPS
         * @param switchCount how many switches, 0 for none
         * @param dialect the dialect of every switch, or null for each in turn
         * @return the lab
         */
        static Lab start(List<MachineSpec> machineSpecs, boolean http, int switchCount, SwitchDialect dialect) {
            Credentials credentials = Credentials.of(USERNAME, Secret.of(randomPassword()));
            RedfishSpec spec = RedfishSpec.builder().credentials(credentials).tls(!http).build();
            IpmiSpec ipmiSpec = IpmiSpec.builder().users(new IpmiUser(USERNAME, credentials.password(), IpmiPrivilege.ADMINISTRATOR))
                    .build();
            RedfishLab redfish = RedfishLab.create();
            IpmiLab ipmi = IpmiLab.create();
            List<SimulatedMachine> machines = new ArrayList<>();
            List<SimulatedRedfish> bmcs = new ArrayList<>();
            List<SimulatedIpmi> ipmiBmcs = new ArrayList<>();
            Path dir = null;
            LabSwitches switches = null;
            LabStorage storage = null;
            LabRamdisks ramdisks = null;
            try {
                dir = Files.createTempDirectory("bmctl-lab-");
                List<MachineSpec> specs = machineSpecs;
                if (switchCount > 0) {
                    LabSwitches.Plan plan = LabSwitches.plan(specs, switchCount, dialect, credentials);
                    specs = plan.machines();
                    switches = LabSwitches.start(plan, dir.resolve("known_hosts"));
                }
                for (MachineSpec machineSpec : specs) {
                    SimulatedMachine m = SimulatedMachine.create(machineSpec);
                    machines.add(m);
                    bmcs.add(redfish.start(spec, m));
                    // The same machine over IPMI too, as a server's BMC speaks both.
                    ipmiBmcs.add(ipmi.start(ipmiSpec, m));
                }
                Path ca = null;
                if (!http) {
                    // The lab's own CA file goes when the lab closes; this copy has a name worth printing.
                    ca = dir.resolve("lab-ca.pem");
                    Files.copy(redfish.caCertificate(), ca);
                }
                storage = LabStorage.start(dir, randomPassword());
                ramdisks = LabRamdisks.attach(machines, dir, credentials);
                Lab lab = new Lab(redfish, ipmi, machines, bmcs, ipmiBmcs, dir, ca, credentials, storage);
                lab.switches = switches;
                lab.ramdisks = ramdisks;
                try {
                    lab.startConsoles(dir.resolve(CONSOLE_KNOWN_HOSTS));
                } catch (IOException | RuntimeException e) {
                    // the rest is closed below, as when anything else fails to start
                    lab.consoles.forEach(SimulatedVendorConsole::close);
                    throw e;
                }
                return lab;
            } catch (IOException | RuntimeException e) {
                Lab partial = new Lab(redfish, ipmi, machines, bmcs, ipmiBmcs, dir, null, credentials, storage);
                partial.switches = switches;
                partial.ramdisks = ramdisks;
                partial.close();
                throw e instanceof IOException io ? new UncheckedIOException("cannot write the lab's CA file", io) : (RuntimeException) e;
            }
        }

        /**
         * A vendor SSH console in front of each of the first machines, iDRAC and iLO in turn (even
         * machines Dell, odd ones HPE), with the BMCs' login; their host keys go to one known_hosts file.
         */
        private void startConsoles(Path knownHosts) throws IOException {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < Math.min(machines.size(), MAX_VENDOR_CONSOLES); i++) {
                VendorConsoleFlavor flavor = i % 2 == 0 ? VendorConsoleFlavor.IDRAC : VendorConsoleFlavor.ILO;
                SimulatedVendorConsole c = SimulatedVendorConsole.start(VendorConsoleSpec.builder().flavor(flavor)
                        .credentials(credentials.username(), credentials.password()).build(), machines.get(i));
                consoles.add(c);
                lines.append(c.knownHostsLine()).append('\n');
            }
            Files.writeString(knownHosts, lines.toString());
            consoleKnownHosts = knownHosts;
        }

        /** Machine {@code i}: the sample rack's kinds in turn, named node-i, quick to boot and shut down. */
        static MachineSpec machine(int i) {
            return SampleRack.machine(i, "node-" + i).toBuilder()
                    .postTime(POST_TIME)
                    .bootTime(BOOT_TIME)
                    .shutdownTime(SHUTDOWN_TIME)
                    // A console costs twice its capacity up front; a lab of hundreds must stay small.
                    .consoleCapacity(64 * 1024)
                    .build();
        }

        /**
         * 20 letters and digits (119 bits), IPMI v2.0's longest password: nothing a shell or a URL
         * would make anything of.
         */
        private static String randomPassword() {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            SecureRandom random = new SecureRandom();
            StringBuilder sb = new StringBuilder(20);
            for (int i = 0; i < 20; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return sb.toString();
        }

        /** @return the one line printed on stdout */
        String json() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ca", ca == null ? null : ca.toAbsolutePath().toString());
            if (switches != null) {
                doc.put("known_hosts", switches.knownHosts().toAbsolutePath().toString());
            }
            if (consoleKnownHosts != null) {
                doc.put("console_known_hosts", consoleKnownHosts.toAbsolutePath().toString());
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i = 0; i < bmcs.size(); i++) {
                SimulatedRedfish bmc = bmcs.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", bmc.machines().get(0).name());
                m.put("redfish", (bmc.spec().tls() ? "redfish" : "redfish+http") + "://" + bmc.address().getAddress().getHostAddress()
                        + ":" + bmc.port());
                m.put("ipmi", ipmiBmcs.get(i).uri().toString());
                m.put("username", credentials.username());
                // Printed on purpose: a lab's password guards nothing but the lab, and its user needs it.
                m.put("password", credentials.password().reveal());
                m.put("iqn", LabStorage.iqn(m.get("name").toString()));
                if (switches != null) {
                    m.put("nics", LabSwitches.nics(machines.get(i).spec()));
                }
                if (i < consoles.size()) {
                    // the vendor's SSH console, as `console --endpoint` takes it, with the BMC's login
                    m.put("console", consoles.get(i).endpoint());
                }
                if (ramdisks != null) {
                    m.put("heartbeat", ramdisks.heartbeat(i));
                    m.put("ramdisk", ramdisks.json(i));
                }
                list.add(m);
            }
            doc.put("machines", list);
            if (storage != null) {
                doc.put("storage", storage.json());
            }
            if (switches != null) {
                // Printed on purpose, as the BMCs' password is: it guards nothing but the lab.
                doc.put("switches", switches.json(credentials));
            }
            try {
                return new ObjectMapper().writeValueAsString(doc);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render the lab as JSON", e);
            }
        }

        /** @return the simulated machines, node-0 first */
        List<SimulatedMachine> machines() {
            return machines;
        }

        /** @return the lab's login, the same on every BMC and switch */
        Credentials credentials() {
            return credentials;
        }

        /** @return the machines' service ramdisks */
        LabRamdisks ramdisks() {
            return ramdisks;
        }

        /** @return the storage host */
        LabStorage storage() {
            return storage;
        }

        /** @return machine {@code i}'s Redfish BMC, with the lab's CA and login */
        BmcEndpoint redfishEndpoint(int i) {
            SimulatedRedfish bmc = bmcs.get(i);
            BmcEndpoint.Builder b = BmcEndpoint.builder((bmc.spec().tls() ? "redfish" : "redfish+http") + "://"
                    + bmc.address().getAddress().getHostAddress() + ":" + bmc.port()).credentials(CredentialRef.inline(credentials));
            if (ca != null) {
                b.caCertificate(ca);
            }
            return b.build();
        }

        /** @return machine {@code i}'s IPMI BMC, with the lab's login */
        BmcEndpoint ipmiEndpoint(int i) {
            return BmcEndpoint.builder(ipmiBmcs.get(i).uri().toString()).credentials(CredentialRef.inline(credentials)).build();
        }

        /** @return the running switches, if the lab has any */
        java.util.Optional<LabSwitches> switches() {
            return java.util.Optional.ofNullable(switches);
        }

        /** Stops every BMC, machine and switch and deletes the CA and known_hosts files and their directory. */
        @Override
        public void close() {
            try {
                if (switches != null) {
                    switches.close();
                }
            } finally {
                closeMachines();
            }
        }

        private void closeMachines() {
            consoles.forEach(SimulatedVendorConsole::close);
            try {
                redfish.close();
            } finally {
                try {
                    ipmi.close();
                } finally {
                    if (ramdisks != null) {
                        ramdisks.close();
                    }
                    machines.forEach(SimulatedMachine::close);
                    if (storage != null) {
                        storage.close();
                    }
                    deleteDir();
                }
            }
        }

        private void deleteDir() {
            if (dir == null) {
                return;
            }
            try {
                if (ca != null) {
                    Files.deleteIfExists(ca);
                }
                Files.deleteIfExists(dir.resolve("known_hosts"));
                Files.deleteIfExists(dir.resolve(LabStorage.KNOWN_HOSTS));
                Files.deleteIfExists(dir.resolve(CONSOLE_KNOWN_HOSTS));
                Files.deleteIfExists(dir.resolve(LabRamdisks.KNOWN_HOSTS));
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // Nothing secret is in it; the OS's temporary directory cleaning takes it.
            }
        }
    }
}
