package org.bmsdk.storage.backup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.bmsdk.api.storage.ChunkId;

/**
 * Backups, prunes and the leftovers of crashed backups in random order, against a model (the list
 * of images backed up and kept): after every step the repository lists the model's snapshots, every
 * one of them restores byte for byte, no chunk a snapshot needs is missing, and after a prune no
 * other chunk is left.
 */
class PruneStatePropertiesTest {

    @Property(tries = 30)
    void pruneNeverLosesWhatASnapshotNeedsAndLeavesNoGarbage(@ForAll("chains") ActionChain<Harness> chain) {
        try {
            chain.withInvariant("lists the model's snapshots", Harness::listsTheModel)
                    .withInvariant("every kept snapshot restores byte for byte", Harness::restoresEverySnapshot)
                    .run();
        } finally {
            chain.finalState().ifPresent(Harness::close);
        }
    }

    @Provide
    Arbitrary<ActionChain<Harness>> chains() {
        return ActionChain.startWith(Harness::new)
                .withAction(5, (Action.Independent<Harness>) () -> Arbitraries.integers().between(0, 5)
                        .map(variant -> Transformer.mutate("backup image " + variant, h -> h.backup(variant))))
                .withAction(2, (Action.Independent<Harness>) () -> Arbitraries.integers().between(1, 3)
                        .map(n -> Transformer.mutate("prune keep-last " + n, h -> h.prune(n))))
                .withAction(1, (Action.Independent<Harness>) () -> Arbitraries.integers().between(0, 5)
                        .map(variant -> Transformer.mutate("crashed backup of image " + variant, h -> h.crashedBackup(variant))))
                .withMaxTransformations(12);
    }

    /** A repository in a temporary directory, an engine on it, and the model. */
    static final class Harness implements AutoCloseable {

        private static final ChunkSizes TINY = ChunkSizes.of(256, 1024, 4096);
        private static final byte[] BASE = new byte[16 << 10];

        static {
            new Random(42).nextBytes(BASE);
        }

        private final Path dir;
        private final DirectoryRepository repository;
        private final BackupEngine engine;
        private final MutableClock clock = new MutableClock();
        /** The snapshots the repository must hold, oldest first: id and image. */
        private final List<Object[]> model = new ArrayList<>();

        Harness() {
            try {
                dir = Files.createTempDirectory("prune-props");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            repository = DirectoryRepository.open(dir.resolve("repo"));
            engine = BackupEngine.builder(repository).chunkSizes(TINY).threads(2).clock(clock).build();
        }

        /** Images share most chunks with each other: variants of one base with edits in different places. */
        static byte[] image(int variant) {
            byte[] image = BASE.clone();
            Random r = new Random(variant);
            for (int i = 0; i < variant; i++) {
                int at = r.nextInt(image.length - 200);
                for (int j = 0; j < 200; j++) {
                    image[at + j] = (byte) r.nextInt();
                }
            }
            return image;
        }

        void backup(int variant) {
            clock.advance();
            byte[] image = image(variant);
            BackupResult r = engine.backup(BackupSource.of("image " + variant, image.length, () -> new ByteArrayInputStream(image)));
            model.add(new Object[] {r.snapshot().id(), image});
            checkNoChunkMissing();
        }

        void crashedBackup(int variant) {
            // What a killed backup leaves: some of its chunks, whole, and no manifest.
            BackupResult r;
            byte[] image = image(variant);
            clock.advance();
            r = engine.backup(BackupSource.of("doomed", image.length, () -> new ByteArrayInputStream(image)));
            Path manifest = dir.resolve("repo/snapshots/" + r.snapshot().id() + ".json");
            try {
                Files.delete(manifest);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            checkNoChunkMissing();
        }

        void prune(int keepLast) {
            PruneResult result = engine.prune(keepLast);
            List<Object[]> kept = model.subList(Math.max(0, model.size() - keepLast), model.size());
            List<Object[]> keptCopy = new ArrayList<>(kept);
            model.clear();
            model.addAll(keptCopy);
            check(result.kept().size() == model.size(), "prune kept " + result.kept().size() + ", the model " + model.size());
            Set<ChunkId> needed = needed();
            check(repository.chunks().equals(needed), "after prune the repository holds " + repository.chunks().size()
                    + " chunks, the kept snapshots need " + needed.size());
        }

        boolean listsTheModel() {
            List<String> ids = new ArrayList<>(model.stream().map(m -> (String) m[0]).toList());
            java.util.Collections.reverse(ids);
            return engine.list().stream().map(Snapshot::id).toList().equals(ids);
        }

        boolean restoresEverySnapshot() {
            for (Object[] m : model) {
                ByteArrayOutputStreamTarget target = new ByteArrayOutputStreamTarget();
                engine.restore((String) m[0], target);
                if (!Arrays.equals((byte[]) m[1], target.bytes.toByteArray())) {
                    return false;
                }
            }
            return true;
        }

        private void checkNoChunkMissing() {
            Set<ChunkId> stored = repository.chunks();
            check(stored.containsAll(needed()), "a chunk a snapshot needs is missing");
        }

        private Set<ChunkId> needed() {
            Set<ChunkId> ids = new HashSet<>();
            for (Object[] m : model) {
                String json = new String(repository.getManifest((String) m[0]).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
                java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f]{64})\"").matcher(json);
                while (matcher.find()) {
                    ids.add(new ChunkId(matcher.group(1)));
                }
            }
            return ids;
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new AssertionError(message);
            }
        }

        @Override
        public void close() {
            engine.close();
            repository.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "Harness" + model.stream().map(m -> m[0]).toList();
        }
    }

    /** A restore target in memory. */
    static final class ByteArrayOutputStreamTarget implements RestoreTarget {
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        @Override
        public String describe() {
            return "memory";
        }

        @Override
        public OutputStream open(long size) {
            return bytes;
        }
    }

    /** A clock that moves one second per backup, so snapshots have distinct times in model order. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance() {
            now = now.plus(Duration.ofSeconds(1));
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
