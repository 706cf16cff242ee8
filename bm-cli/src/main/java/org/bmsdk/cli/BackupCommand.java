package org.bmsdk.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.storage.backup.BackupEngine;
import org.bmsdk.storage.backup.BackupKey;
import org.bmsdk.storage.backup.BackupListener;
import org.bmsdk.storage.backup.BackupProgress;
import org.bmsdk.storage.backup.BackupResult;
import org.bmsdk.storage.backup.BackupSource;
import org.bmsdk.storage.backup.DirectoryRepository;
import org.bmsdk.storage.backup.PruneResult;
import org.bmsdk.storage.backup.RestoreResult;
import org.bmsdk.storage.backup.RestoreTarget;
import org.bmsdk.storage.backup.S3Repository;
import org.bmsdk.storage.backup.Snapshot;
import org.bmsdk.storage.backup.SshDisk;
import org.bmsdk.storage.backup.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bmctl backup create|list|verify|restore|prune}: disk backups into a directory repository or
 * an S3 bucket ({@code s3://bucket/prefix}, configured by the standard AWS variables), from and to a local file or device, or a node's disk over SSH ({@code ssh://host:port/dev/sda},
 * with the same SSH options as {@code bmctl ssh}).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back disks up into a repository (deduplicated, compressed, optionally encrypted); verify, restore, list, prune.",
        subcommands = {BackupCommand.Create.class, BackupCommand.ListSnapshots.class, BackupCommand.Verify.class,
            BackupCommand.Restore.class, BackupCommand.Prune.class})
final class BackupCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The repository options every subcommand shares. */
    static final class Repo {
        @Option(names = "--repo", required = true, paramLabel = "REPO",
                description = {"The repository: a directory (created on first use), or s3://bucket/prefix in an existing bucket,",
                    "with the server and keys from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION."})
        String repo;

        @Option(names = "--key-file", paramLabel = "FILE",
                description = "The repository's key (64 hex digits): encrypts a new repository, opens an encrypted one.")
        Path keyFile;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /** Opens the repository: S3 for an {@code s3://} location, else a directory. */
        BackupRepository open() {
            if (!S3Repository.isS3Location(repo)) {
                return DirectoryRepository.open(Path.of(repo));
            }
            Map<String, String> env = new HashMap<>();
            for (String name : AWS_VARIABLES) {
                String value = GlobalOptions.environment.apply(name);
                if (value != null) {
                    env.put(name, value);
                }
            }
            return S3Repository.builder().location(repo).environment(env).build();
        }

        /** Runs work on an engine over the repository, with a progress line on a terminal. */
        <T> T withEngine(Function<BackupEngine, T> work) {
            GlobalOptions global = GlobalOptions.of(spec);
            BackupListener progress = System.console() != null && !global.json ? new ProgressLine(spec.commandLine().getErr())
                    : BackupListener.NONE;
            try (BackupRepository repository = open()) {
                BackupEngine.Builder builder = BackupEngine.builder(repository).listener(progress);
                if (keyFile != null) {
                    builder.key(BackupKey.read(keyFile));
                }
                try (BackupEngine engine = builder.build()) {
                    return work.apply(engine);
                }
            }
        }
    }

    /** The AWS variables an S3 repository reads; nothing else of the environment is passed on. */
    private static final List<String> AWS_VARIABLES = List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION");

    /** Where a disk is: a local path, or {@code ssh://host[:port]/path} read over a connection it opens. */
    static final class Disk implements AutoCloseable {
        private final SshClient client;
        private final SshConnection connection;
        final String path;

        Disk(String where, CommandSpec spec) {
            if (where.startsWith("ssh://")) {
                URI uri = URI.create(where);
                if (uri.getHost() == null || uri.getPath() == null || uri.getPath().isEmpty()) {
                    throw new IllegalArgumentException("an SSH disk must look like ssh://host[:port]/dev/sda, but was " + where);
                }
                GlobalOptions global = GlobalOptions.of(spec);
                SshOptions.Builder options = SshOptions.builder().host(uri.getHost()).port(uri.getPort() < 0 ? 22 : uri.getPort())
                        .knownHosts(global.knownHosts);
                if (global.identity != null) {
                    options.username(global.username()).privateKey(global.identity);
                } else {
                    options.credentials(global.credentials());
                }
                client = SshClient.create();
                try {
                    connection = client.connect(options.build());
                } catch (RuntimeException e) {
                    client.close();
                    throw e;
                }
                path = uri.getPath();
            } else {
                client = null;
                connection = null;
                path = where;
            }
        }

        BackupSource source() {
            return connection == null ? BackupSource.path(Path.of(path)) : SshDisk.source(connection, path);
        }

        RestoreTarget target() {
            return connection == null ? RestoreTarget.path(Path.of(path)) : SshDisk.target(connection, path);
        }

        @Override
        public void close() {
            if (client != null) {
                connection.close();
                client.close();
            }
        }
    }

    /** {@code bmctl backup create --repo REPO --source SRC}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Back a disk up; only chunks the repository lacks are stored.")
    static final class Create implements Runnable {
        @Mixin
        Repo repo;

        @Option(names = "--source", required = true, paramLabel = "SRC",
                description = "A file or block device, or ssh://host[:port]/dev/sda.")
        String source;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            BackupResult r;
            try (Disk disk = new Disk(source, spec)) {
                r = repo.withEngine(e -> e.backup(disk.source()));
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("snapshot", r.snapshot().id());
            doc.put("source", r.snapshot().source());
            doc.put("bytesRead", r.bytesRead());
            doc.put("bytesNew", r.bytesNew());
            doc.put("bytesStored", r.bytesStored());
            doc.put("bytesReused", r.bytesReused());
            doc.put("seconds", r.elapsed().toMillis() / 1000.0);
            Output.print(spec.commandLine().getOut(), GlobalOptions.of(spec).json, doc, String.format(
                    "snapshot %s: %d bytes read, %d new (%d stored), %d reused, in %.1f s%n", r.snapshot().id(), r.bytesRead(),
                    r.bytesNew(), r.bytesStored(), r.bytesReused(), r.elapsed().toMillis() / 1000.0));
        }
    }

    /** {@code bmctl backup list --repo REPO}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the snapshots, newest first.")
    static final class ListSnapshots implements Runnable {
        @Mixin
        Repo repo;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            List<Snapshot> snapshots = repo.withEngine(BackupEngine::list);
            List<Map<String, Object>> doc = new ArrayList<>();
            StringBuilder text = new StringBuilder(String.format("%-26s %-24s %14s  %s%n", "SNAPSHOT", "TIME", "BYTES", "SOURCE"));
            for (Snapshot s : snapshots) {
                doc.add(snapshot(s));
                text.append(String.format("%-26s %-24s %14d  %s%n", s.id(), s.time(), s.size(), s.source()));
            }
            Output.print(spec.commandLine().getOut(), GlobalOptions.of(spec).json, doc, text.toString());
        }
    }

    /** {@code bmctl backup verify --repo REPO [SNAPSHOT...]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Read, decrypt, decompress and hash again every chunk of the snapshots (all unless named).",
                "Exits 1 when anything is damaged, naming the snapshots that need it."})
    static final class Verify implements Runnable {
        @Mixin
        Repo repo;

        @Parameters(arity = "0..*", paramLabel = "SNAPSHOT", description = "The snapshots to verify (default: all).")
        List<String> snapshots = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            VerifyReport report = repo.withEngine(e -> snapshots.isEmpty() ? e.verify() : e.verify(Set.copyOf(snapshots)));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("snapshots", report.snapshotsChecked());
            doc.put("chunks", report.chunksChecked());
            doc.put("bytes", report.bytesChecked());
            List<Map<String, Object>> damage = new ArrayList<>();
            StringBuilder text = new StringBuilder(String.format("%d snapshots, %d chunks, %d bytes checked%n",
                    report.snapshotsChecked(), report.chunksChecked(), report.bytesChecked()));
            for (VerifyReport.Damage d : report.damage()) {
                damage.add(Map.of("object", d.object(), "problem", d.problem(), "snapshots", d.snapshots()));
                text.append(String.format("DAMAGED %s: %s (needed by %s)%n", d.object(), d.problem(), String.join(", ", d.snapshots())));
            }
            doc.put("damage", damage);
            doc.put("damagedSnapshots", List.copyOf(report.damagedSnapshots()));
            Output.print(spec.commandLine().getOut(), GlobalOptions.of(spec).json, doc, text.toString());
            if (!report.isClean()) {
                throw new IntegrityException("verify found damage; damaged snapshots: " + String.join(", ", report.damagedSnapshots()));
            }
        }
    }

    /** {@code bmctl backup restore --repo REPO SNAPSHOT --target DST}. */
    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Write a snapshot back, byte for byte (its SHA-256 is checked).")
    static final class Restore implements Runnable {
        @Mixin
        Repo repo;

        @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "The snapshot.")
        String snapshot;

        @Option(names = "--target", required = true, paramLabel = "DST",
                description = "A file (replaced) or block device, or ssh://host[:port]/dev/sda.")
        String target;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            RestoreResult r;
            try (Disk disk = new Disk(target, spec)) {
                r = repo.withEngine(e -> e.restore(snapshot, disk.target()));
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("snapshot", r.snapshot().id());
            doc.put("target", r.target());
            doc.put("bytesWritten", r.bytesWritten());
            digest(doc, r.snapshot());
            Output.print(spec.commandLine().getOut(), GlobalOptions.of(spec).json, doc, String.format(
                    "restored %s to %s: %d bytes, verified (%s %s)%n", r.snapshot().id(), r.target(), r.bytesWritten(),
                    r.snapshot().imageSha256().isPresent() ? "image sha256" : "chunk list sha256", r.snapshot().digest()));
        }
    }

    /** {@code bmctl backup prune --repo REPO --keep-last N}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Keep the newest snapshots, delete the others and every chunk no kept snapshot needs.")
    static final class Prune implements Runnable {
        @Mixin
        Repo repo;

        @Option(names = "--keep-last", required = true, paramLabel = "N", description = "How many snapshots to keep, at least 1.")
        int keepLast;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PruneResult r = repo.withEngine(e -> e.prune(keepLast));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("kept", r.kept().stream().map(Snapshot::id).toList());
            doc.put("removed", r.removed().stream().map(Snapshot::id).toList());
            doc.put("chunksDeleted", r.chunksDeleted());
            Output.print(spec.commandLine().getOut(), GlobalOptions.of(spec).json, doc, String.format(
                    "kept %d snapshots, removed %d, deleted %d chunks%n", r.kept().size(), r.removed().size(), r.chunksDeleted()));
        }
    }

    private static Map<String, Object> snapshot(Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("time", s.time().toString());
        m.put("source", s.source());
        m.put("size", s.size());
        digest(m, s);
        m.put("chunks", s.chunkCount());
        return m;
    }

    /**
     * The snapshot's manifest format and digest, and {@code sha256} (the image's) only where the manifest
     * holds it (format 1): format 2 backups no longer hash the image a second time to compute it.
     */
    private static void digest(Map<String, Object> m, Snapshot s) {
        m.put("format", s.format());
        m.put("digest", s.digest());
        s.imageSha256().ifPresent(sha -> m.put("sha256", sha));
    }

    /** One line on a terminal's stderr, rewritten in place: bytes, rate and time left. */
    private static final class ProgressLine implements BackupListener {
        private final PrintWriter err;

        ProgressLine(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void progress(BackupProgress p) {
            String total = p.totalBytes() < 0 ? "" : " of " + p.totalBytes() / (1 << 20) + " MiB";
            String left = p.timeLeft().map(d -> ", " + d.toSeconds() + " s left").orElse("");
            err.printf("\r%s %d MiB%s, %.1f MB/s%s%s", p.operation().name().toLowerCase(java.util.Locale.ROOT),
                    p.bytesRead() / (1 << 20), total, p.bytesPerSecond() / 1e6, left, p.done() ? "\n" : "   ");
            err.flush();
        }
    }
}
