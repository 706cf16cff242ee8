package org.bmsdk.storage.iscsi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.storage.BlockStorage;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.ssh.ExecResult;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.storage.iscsi.internal.ExportRules;
import org.bmsdk.storage.iscsi.internal.Shell;
import org.bmsdk.storage.iscsi.internal.TgtShowFormatException;
import org.bmsdk.storage.iscsi.internal.TgtShowParser;
import org.bmsdk.storage.iscsi.internal.TgtTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BlockStorage} on a Linux storage host running the tgt iSCSI target (tgtd), driven over SSH
 * with {@code tgtadm}. The SSH user must be allowed to run tgtadm and to write the volume directory
 * (root, in practice).
 *
 * <p><b>Volumes</b> are sparse files in one directory of the host: {@code NAME.vol}, or
 * {@code NAME.shared-vol} for a shareable one; the volume id is the {@link VolumeSpec#name() name}.
 * <b>Exports</b> are tgt targets named {@link #targetIqn(String)} (derived from the id alone) with
 * the file as LUN 1 ({@code --bstype rdwr}), an ACL of initiator names, and one incoming CHAP
 * account per volume whose secret is derived from the caller's CHAP key and the target name
 * (HMAC-SHA256). Nothing is kept on this side: every call reads the state back from the host, so a
 * new instance, or one started after a crash half-way through an attach, carries on where the last
 * one stopped, and an attach repeated for the same node changes nothing.
 *
 * <p>tgtd's targets live in its memory: after a restart of tgtd the volumes are still listed, but
 * attached nowhere, and each must be attached again. Meant for one writer per host: two drivers
 * attaching at the same moment may both pick the same free target id, and one then fails.
 *
 * <p>Errors: {@link ConflictException} for a volume attached elsewhere, still attached, or created
 * again with another spec; {@link ConfigurationException} for an unknown volume;
 * {@link DeviceException} when tgtadm or the shell refuses (its first error line is the device code),
 * and the bm-ssh errors when the host cannot be reached. The CHAP secret appears in no message,
 * log line or {@code toString()}; it is on the tgtadm command line on the host, which is how tgtadm
 * takes it.
 */
public final class TgtStorage implements BlockStorage {

    private static final Logger LOG = LoggerFactory.getLogger(TgtStorage.class);
    private static final String DRIVER = "tgt";
    private static final Pattern DIRECTORY = Pattern.compile("/[A-Za-z0-9._+/-]*");
    private static final Pattern IQN_PREFIX = Pattern.compile("(iqn\\.\\d{4}-\\d{2}\\.[a-z0-9.-]+)(:[a-z0-9.:-]+)?");
    private static final Pattern PLAIN_IQN_PART = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final String EXCLUSIVE = ".vol";
    private static final String SHARED = ".shared-vol";
    private static final int LUN = 1;

    private final SshConnection host;
    private final String directory;
    private final String portal;
    private final String iqnPrefix;
    private final int controlPort;
    private final Secret chapKey;
    private final Duration timeout;

    private TgtStorage(Builder b) {
        this.host = b.host;
        this.directory = b.directory;
        this.portal = b.portal;
        this.iqnPrefix = b.iqnPrefix;
        this.controlPort = b.controlPort;
        this.chapKey = b.chapKey;
        this.timeout = b.timeout;
    }

    /**
     * Starts the options of a driver.
     *
     * @param host the storage host's SSH connection, host key verified; {@link #close()} closes it
     * @return the builder
     */
    public static Builder builder(SshConnection host) {
        return new Builder(host);
    }

    /**
     * The target name of a volume: the prefix, a colon and the volume id when the id is a valid
     * IQN part already (lower-case letters, digits, {@code .} and {@code -}); otherwise the id
     * lower-cased, other characters turned into {@code -}, and 8 hex digits of its SHA-256 appended,
     * so that {@code Vol_1} and {@code vol-1} stay apart.
     *
     * @param volumeId the volume id
     * @return the target's IQN
     */
    public String targetIqn(String volumeId) {
        check(volumeId);
        if (PLAIN_IQN_PART.matcher(volumeId).matches()) {
            return iqnPrefix + ":" + volumeId;
        }
        String plain = volumeId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return iqnPrefix + ":" + plain + "." + hex(sha256(volumeId)).substring(0, 8);
    }

    @Override
    public Volume create(VolumeSpec spec) {
        Objects.requireNonNull(spec, "spec");
        ErrorContext ctx = context("volume.create");
        Optional<VolumeFile> existing = find(spec.name(), ctx);
        if (existing.isPresent()) {
            VolumeFile f = existing.get();
            if (f.size != spec.sizeBytes() || f.shareable != spec.shareable()) {
                throw new ConflictException("volume " + spec.name() + " exists already with " + f.size + " bytes, "
                        + (f.shareable ? "shareable" : "not shareable"), ctx);
            }
            return volume(f, targets(ctx));
        }
        String file = path(spec.name(), spec.shareable());
        // noclobber makes the first redirection an O_EXCL create, so that an existing file is never truncated
        String line = "mkdir -p " + Shell.quote(directory) + " && set -C && : > " + Shell.quote(file)
                + " && truncate -s " + spec.sizeBytes() + " " + Shell.quote(file);
        run(line, "create " + file, ctx);
        LOG.info("created volume {} ({} bytes{}) on {}", spec.name(), spec.sizeBytes(),
                spec.shareable() ? ", shareable" : "", host.endpoint());
        return new Volume(spec.name(), spec, Set.of());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Deleting a volume that does not exist does nothing. The backing file is removed: its data
     * is gone.
     */
    @Override
    public void delete(String volumeId) {
        check(volumeId);
        ErrorContext ctx = context("volume.delete");
        Optional<TgtTarget> target = target(volumeId, targets(ctx));
        if (target.isPresent()) {
            List<String> nodes = target.get().initiatorNames();
            if (!nodes.isEmpty()) {
                throw new ConflictException("volume " + volumeId + " is still attached to " + nodes, ctx);
            }
            // a target left half-made by an attach that failed: it exports nothing, remove it first
            deleteTarget(target.get(), volumeId, ctx);
        }
        run("rm -f " + Shell.quote(path(volumeId, false)) + " " + Shell.quote(path(volumeId, true)), "delete " + volumeId, ctx);
        LOG.info("deleted volume {} on {}", volumeId, host.endpoint());
    }

    @Override
    public VolumeTarget attach(String volumeId, VolumeConnector connector) {
        check(volumeId);
        ErrorContext ctx = context("volume.attach");
        String initiator = iscsiInitiator(connector, ctx);
        VolumeFile file = find(volumeId, ctx).orElseThrow(
                () -> new ConfigurationException("no volume " + volumeId + " in " + directory, ctx));
        String iqn = targetIqn(volumeId);
        List<TgtTarget> all = targets(ctx);
        Optional<TgtTarget> existing = target(volumeId, all);
        Set<String> nodes = existing.map(t -> Set.copyOf(t.initiatorNames())).orElse(Set.of());
        ExportRules.Attach action = ExportRules.attach(existing.isPresent(), nodes, file.shareable, initiator);
        if (action == ExportRules.Attach.CONFLICT) {
            throw new ConflictException("volume " + volumeId + " is attached to " + nodes
                    + " and was not created shareable", ctx);
        }
        int tid;
        if (action == ExportRules.Attach.CREATE_TARGET) {
            tid = all.stream().mapToInt(TgtTarget::tid).max().orElse(0) + 1;
            tgtadm(ctx, "target", "new").arg("--tid").arg(String.valueOf(tid)).arg("--targetname").arg(iqn).run();
        } else {
            tid = existing.get().tid();
        }
        // repair what an attach cut short left out, then bind: each step only when missing
        if (existing.flatMap(t -> t.lun(LUN)).isEmpty()) {
            tgtadm(ctx, "logicalunit", "new").arg("--tid").arg(String.valueOf(tid)).arg("--lun").arg(String.valueOf(LUN))
                    .arg("--backing-store").arg(file.path).arg("--bstype").arg("rdwr").run();
        }
        String user = chapUser(volumeId);
        if (existing.map(t -> !t.accounts().contains(user)).orElse(true)) {
            // accounts are global in tgtd: one left by a target deleted outside the driver may hold another secret
            tgtadm(ctx, "account", "delete").arg("--user").arg(user).runIgnoringFailure();
            tgtadm(ctx, "account", "new").arg("--user").arg(user).arg("--password").secretArg(chapSecret(iqn).reveal()).run();
            tgtadm(ctx, "account", "bind").arg("--tid").arg(String.valueOf(tid)).arg("--user").arg(user).run();
        }
        if (action != ExportRules.Attach.ALREADY) {
            tgtadm(ctx, "target", "bind").arg("--tid").arg(String.valueOf(tid)).arg("--initiator-name").arg(initiator).run();
            LOG.info("attached volume {} to {} as {} on {}", volumeId, initiator, iqn, host.endpoint());
        }
        return VolumeTarget.of(portal, iqn, LUN, Credentials.of(user, chapSecret(iqn)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>When the node was the last one, the target is deleted with {@code --force}: a node still
     * logged in loses the volume at once, as a detach means.
     */
    @Override
    public void detach(String volumeId, VolumeConnector connector) {
        check(volumeId);
        ErrorContext ctx = context("volume.detach");
        String initiator = iscsiInitiator(connector, ctx);
        Optional<TgtTarget> target = target(volumeId, targets(ctx));
        Set<String> nodes = target.map(t -> Set.copyOf(t.initiatorNames())).orElse(Set.of());
        switch (ExportRules.detach(target.isPresent(), nodes, initiator)) {
            case NOTHING -> {
                return;
            }
            case UNBIND -> tgtadm(ctx, "target", "unbind").arg("--tid").arg(String.valueOf(target.get().tid()))
                    .arg("--initiator-name").arg(initiator).run();
            case DELETE_TARGET -> deleteTarget(target.get(), volumeId, ctx);
        }
        LOG.info("detached volume {} from {} on {}", volumeId, initiator, host.endpoint());
    }

    @Override
    public List<Volume> list() {
        ErrorContext ctx = context("volume.list");
        ExecResult r = run("mkdir -p " + Shell.quote(directory) + " && cd " + Shell.quote(directory)
                + " && find . -maxdepth 1 -type f \\( -name '*" + EXCLUSIVE + "' -o -name '*" + SHARED + "' \\) -printf '%f %s\\n'",
                "list " + directory, ctx);
        List<TgtTarget> targets = targets(ctx);
        List<Volume> volumes = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                volumeFile(line, ctx).ifPresent(f -> volumes.add(volume(f, targets)));
            }
        }
        volumes.sort((a, b) -> a.id().compareTo(b.id()));
        return List.copyOf(volumes);
    }

    /** Closes the SSH connection. */
    @Override
    public void close() {
        host.close();
    }

    /** Names the host and directory, never the CHAP key. */
    @Override
    public String toString() {
        return "TgtStorage[" + host.endpoint() + directory + ", portal " + portal + "]";
    }

    // ---- host state

    private record VolumeFile(String id, String path, long size, boolean shareable) {
    }

    private Optional<VolumeFile> find(String volumeId, ErrorContext ctx) {
        String line = "cd " + Shell.quote(directory) + " 2>/dev/null || exit 0; for f in "
                + Shell.quote(volumeId + EXCLUSIVE) + " " + Shell.quote(volumeId + SHARED)
                + "; do if [ -f \"$f\" ]; then stat -c '%n %s' \"$f\"; fi; done";
        ExecResult r = run(line, "find " + volumeId, ctx);
        List<VolumeFile> found = new ArrayList<>();
        for (String l : r.stdout().split("\n")) {
            if (!l.isBlank()) {
                volumeFile(l, ctx).ifPresent(found::add);
            }
        }
        if (found.size() > 1) {
            throw new DeviceException("volume " + volumeId + " has both a shared and an exclusive file in " + directory,
                    ctx, "two files");
        }
        return found.stream().findFirst();
    }

    /** One line of "NAME SIZE"; files whose name is not a volume name are left alone. */
    private Optional<VolumeFile> volumeFile(String line, ErrorContext ctx) {
        int space = line.lastIndexOf(' ');
        if (space <= 0) {
            throw new DeviceException("unexpected listing line '" + line + "'", ctx, "listing");
        }
        String name = line.substring(0, space);
        long size;
        try {
            size = Long.parseLong(line.substring(space + 1).strip());
        } catch (NumberFormatException e) {
            throw new DeviceException("unexpected listing line '" + line + "'", ctx, "listing", false, e);
        }
        boolean shared = name.endsWith(SHARED);
        String id = name.substring(0, name.length() - (shared ? SHARED : EXCLUSIVE).length());
        try {
            new VolumeSpec(id, Math.max(size, 1L << 20), shared);
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
        return Optional.of(new VolumeFile(id, path(id, shared), size, shared));
    }

    private Volume volume(VolumeFile f, List<TgtTarget> targets) {
        Set<VolumeConnector> attached = new LinkedHashSet<>();
        target(f.id, targets).ifPresent(t -> t.initiatorNames().forEach(n -> attached.add(VolumeConnector.iscsi(n))));
        // a file smaller than 1 MiB was not made by this driver; show it as 1 MiB rather than fail the whole list
        return new Volume(f.id, new VolumeSpec(f.id, Math.max(f.size, 1L << 20), f.shareable), attached);
    }

    private Optional<TgtTarget> target(String volumeId, List<TgtTarget> targets) {
        String iqn = targetIqn(volumeId);
        return targets.stream().filter(t -> t.iqn().equals(iqn)).findFirst();
    }

    private List<TgtTarget> targets(ErrorContext ctx) {
        ExecResult r = tgtadm(ctx, "target", "show").run();
        try {
            return TgtShowParser.parse(r.stdout());
        } catch (TgtShowFormatException e) {
            throw new DeviceException("tgtadm --op show printed something this driver cannot read: " + e.getMessage(),
                    ctx, "tgtadm show format", false, e);
        }
    }

    private void deleteTarget(TgtTarget target, String volumeId, ErrorContext ctx) {
        tgtadm(ctx, "target", "delete").arg("--force").arg("--tid").arg(String.valueOf(target.tid())).run();
        for (String user : target.accounts()) {
            if (user.equals(chapUser(volumeId))) {
                tgtadm(ctx, "account", "delete").arg("--user").arg(user).runIgnoringFailure();
            }
        }
    }

    // ---- commands

    private Tgtadm tgtadm(ErrorContext ctx, String mode, String op) {
        Shell s = Shell.of("tgtadm");
        if (controlPort >= 0) {
            s.arg("-C").arg(String.valueOf(controlPort));
        }
        s.arg("--lld").arg("iscsi").arg("--mode").arg(mode).arg("--op").arg(op);
        return new Tgtadm(s, ctx);
    }

    private final class Tgtadm {
        private final Shell shell;
        private final ErrorContext ctx;

        Tgtadm(Shell shell, ErrorContext ctx) {
            this.shell = shell;
            this.ctx = ctx;
        }

        Tgtadm arg(String word) {
            shell.arg(word);
            return this;
        }

        Tgtadm secretArg(String word) {
            shell.secretArg(word);
            return this;
        }

        ExecResult run() {
            return TgtStorage.this.run(shell.line(), shell.toString(), ctx);
        }

        void runIgnoringFailure() {
            host.exec(shell.line(), timeout);
        }
    }

    /** Runs a line; a non-zero exit is a DeviceException naming {@code shown} (never the line: it may hold a secret). */
    private ExecResult run(String line, String shown, ErrorContext ctx) {
        ExecResult r = host.exec(line, timeout);
        if (!r.isSuccess()) {
            String err = r.stderr().strip();
            String first = err.isEmpty() ? "exit status " + r.exitStatus() : err.lines().findFirst().orElse(err);
            throw new DeviceException(shown + " failed with exit status " + r.exitStatus() + ": " + err, ctx, first);
        }
        return r;
    }

    // ---- names and secrets

    private String path(String volumeId, boolean shareable) {
        return directory + "/" + volumeId + (shareable ? SHARED : EXCLUSIVE);
    }

    private static String chapUser(String volumeId) {
        return "bm-" + volumeId;
    }

    /** 16 base64url characters (96 bits): tgt and Windows initiators take CHAP secrets of 12 to 16 characters. */
    private Secret chapSecret(String iqn) {
        byte[] key = chapKey.revealBytes();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(("bm-sdk tgt chap\0" + iqn).getBytes(StandardCharsets.UTF_8));
            return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    private ErrorContext context(String operation) {
        return ErrorContext.of(host.endpoint(), DRIVER, operation);
    }

    private static void check(String volumeId) {
        // the spec's rule for names is the rule for ids; it keeps every id safe in paths and IQNs
        new VolumeSpec(volumeId, 1L << 20, false);
    }

    private static String iscsiInitiator(VolumeConnector connector, ErrorContext ctx) {
        Objects.requireNonNull(connector, "connector");
        if (connector.type() != VolumeConnector.Type.ISCSI) {
            throw new UnsupportedCapabilityException("FibreChannel", UnsupportedCapabilityException.Reason.NOT_OFFERED,
                    "tgt exports iSCSI only", ctx);
        }
        return connector.initiator();
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    /** Options of a {@link TgtStorage}. */
    public static final class Builder {
        private final SshConnection host;
        private String directory;
        private String portal;
        private String iqnPrefix = "iqn.2024-01.org.bmsdk";
        private int controlPort = -1;
        private Secret chapKey;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(SshConnection host) {
            this.host = Objects.requireNonNull(host, "host");
        }

        /**
         * The directory of the host that holds the volume files (made when missing).
         *
         * @param path an absolute path of letters, digits and {@code ._+-/}
         * @return this
         */
        public Builder directory(String path) {
            if (path == null || !DIRECTORY.matcher(path).matches() || path.contains("..")) {
                throw new IllegalArgumentException("directory must be an absolute path of letters, digits and ._+-/, but was '"
                        + path + "'");
            }
            this.directory = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return this;
        }

        /**
         * The portal that nodes connect to, as the targets are handed out.
         *
         * @param hostAndPort {@code host:port} of tgtd's iSCSI portal, as the nodes reach it
         * @return this
         */
        public Builder portal(String hostAndPort) {
            VolumeTarget.of(hostAndPort, "iqn.2000-01.check:portal", 0, null);
            this.portal = hostAndPort;
            return this;
        }

        /**
         * The naming authority of the target names, such as {@code iqn.2024-01.com.example}
         * (default {@code iqn.2024-01.org.bmsdk}); an optional {@code :prefix} part may follow.
         *
         * @param prefix the prefix
         * @return this
         */
        public Builder iqnPrefix(String prefix) {
            if (prefix == null || !IQN_PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("IQN prefix must look like iqn.2024-01.com.example, but was '" + prefix + "'");
            }
            this.iqnPrefix = prefix;
            return this;
        }

        /**
         * tgtd's control port ({@code tgtd -C N}, {@code tgtadm -C N}) when the host runs more than
         * one tgtd; by default tgtadm's own default.
         *
         * @param port 0 to 32767, as tgtd takes it
         * @return this
         */
        public Builder controlPort(int port) {
            if (port < 0 || port > 32767) {
                throw new IllegalArgumentException("control port must be in 0..32767, but was " + port);
            }
            this.controlPort = port;
            return this;
        }

        /**
         * The key from which each volume's CHAP secret is derived; keep it as a credential. The
         * same key must be given to every driver of the host, or attaches repeated by another
         * driver hand out secrets tgtd does not hold.
         *
         * @param key at least 16 characters
         * @return this
         */
        public Builder chapKey(Secret key) {
            Objects.requireNonNull(key, "chapKey");
            if (key.reveal().length() < 16) {
                throw new IllegalArgumentException("the CHAP key must have at least 16 characters");
            }
            this.chapKey = key;
            return this;
        }

        /**
         * How long one command on the host may take (default 30 s).
         *
         * @param t positive
         * @return this
         */
        public Builder commandTimeout(Duration t) {
            if (t == null || t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("command timeout must be positive");
            }
            this.timeout = t;
            return this;
        }

        /**
         * Creates the driver; nothing is sent to the host yet.
         *
         * @return the driver
         * @throws IllegalStateException when the directory, portal or CHAP key is missing
         */
        public TgtStorage build() {
            if (directory == null || portal == null || chapKey == null) {
                throw new IllegalStateException("directory, portal and chapKey are required");
            }
            return new TgtStorage(this);
        }
    }
}
