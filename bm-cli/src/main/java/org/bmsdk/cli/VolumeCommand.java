package org.bmsdk.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.storage.iscsi.TgtStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bmctl volume create|delete|attach|detach|list}: block volumes on a tgt iSCSI storage host
 * through bm-storage's {@link TgtStorage}, over SSH with the options every SSH command shares.
 * Each volume's CHAP secret is derived from a CHAP key ({@code --chap-key-file FILE} or
 * {@code $BMCTL_CHAP_KEY}, never an argument), which {@code attach} needs; {@code attach --json}
 * prints the secret, because the node needs it to log in.
 */
@Command(name = "volume", mixinStandardHelpOptions = true,
        description = {"Block volumes on a tgt iSCSI storage host over SSH: create, delete, attach to a node's initiator, detach, list.",
            "A volume is exported to one initiator name (IQN) with CHAP, unless created --shareable."},
        subcommands = {VolumeCommand.Create.class, VolumeCommand.Delete.class, VolumeCommand.Attach.class, VolumeCommand.Detach.class,
            VolumeCommand.ListVolumes.class})
final class VolumeCommand implements Runnable {

    /** Where volume files live on the host unless {@code --directory} says otherwise. */
    static final String DEFAULT_DIRECTORY = "/var/lib/bmsdk/volumes";

    /** The environment variable holding the CHAP key when no file is given. */
    static final String CHAP_KEY_VARIABLE = "BMCTL_CHAP_KEY";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The storage host: the global endpoint and SSH options, and tgt's settings there. */
    static final class Host {
        @Option(names = "--directory", paramLabel = "DIR", description = "The host's directory of volume files (default: " + DEFAULT_DIRECTORY + ").")
        String directory = DEFAULT_DIRECTORY;

        @Option(names = "--portal", paramLabel = "HOST:PORT",
                description = "The iSCSI portal nodes connect to, as attach hands it out (default: the endpoint's host, port 3260).")
        String portal;

        @Option(names = "--control-port", paramLabel = "N", description = "tgtd's control port (tgtadm -C N), when the host runs several tgtd.")
        Integer controlPort;

        @Option(names = "--iqn-prefix", paramLabel = "PREFIX", description = "The target names' prefix (default: iqn.2024-01.org.bmsdk).")
        String iqnPrefix;

        @Option(names = "--chap-key-file", paramLabel = "FILE",
                description = "A file holding the key each volume's CHAP secret derives from (at least 16 characters). Default: $"
                        + CHAP_KEY_VARIABLE + ".")
        Path chapKeyFile;

        @Option(names = "--timeout", paramLabel = "DURATION", description = "How long one command on the host may take (default: 30s).")
        String timeout = "30s";

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        GlobalOptions global() {
            return GlobalOptions.of(spec);
        }

        /**
         * Connects to the host, runs the work on a driver, and always disconnects.
         *
         * @param needsKey whether the work derives CHAP secrets (attach), so a key must be given
         */
        <T> T withStorage(boolean needsKey, Function<TgtStorage, T> work) {
            URI uri = URI.create(global().requireEndpoint());
            if (!"ssh".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
                throw new IllegalArgumentException("--endpoint must be ssh://host[:port], but was " + uri);
            }
            Secret key = chapKey(needsKey);
            TgtStorage.Builder b;
            SshOptions.Builder options = SshOptions.builder().host(uri.getHost()).port(uri.getPort() < 0 ? 22 : uri.getPort())
                    .knownHosts(global().knownHosts).commandTimeout(SshCommand.Durations.parse(timeout));
            if (global().identity != null) {
                options.username(global().username()).privateKey(global().identity);
            } else {
                options.credentials(global().credentials());
            }
            try (SshClient client = SshClient.create()) {
                SshConnection connection = client.connect(options.build());
                b = TgtStorage.builder(connection).directory(directory)
                        .portal(portal != null ? portal : uri.getHost() + ":3260").chapKey(key)
                        .commandTimeout(SshCommand.Durations.parse(timeout));
                if (controlPort != null) {
                    b.controlPort(controlPort);
                }
                if (iqnPrefix != null) {
                    b.iqnPrefix(iqnPrefix);
                }
                try (TgtStorage storage = b.build()) {
                    return work.apply(storage);
                }
            }
        }

        private Secret chapKey(boolean needed) {
            return VolumeCommand.chapKey(chapKeyFile, needed);
        }
    }

    /**
     * The CHAP key: from the file, else from {@value #CHAP_KEY_VARIABLE}.
     *
     * @param chapKeyFile the file, or null
     * @param needed whether the work derives CHAP secrets (attach), so a key must be given
     * @return the key; a random one when none is given and none is needed
     */
    static Secret chapKey(Path chapKeyFile, boolean needed) {
        String key = null;
        if (chapKeyFile != null) {
            try {
                key = Files.readString(chapKeyFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigurationException("CHAP key file " + chapKeyFile + " cannot be read: " + e.getClass().getSimpleName());
            }
        } else {
            key = GlobalOptions.environment.apply(CHAP_KEY_VARIABLE);
        }
        if (key != null && !key.isEmpty()) {
            if (key.length() < 16) {
                throw new ConfigurationException("the CHAP key must have at least 16 characters");
            }
            return Secret.of(key);
        }
        if (needed) {
            throw new ConfigurationException("attach needs the CHAP key: set " + CHAP_KEY_VARIABLE + ", or pass --chap-key-file FILE");
        }
        // Only attach derives secrets from the key; the other operations never read it, so any key serves.
        byte[] unused = new byte[24];
        new SecureRandom().nextBytes(unused);
        return Secret.of(Base64.getEncoder().encodeToString(unused));
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]i?B|B)", Pattern.CASE_INSENSITIVE);

    /**
     * A size with its unit, as {@code select} takes them: {@code 64MiB}, {@code 10GiB}, {@code 1TB}.
     *
     * @param text the size
     * @return bytes
     * @throws IllegalArgumentException when malformed
     */
    static long bytes(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--size needs a unit (B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB), such as 10GiB, but was '"
                    + text + "'");
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        int power = "BKMGTP".indexOf(unit.charAt(0));
        java.math.BigDecimal base = java.math.BigDecimal.valueOf(unit.contains("I") ? 1024 : 1000);
        java.math.BigDecimal value = new java.math.BigDecimal(m.group(1)).multiply(base.pow(unit.equals("B") ? 0 : power));
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("--size must come to whole bytes, but " + text + " is " + value.toPlainString());
        }
    }

    private static Map<String, Object> volumeJson(Volume v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.id());
        m.put("sizeBytes", v.spec().sizeBytes());
        m.put("shareable", v.spec().shareable());
        m.put("attachedTo", v.attachedTo().stream().map(VolumeConnector::initiator).sorted().toList());
        return m;
    }

    /** {@code bmctl volume create NAME --size SIZE [--shareable]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a volume (a sparse file on the host); the same name and size again returns it.")
    static final class Create implements Runnable {
        @Mixin
        Host host;

        @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, '.', '_' and '-', up to 64.")
        String name;

        @Option(names = "--size", required = true, paramLabel = "SIZE", description = "Such as 64MiB or 100GiB; at least 1 MiB.")
        String size;

        @Option(names = "--shareable", description = "Several nodes may attach it at once (a clustered file system).")
        boolean shareable;

        @Override
        public void run() {
            VolumeSpec spec = new VolumeSpec(name, bytes(size), shareable);
            Volume v = host.withStorage(false, s -> s.create(spec));
            Output.print(host.spec.commandLine().getOut(), host.global().json, volumeJson(v), String.format(
                    "volume %s: %d bytes%s%n", v.id(), v.spec().sizeBytes(), v.spec().shareable() ? ", shareable" : ""));
        }
    }

    /** {@code bmctl volume delete NAME}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a volume and its data; refused while it is attached; nothing to do when it does not exist.")
    static final class Delete implements Runnable {
        @Mixin
        Host host;

        @Parameters(index = "0", paramLabel = "NAME", description = "The volume.")
        String name;

        @Override
        public void run() {
            host.withStorage(false, s -> {
                s.delete(name);
                return null;
            });
            Output.print(host.spec.commandLine().getOut(), host.global().json, Map.of("deleted", name), "deleted volume " + name + "\n");
        }
    }

    /** {@code bmctl volume attach NAME --initiator IQN}. */
    @Command(name = "attach", mixinStandardHelpOptions = true,
            description = {"Export a volume to one node's iSCSI initiator, with CHAP; again for the same node changes nothing.",
                "--json also prints the CHAP secret, which the node needs to log in."})
    static final class Attach implements Runnable {
        @Mixin
        Host host;

        @Parameters(index = "0", paramLabel = "NAME", description = "The volume.")
        String name;

        @Option(names = "--initiator", required = true, paramLabel = "IQN", description = "The node's initiator name.")
        String initiator;

        @Override
        public void run() {
            VolumeConnector node = VolumeConnector.iscsi(initiator);
            VolumeTarget t;
            try {
                t = host.withStorage(true, s -> s.attach(name, node));
            } catch (ConfigurationException e) {
                if (e.context() == org.bmsdk.api.ErrorContext.NONE) {
                    throw e;
                }
                // The driver's "no such volume" is about the host's state, not about how bmctl was called.
                throw new ConflictException(e.getMessage().replaceFirst("^\\[[^]]*] ", ""), e.context(), e);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("volume", name);
            doc.put("initiator", initiator);
            doc.put("portal", t.portal());
            doc.put("targetIqn", t.targetIqn());
            doc.put("lun", t.lun());
            t.chap().ifPresent(c -> {
                Map<String, Object> chap = new LinkedHashMap<>();
                chap.put("username", c.username());
                // Printed on purpose: the node cannot log in without it. Text output leaves it out.
                chap.put("secret", c.password().reveal());
                doc.put("chap", chap);
            });
            Output.print(host.spec.commandLine().getOut(), host.global().json, doc, String.format(
                    "volume %s exported to %s: portal %s, target %s, lun %d%s%n", name, initiator, t.portal(), t.targetIqn(), t.lun(),
                    t.chap().map(c -> ", CHAP user " + c.username() + " (--json prints the secret)").orElse("")));
        }
    }

    /** {@code bmctl volume detach NAME --initiator IQN}. */
    @Command(name = "detach", mixinStandardHelpOptions = true,
            description = "Stop exporting a volume to a node; a node still logged in loses it. Nothing to do when it is not exported there.")
    static final class Detach implements Runnable {
        @Mixin
        Host host;

        @Parameters(index = "0", paramLabel = "NAME", description = "The volume.")
        String name;

        @Option(names = "--initiator", required = true, paramLabel = "IQN", description = "The node's initiator name.")
        String initiator;

        @Override
        public void run() {
            VolumeConnector node = VolumeConnector.iscsi(initiator);
            host.withStorage(false, s -> {
                s.detach(name, node);
                return null;
            });
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("volume", name);
            doc.put("detached", initiator);
            Output.print(host.spec.commandLine().getOut(), host.global().json, doc, "volume " + name + " detached from " + initiator + "\n");
        }
    }

    /** {@code bmctl volume list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the volumes, by name, with the initiators each is exported to.")
    static final class ListVolumes implements Runnable {
        @Mixin
        Host host;

        @Override
        public void run() {
            List<Volume> volumes = host.withStorage(false, TgtStorage::list);
            List<Map<String, Object>> list = new ArrayList<>();
            StringBuilder text = new StringBuilder(String.format("%-24s %16s  %-9s  %s%n", "NAME", "BYTES", "SHAREABLE", "ATTACHED TO"));
            for (Volume v : volumes) {
                list.add(volumeJson(v));
                List<String> to = v.attachedTo().stream().map(VolumeConnector::initiator).sorted().toList();
                text.append(String.format("%-24s %16d  %-9s  %s%n", v.id(), v.spec().sizeBytes(), v.spec().shareable() ? "yes" : "no",
                        to.isEmpty() ? "-" : String.join(", ", to)));
            }
            Output.print(host.spec.commandLine().getOut(), host.global().json, Map.of("volumes", list),
                    volumes.isEmpty() ? "no volumes\n" : text.toString());
        }
    }
}
